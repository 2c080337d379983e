package dev.tickettriage.examples.quickstart;

import dev.tickettriage.io.RecordFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The parsed command line. {@code input} is empty for the bundled sample and {@code "-"} for stdin.
 */
record Options(Optional<String> input, OutputFormat format, Optional<RecordFormat> inputFormat, String textColumn,
               Optional<String> subjectColumn, Optional<String> taxonomyFile, int workers, boolean quiet,
               boolean help, boolean printTaxonomy, AlertOptions alerts, Provider provider, Optional<String> baseUrl,
               Optional<String> model, int maxInFlight, HfApi hfApi, EmbeddedOptions embedded,
               Optional<String> jdbcUrl) {

    static final String DEFAULT_TEXT_COLUMN = "text";
    static final String DEFAULT_SUBJECT_COLUMN = "subject";
    static final int DEFAULT_WORKERS = 2;
    /** Where {@code --persist} keeps tickets: an H2 file any number of quickstart processes can share (AUTO_SERVER). */
    static final String PERSIST_URL = "jdbc:h2:file:./triage-data/tickets;AUTO_SERVER=TRUE";

    /** Which classifier triages: the offline rule classifier, OpenAI (or a compatible server), or the HuggingFace router. */
    enum Provider { RULES, OPENAI, HUGGINGFACE }

    /** Which HuggingFace API {@code --provider huggingface} calls: router chat, the hosted task APIs, or a TGI server. */
    enum HfApi { CHAT, TASKS, TGI }

    /** How results are written to stdout. */
    enum OutputFormat { TABLE, JSONL, CSV }

    static final String USAGE = """
            Usage: triage [options] [FILE | -]

            Triages support tickets offline with the rule classifier and prints the results.
            Without FILE it triages a bundled sample of 50 tickets (English and Spanish).
            FILE is a CSV file with a header row (RFC 4180, UTF-8) or JSONL ({"text": ...} per line);
            '-' reads standard input.

            Options:
              --format table|jsonl|csv   output on stdout (default table); jsonl and csv carry the input
                                         row number and every classification field
              --input-format csv|jsonl   input format (default: from the file extension; for stdin,
                                         JSONL when the first non-blank character is '{', else CSV)
              --text-column NAME         column (or JSON field) holding the ticket text (default text)
              --subject-column NAME      column holding a subject (default: 'subject' when present)
              --taxonomy FILE            your own categories and custom fields as JSON (see taxonomy-example.json,
                                         taxonomies/support-with-fields.json)
              --print-taxonomy           print the taxonomy in use as JSON and exit (a start for your own)
              --workers N                background classification threads (default 2; 0 = main thread only)
              --provider openai|huggingface|rules
                                         the classifier (default rules, offline); openai reads the key from
                                         OPENAI_API_KEY, huggingface from HF_TOKEN; with no key a hosted
                                         provider falls back to rules, but a --base-url server needs no key
              --hf-api chat|tasks|tgi    which HuggingFace API (default chat): chat = an instruct model
                                         through the router (--model owner/name[:provider]); tasks =
                                         zero-shot-classification for the category (--model, default
                                         facebook/bart-large-mnli) + a sentiment model, priority from rules;
                                         tgi = your Text Generation Inference server at --base-url
              --base-url URL             an OpenAI-compatible API (vLLM, Ollama http://localhost:11434/v1,
                                         llama.cpp, LM Studio); implies --provider openai when none is given
              --model NAME               the model (default gpt-4o-mini; huggingface:
                                         mistralai/Mistral-7B-Instruct-v0.2)
              --max-in-flight N          LLM requests in flight at once (default 64)
              --classifier rules|embedded
                                         embedded: an offline ML classifier trained in this JVM from labelled
                                         examples (--train FILE, else the taxonomy's examples); no text leaves
                                         the machine. With --provider as well, the LLM gets only the tickets the
                                         embedded classifier is unsure about (--cascade-threshold)
              --train FILE               labelled CSV/JSONL to train the embedded classifier on (text from
                                         --text-column); its category labels form the taxonomy unless --taxonomy
              --category-column NAME     the training file's category label column (default category, when
                                         neither this nor --sentiment-column is given)
              --sentiment-column NAME    the training file's sentiment column (negative, neutral, positive, ...)
              --priority-column NAME     the training file's priority column (low, medium, high, urgent)
              --save-model FILE          save the trained embedded model (reuse it with --model FILE)
              --model FILE               with --classifier embedded: a saved model to load instead of training
                                         (with an LLM provider too, name the LLM model with --llm-model)
              --llm-model NAME           the LLM model, whatever --classifier is (same as --model for LLMs)
              --encoder bge-small|minilm the embedded classifier's in-jar sentence encoder (default bge-small)
              --cascade-threshold P      embedded first, LLM when its category confidence is below P (default 0.6)
              --ntfy-topic TOPIC         also push alerts to this ntfy topic; server from NTFY_SERVER
                                         (default https://ntfy.sh), access token from NTFY_TOKEN
              --smtp-host HOST           also e-mail alerts through this SMTP server; needs --smtp-from
                                         and --smtp-to
              --smtp-port N              SMTP port (default 587; 465 with --smtp-security ssl)
              --smtp-security MODE       starttls (default, required), ssl, or none (local relays)
              --smtp-from ADDRESS        sender address
              --smtp-to ADDRESS[,...]    recipients
              --smtp-cc ADDRESS[,...]    copy recipients
              --smtp-user USER           log in as USER; the password comes from SMTP_PASSWORD
              --jdbc-url URL             keep tickets in this database (jdbc:postgresql://..., jdbc:mariadb://...,
                                         jdbc:h2:file:...) instead of memory; user and password from
                                         TRIAGE_DB_USER and TRIAGE_DB_PASSWORD. Several processes on one
                                         database split the work
              --persist                  keep tickets in the H2 file ./triage-data/tickets (same as
                                         --jdbc-url 'jdbc:h2:file:./triage-data/tickets;AUTO_SERVER=TRUE')
              -q, --quiet                no progress display on stderr
              -h, --help                 this text

            Notifications fired by the routing rules are listed after the table; in jsonl/csv mode
            only their count is reported, on stderr, so stdout stays machine-readable.
            A malformed input row (bad CSV quoting, invalid UTF-8, a line that is not a JSON object,
            a non-string text field, JSON nested or sized beyond the limits) is reported on stderr
            with its line number and skipped; every other row is still triaged, in order.
            Exit codes: 0 done (rows with blank text are skipped with a warning), 1 unexpected failure,
            2 bad usage or input (nothing triaged), 3 done but some malformed rows were skipped.
            """;

    /**
     * Parses {@code args}.
     *
     * @throws UsageException for an unknown option, a missing or bad value, or a second input
     */
    static Options parse(String[] args) {
        @Nullable String input = null;
        OutputFormat format = OutputFormat.TABLE;
        @Nullable RecordFormat inputFormat = null;
        String textColumn = DEFAULT_TEXT_COLUMN;
        @Nullable String subjectColumn = null;
        @Nullable String taxonomy = null;
        int workers = DEFAULT_WORKERS;
        boolean quiet = false;
        boolean help = false;
        boolean printTaxonomy = false;
        boolean optionsEnded = false;
        Map<String, String> alerts = new LinkedHashMap<>();
        @Nullable Provider provider = null;
        @Nullable String baseUrl = null;
        @Nullable String model = null;
        int maxInFlight = 0;
        @Nullable HfApi hfApi = null;
        Map<String, String> embedded = new LinkedHashMap<>();
        @Nullable String jdbcUrl = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!optionsEnded && arg.startsWith("-") && !arg.equals("-")) {
                String name = arg;
                @Nullable String inlineValue = null;
                int equals = arg.indexOf('=');
                if (arg.startsWith("--") && equals > 0) {
                    name = arg.substring(0, equals);
                    inlineValue = arg.substring(equals + 1);
                }
                switch (name) {
                    case "--" -> optionsEnded = true;
                    case "-h", "--help" -> help = true;
                    case "-q", "--quiet" -> quiet = true;
                    case "--print-taxonomy" -> printTaxonomy = true;
                    case "--format" -> format = enumValue(OutputFormat.class, name,
                            inlineValue != null ? inlineValue : value(args, ++i, name));
                    case "--input-format" -> inputFormat = enumValue(RecordFormat.class, name,
                            inlineValue != null ? inlineValue : value(args, ++i, name));
                    case "--text-column" -> textColumn = nonBlank(name, inlineValue != null ? inlineValue : value(args, ++i, name));
                    case "--subject-column" -> subjectColumn = nonBlank(name, inlineValue != null ? inlineValue : value(args, ++i, name));
                    case "--taxonomy" -> taxonomy = nonBlank(name, inlineValue != null ? inlineValue : value(args, ++i, name));
                    case "--workers" -> workers = workers(inlineValue != null ? inlineValue : value(args, ++i, name));
                    case "--ntfy-topic", "--smtp-host", "--smtp-port", "--smtp-from", "--smtp-to", "--smtp-cc",
                         "--smtp-security", "--smtp-user" ->
                            alerts.put(name, nonBlank(name, inlineValue != null ? inlineValue : value(args, ++i, name)));
                    case "--provider" -> provider = enumValue(Provider.class, name, inlineValue != null ? inlineValue : value(args, ++i, name));
                    case "--base-url" -> baseUrl = url(inlineValue != null ? inlineValue : value(args, ++i, name));
                    case "--model" -> model = nonBlank(name, inlineValue != null ? inlineValue : value(args, ++i, name)).strip();
                    case "--hf-api" -> hfApi = enumValue(HfApi.class, name, inlineValue != null ? inlineValue : value(args, ++i, name));
                    case "--max-in-flight" -> maxInFlight = maxInFlight(inlineValue != null ? inlineValue : value(args, ++i, name));
                    case "--jdbc-url" -> jdbcUrl = jdbcUrl(inlineValue != null ? inlineValue : value(args, ++i, name));
                    case "--persist" -> jdbcUrl = jdbcUrl != null ? jdbcUrl : PERSIST_URL;
                    case "--classifier", "--train", "--category-column", "--sentiment-column", "--priority-column", "--save-model",
                         "--llm-model", "--encoder", "--cascade-threshold" ->
                            embedded.put(name, nonBlank(name, inlineValue != null ? inlineValue : value(args, ++i, name)).strip());
                    default -> throw new UsageException("unknown option '" + arg + "' (see --help)");
                }
            } else if (input == null) {
                input = arg;
            } else {
                throw new UsageException("only one input file may be given, got '" + input + "' and '" + arg + "'");
            }
        }
        if (hfApi != null && provider != null && provider != Provider.HUGGINGFACE) {
            throw new UsageException("option --hf-api only applies to --provider huggingface");
        }
        if (hfApi != null && provider == null) provider = Provider.HUGGINGFACE;   // --hf-api names a HuggingFace API
        if (hfApi == HfApi.TGI && baseUrl == null) {
            throw new UsageException("option --hf-api tgi needs --base-url, the TGI server (such as http://localhost:8080)");
        }
        EmbeddedOptions embeddedOptions = EmbeddedOptions.of(embedded, model);
        return new Options(Optional.ofNullable(input), format, Optional.ofNullable(inputFormat), textColumn,
                Optional.ofNullable(subjectColumn), Optional.ofNullable(taxonomy), workers, quiet, help, printTaxonomy,
                AlertOptions.of(alerts),
                provider != null ? provider : baseUrl != null ? Provider.OPENAI : Provider.RULES,
                Optional.ofNullable(baseUrl), embeddedOptions.llmModel(), maxInFlight, hfApi != null ? hfApi : HfApi.CHAT, embeddedOptions,
                Optional.ofNullable(jdbcUrl));
    }

    private static String jdbcUrl(String value) {
        String url = value.strip();
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:mariadb:") && !url.startsWith("jdbc:h2:")) {
            throw new UsageException("option --jdbc-url must start with jdbc:postgresql:, jdbc:mariadb: or jdbc:h2:");
        }
        return url;
    }

    private static String value(String[] args, int index, String name) {
        if (index >= args.length) {
            throw new UsageException("option " + name + " needs a value (see --help)");
        }
        return args[index];
    }

    private static String nonBlank(String name, String value) {
        if (value.isBlank()) {
            throw new UsageException("option " + name + " needs a non-blank value");
        }
        return value;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder allowed = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                allowed.append(allowed.length() == 0 ? "" : "|").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new UsageException("option " + name + " must be " + allowed + ", was '" + value + "'");
        }
    }

    private static int workers(String value) {
        try {
            int workers = Integer.parseInt(value.strip());
            if (workers >= 0 && workers <= 64) return workers;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("option --workers must be a whole number from 0 to 64, was '" + value + "'");
    }

    private static String url(String value) {
        String url = value.strip();
        if (!(url.startsWith("http://") || url.startsWith("https://")) || url.length() < 10 || url.chars().anyMatch(Character::isWhitespace)) {
            throw new UsageException("option --base-url must be an http(s) URL such as http://localhost:11434/v1, was '" + value + "'");
        }
        return url;
    }

    private static int maxInFlight(String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= 4_096) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("option --max-in-flight must be a whole number from 1 to 4096, was '" + value + "'");
    }
}
