package dev.tickettriage.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes every call to a real classifier and appends each answer to a JSONL recordings file for
 * {@link ReplayClassifier}: one line per answered ticket, written and flushed as the answer arrives, keyed by the
 * classifier name, prompt version, taxonomy fingerprint and ticket text (failures are not recorded). Answers are
 * returned unchanged, and the batch and asynchronous forms keep theirs. A write failure never fails the live answer:
 * it is counted ({@link #writeFailures()}) and logged at WARN once.
 *
 * <pre>{@code
 * try (RecordingClassifier recorder = RecordingClassifier.builder(openAi, Path.of("src/test/resources/answers.jsonl"))
 *         .promptVersion(TriagePrompt.VERSION).build()) {
 *     Evaluator.builder(recorder, taxonomy).build().evaluate(examples);   // real calls, paid once
 * }
 * }</pre>
 *
 * <p>The file holds the model's answers (summaries and suggested replies may quote the tickets): treat it like the
 * tickets themselves. Thread-safe; close it to close the file.
 */
public final class RecordingClassifier implements Classifier, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingClassifier.class);

    private final Classifier delegate;
    private final Path file;
    private final String name;
    private final String promptVersion;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final BufferedWriter writer;   // guarded by itself
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();

    private RecordingClassifier(Builder builder) {
        this.delegate = builder.delegate;
        this.file = builder.file;
        this.name = builder.name == null ? delegate.name() : builder.name;
        this.promptVersion = builder.promptVersion;
        this.clock = builder.clock;
        this.mapper = builder.mapper;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open recordings file " + file + " for appending", e);
        }
    }

    /** A builder recording {@code delegate}'s answers to {@code file} (created if absent, appended to if present). */
    public static Builder builder(Classifier delegate, Path file) {
        return new Builder(Objects.requireNonNull(delegate, "delegate"), Objects.requireNonNull(file, "file"));
    }

    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        Classification classification = delegate.classify(ticket, taxonomy);
        record(ticket, taxonomy, classification);
        return classification;
    }

    @Override
    public List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
        return recorded(tickets, taxonomy, delegate.classifyAll(tickets, taxonomy));
    }

    @Override
    public CompletionStage<List<ClassificationResult>> classifyAllAsync(List<Ticket> tickets, Taxonomy taxonomy, Executor executor) {
        return delegate.classifyAllAsync(tickets, taxonomy, executor).thenApply(results -> recorded(tickets, taxonomy, results));
    }

    private List<ClassificationResult> recorded(List<Ticket> tickets, Taxonomy taxonomy, List<ClassificationResult> results) {
        Map<TicketId, Ticket> byId = new HashMap<>();
        for (Ticket ticket : tickets) byId.put(ticket.id(), ticket);
        for (ClassificationResult result : results) {
            Ticket ticket = byId.get(result.ticketId());
            if (ticket != null) result.value().ifPresent(classification -> record(ticket, taxonomy, classification));
        }
        return results;
    }

    private void record(Ticket ticket, Taxonomy taxonomy, Classification classification) {
        String line = Recordings.line(mapper, name, promptVersion, taxonomy, ticket, classification, clock.instant());
        try {
            synchronized (writer) {
                writer.write(line);
                writer.write('\n');
                writer.flush();
            }
            recorded.incrementAndGet();
        } catch (IOException e) {
            if (writeFailures.getAndIncrement() == 0) {
                LOG.warn("cannot append to recordings file {} ({}); answers are still returned, later failures only counted", file, e.toString());
            }
        }
    }

    /** Answers written to the file so far. */
    public long recorded() {
        return recorded.get();
    }

    /** Answers that could not be written. */
    public long writeFailures() {
        return writeFailures.get();
    }

    /** The name the answers are recorded under. */
    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public ClassifierLimits limits() {
        return delegate.limits();
    }

    /** Closes the file (the delegate is the host's to close). */
    @Override
    public void close() {
        synchronized (writer) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close recordings file " + file, e);
            }
        }
    }

    @Override
    public String toString() {
        return "RecordingClassifier[" + name + " -> " + file + "]";
    }

    /** Builds a {@link RecordingClassifier}; not thread-safe. */
    public static final class Builder {
        private final Classifier delegate;
        private final Path file;
        private @Nullable String name;
        private String promptVersion = "";
        private Clock clock = Clock.systemUTC();
        private ObjectMapper mapper = new ObjectMapper();

        private Builder(Classifier delegate, Path file) {
            this.delegate = delegate;
            this.file = file;
        }

        /** The classifier name answers are recorded under; default the delegate's {@link Classifier#name()}. */
        public Builder name(String value) {
            Objects.requireNonNull(value, "name");
            if (value.isBlank()) throw new IllegalArgumentException("name must not be blank");
            this.name = value;
            return this;
        }

        /**
         * The prompt version answers are recorded under (for example {@code TriagePrompt.VERSION}, or your own prompt's
         * version); replaying under another version reports {@code PROMPT_CHANGED}. Default empty.
         */
        public Builder promptVersion(String value) {
            this.promptVersion = Objects.requireNonNull(value, "promptVersion");
            return this;
        }

        /** The clock stamping {@code recordedAt}; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The mapper writing lines (not modified); default a plain {@link ObjectMapper}. */
        public Builder objectMapper(ObjectMapper value) {
            this.mapper = Objects.requireNonNull(value, "objectMapper");
            return this;
        }

        /** @throws UncheckedIOException when the file cannot be opened for appending */
        public RecordingClassifier build() {
            return new RecordingClassifier(this);
        }
    }
}
