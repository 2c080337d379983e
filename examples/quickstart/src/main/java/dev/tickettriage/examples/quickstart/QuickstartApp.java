package dev.tickettriage.examples.quickstart;

import dev.tickettriage.pipeline.IntakeConfig;
import dev.tickettriage.pipeline.WorkerConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.io.TaxonomyJson;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.classifier.Classifiers;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.io.TextRecord;
import dev.tickettriage.io.TextRecords;
import dev.tickettriage.port.Classifier;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The quickstart command: triages the bundled sample, a CSV/JSONL file or stdin with the rule classifier,
 * the in-memory store and a console notifier, and prints a table (or JSONL/CSV) on stdout. See
 * {@link Options#USAGE} for the command line. {@link #run} is the whole program with its streams injected,
 * so tests run it in-process.
 */
public final class QuickstartApp {

    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for an unexpected failure. */
    public static final int FAILURE = 1;
    /** Exit code for bad usage or bad input. */
    public static final int USAGE = 2;
    /** Exit code when every readable row was triaged but some input rows were malformed and skipped. */
    public static final int ROWS_SKIPPED = 3;

    private static final int KEEP_NOTIFICATIONS = 1_000;
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(5);

    private final LongSupplier nanoTime;
    private final boolean interactive;
    private final int chunkSize;
    private final @Nullable Classifier classifier;
    private final Map<String, String> env;

    /**
     * @param nanoTime    the clock for progress and timing ({@code System::nanoTime} in production)
     * @param interactive whether stderr is a terminal (progress rewrites one line in place)
     * @param chunkSize   rows per submit/drain round
     * @param classifier  replaces the default rule classifier (tests); null for the default
     */
    QuickstartApp(LongSupplier nanoTime, boolean interactive, int chunkSize, @Nullable Classifier classifier) {
        this(nanoTime, interactive, chunkSize, classifier, System.getenv());
    }

    /** As above, with the environment injected: API keys (OPENAI_API_KEY, HF_TOKEN) and alert settings (NTFY_SERVER, NTFY_TOKEN, SMTP_PASSWORD). */
    QuickstartApp(LongSupplier nanoTime, boolean interactive, int chunkSize, @Nullable Classifier classifier,
                  Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.interactive = interactive;
        if (chunkSize < 1) throw new IllegalArgumentException("chunkSize must be positive, was " + chunkSize);
        this.chunkSize = chunkSize;
        this.classifier = classifier;
    }

    /** An app with the system clock and the rule classifier, for non-interactive use. */
    public QuickstartApp() {
        this(System::nanoTime, false, BatchTriage.DEFAULT_CHUNK_SIZE, null);
    }

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = new QuickstartApp(System::nanoTime, System.console() != null, BatchTriage.DEFAULT_CHUNK_SIZE, null)
                .run(args, System.in, out, err);
        out.flush();
        err.flush();
        if (code != OK) {
            System.exit(code);
        }
    }

    /**
     * Runs the command: parses {@code args}, reads the input from a file, the bundled sample or {@code stdin},
     * writes results to {@code out} and warnings, progress and errors to {@code err}.
     *
     * @return {@link #OK}, {@link #USAGE} for bad usage or input, {@link #ROWS_SKIPPED} when malformed rows were
     *         skipped, {@link #FAILURE} for anything unexpected
     */
    public int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        Objects.requireNonNull(args, "args");
        try {
            Options options = Options.parse(args);
            if (options.help()) {
                out.print(Options.USAGE);
                out.flush();
                return OK;
            }
            Optional<Taxonomy> given = options.taxonomyFile().map(QuickstartApp::readTaxonomy);
            BatchTriage.Summary summary;
            try (EmbeddedSetup embedded = options.embedded().enabled() && classifier == null
                    ? EmbeddedSetup.prepare(options, given, stdin, err) : null) {
                Taxonomy taxonomy = embedded != null ? embedded.taxonomy() : given.orElse(Taxonomy.defaultSupport());
                if (options.printTaxonomy()) {
                    out.print(TaxonomyJson.write(taxonomy));
                    out.flush();
                    return OK;
                }
                summary = triage(options, taxonomy, embedded, stdin, out, err);
            }
            if (summary.unreadable() > 0) {
                err.println("warning: " + summary.unreadable() + " malformed input row(s) were skipped (exit code "
                        + ROWS_SKIPPED + ")");
                return ROWS_SKIPPED;
            }
            return OK;
        } catch (UsageException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (InvalidInputException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (UncheckedIOException e) {
            out.flush();
            if (e.getCause() instanceof CharacterCodingException) {
                err.println("error: the input is not valid UTF-8 text (save it as UTF-8 and try again)");
                return USAGE;
            }
            err.println("error: reading the input failed: " + e.getCause().getMessage());
            return USAGE;
        } catch (RuntimeException e) {
            out.flush();
            err.println("error: unexpected failure, please report it:");
            e.printStackTrace(err);
            return FAILURE;
        }
    }

    private BatchTriage.Summary triage(Options options, Taxonomy taxonomy, @Nullable EmbeddedSetup embedded, InputStream stdin,
                                       PrintStream out, PrintStream err) {
        long start = nanoTime.getAsLong();
        Map<TicketId, Long> rowsInFlight = new ConcurrentHashMap<>();
        ConsoleNotifier notifier = new ConsoleNotifier(rowsInFlight,
                options.format() == Options.OutputFormat.TABLE ? KEEP_NOTIFICATIONS : 0);
        ResultWriter writer = writer(options.format(), taxonomy, out);
        BatchTriage.Summary summary;
        Optional<Classifier> remote = classifier == null
                ? ProviderClassifiers.pick(options, env::get, err) : Optional.empty();
        try (AutoCloseable closeRemote = () -> {
                 if (remote.isPresent()) ProviderClassifiers.close(remote.get());
             };
             InputSource input = InputSource.open(options.input(), options.inputFormat(), stdin);
             TicketStore store = TicketStore.open(options.jdbcUrl(), options.workers(), env, 2 * chunkSize);
             TicketTriage triage = builder(chosen(embedded, remote, options))
                     .repository(store.repository())
                     .taxonomy(taxonomy)
                     .defaultNotifier(AlertChannels.create(options.alerts(), notifier, env))
                     .workers(WorkerConfig.ofDefaults().withWorkers(options.workers()))
                     // a full chunk fits the backlog, so submit never waits when there are no workers
                     .intake(IntakeConfig.ofDefaults().withBacklog(chunkSize, SUBMIT_TIMEOUT))
                     .build()
                     .start()) {
            Progress progress = new Progress(err, !options.quiet(), interactive, nanoTime);
            BatchTriage batch = new BatchTriage(triage, columns(options, input), chunkSize, rowsInFlight, err, progress);
            try (Stream<TextRecord> records = TextRecords.read(input.in(), input.format(), new ObjectMapper(),
                    stringFields(options), batch::unreadable)) {
                writer.begin();
                try {
                    summary = batch.run(records, writer);
                } finally {
                    writer.end();
                }
            } catch (InvalidInputException e) {
                throw new UsageException(input.name() + ": " + e.reason(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing the classifier failed", e);
        }
        Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
        if (options.format() == Options.OutputFormat.TABLE) {
            notifier.print(out);
            out.println();
            printSummary(out, summary, notifier.count(), elapsed);
            out.flush();
        } else {
            printSummary(err, summary, notifier.count(), elapsed);
        }
        return summary;
    }

    /** The JSONL fields that must be strings: the text and subject fields. */
    private static Set<String> stringFields(Options options) {
        return Stream.of(options.textColumn(), options.subjectColumn().orElse(Options.DEFAULT_SUBJECT_COLUMN))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The embedded classifier, cascading to the LLM below the threshold when a provider is set too; else the LLM; else none (rules). */
    private static @Nullable Classifier chosen(@Nullable EmbeddedSetup embedded, Optional<Classifier> remote,
                                               Options options) {
        if (embedded == null) return remote.orElse(null);
        if (remote.isEmpty()) return embedded.classifier();
        return Classifiers.firstConfident(embedded.classifier(), options.embedded().cascadeThreshold(), remote.get());
    }

    private TicketTriage.Builder builder(@Nullable Classifier chosen) {
        TicketTriage.Builder builder = TicketTriage.builder();
        if (classifier != null) {
            builder.classifier(classifier);
        } else if (chosen != null) {
            builder.classifier(chosen);
        }
        return builder;
    }

    private static BatchTriage.Columns columns(Options options, InputSource input) {
        boolean subjectRequired = options.subjectColumn().isPresent();
        Optional<String> subject = Optional.of(options.subjectColumn().orElse(Options.DEFAULT_SUBJECT_COLUMN));
        return new BatchTriage.Columns(input.format(), options.textColumn(), subject, subjectRequired);
    }

    private static ResultWriter writer(Options.OutputFormat format, Taxonomy taxonomy, PrintStream out) {
        return switch (format) {
            case TABLE -> new TableResultWriter(out, taxonomy);
            case JSONL -> new JsonlResultWriter(out, new ObjectMapper(), taxonomy);
            case CSV -> new CsvResultWriter(out, taxonomy);
        };
    }

    private static Taxonomy readTaxonomy(String file) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return TaxonomyJson.read(in);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read taxonomy " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UsageException("cannot read taxonomy " + file + ": permission denied");
        } catch (InvalidInputException e) {
            throw new UsageException("bad taxonomy " + file + ": " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException | InvalidPathException e) {
            throw new UsageException("cannot read taxonomy " + file + ": " + e.getMessage(), e);
        }
    }

    private static void printSummary(PrintStream stream, BatchTriage.Summary summary, long notifications, Duration elapsed) {
        stream.printf(Locale.ROOT, "Triaged %,d rows in %.1f s: %,d processed, %,d failed, %,d skipped; %,d notifications.%n",
                summary.rows(), elapsed.toMillis() / 1000.0, summary.processed(), summary.failed(), summary.skipped(),
                notifications);
        if (!summary.byCategory().isEmpty()) {
            stream.println("By category: " + summary.byCategory().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                    .map(entry -> entry.getKey() + " " + entry.getValue())
                    .collect(Collectors.joining(", ")));
        }
    }
}
