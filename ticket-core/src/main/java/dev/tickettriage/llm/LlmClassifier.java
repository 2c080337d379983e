package dev.tickettriage.llm;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TokenUsage;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.TriageException;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Classifier} over any {@link LlmTransport}: builds the {@link TriagePrompt}, redacts personal data, sends
 * one request per ticket or per batch of up to {@link ClassifierLimits#preferredBatchSize()} tickets, parses and
 * validates the answer, re-asks once with the validation error when it is invalid, and fails that ticket alone with a
 * {@link ModelOutputException} (raw output kept) when the repair is invalid too. In a batch, an answer missing or
 * invalid for one ticket falls back to a single-ticket request for that ticket. Labels outside the taxonomy are never
 * returned.
 *
 * <p>Confidence of the category comes from token log-probabilities when the transport returns them
 * ({@link ConfidenceSource#LOGPROB}; the model's own figure is then kept in the rationale), else from the model's
 * self-report ({@link ConfidenceSource#MODEL}). Tokens and the estimated cost of every call (a batch's tokens split
 * evenly over its tickets, repairs and fallbacks added to their ticket) are recorded in the provenance.
 *
 * <p>{@link #classifyAllAsync} never blocks and never uses the executor: continuations run on the transport's
 * threads. Immutable and thread-safe; build with {@link #builder(LlmTransport)}.
 */
public final class LlmClassifier implements Classifier {

    private static final Logger LOG = LoggerFactory.getLogger(LlmClassifier.class);

    public static final String DEFAULT_NAME = "llm";
    /** Default limits: 16 requests in flight, one ticket per request. */
    public static final ClassifierLimits DEFAULT_LIMITS = ClassifierLimits.remote(16, 1);

    private static final Set<ClassificationField> CAPABILITIES = Set.copyOf(EnumSet.of(ClassificationField.CATEGORY,
            ClassificationField.SENTIMENT, ClassificationField.PRIORITY, ClassificationField.LANGUAGE,
            ClassificationField.SUMMARY, ClassificationField.SUGGESTED_REPLY, ClassificationField.KEY_TOPICS));
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,100}");

    private final LlmTransport transport;
    private final String name;
    private final @Nullable String model;
    private final ClassifierLimits limits;
    private final boolean redactPii;
    private final @Nullable TokenPrice price;
    private final Clock clock;
    private final int maxBodyChars;
    private volatile @Nullable TriagePrompt lastPrompt;

    private LlmClassifier(Builder builder) {
        this.transport = Objects.requireNonNull(builder.transport, "transport");
        this.name = builder.name;
        this.model = builder.model;
        this.limits = builder.limits;
        this.redactPii = builder.redactPii;
        this.price = builder.price;
        this.clock = builder.clock;
        this.maxBodyChars = builder.maxBodyChars;
    }

    /** A builder sending through {@code transport}. */
    public static Builder builder(LlmTransport transport) {
        return new Builder(Objects.requireNonNull(transport, "transport"));
    }

    /** A builder whose transport is given at {@link Builder#build(LlmTransport)}, for classifiers that create their own. */
    public static Builder builder() {
        return new Builder(null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public ClassifierLimits limits() {
        return limits;
    }

    /** Whether personal data is redacted before requests leave the JVM. */
    public boolean redactsPii() {
        return redactPii;
    }

    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        Objects.requireNonNull(ticket, "ticket");
        ClassificationResult result = single(ticket, prompt(taxonomy)).join();
        Optional<Classification> value = result.value();
        if (value.isPresent()) return value.get();
        throw result.error().orElseThrow(() -> new IllegalStateException("a result has a value or an error"));
    }

    @Override
    public List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
        return classifyAllAsync(tickets, taxonomy, Runnable::run).toCompletableFuture().join();
    }

    @Override
    public CompletionStage<List<ClassificationResult>> classifyAllAsync(List<Ticket> tickets, Taxonomy taxonomy, Executor executor) {
        Objects.requireNonNull(tickets, "tickets");
        if (tickets.isEmpty()) return CompletableFuture.completedFuture(List.of());
        TriagePrompt prompt = prompt(taxonomy);
        int size = limits.preferredBatchSize();
        List<CompletableFuture<List<ClassificationResult>>> parts = new ArrayList<>();
        for (int from = 0; from < tickets.size(); from += size) {
            List<Ticket> chunk = List.copyOf(tickets.subList(from, Math.min(tickets.size(), from + size)));
            parts.add(chunk.size() == 1 ? single(chunk.get(0), prompt).thenApply(List::of) : batch(chunk, prompt));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            List<ClassificationResult> results = new ArrayList<>(tickets.size());
            for (CompletableFuture<List<ClassificationResult>> part : parts) results.addAll(part.join());
            return results;
        });
    }

    private TriagePrompt prompt(Taxonomy taxonomy) {
        Objects.requireNonNull(taxonomy, "taxonomy");
        TriagePrompt cached = lastPrompt;
        if (cached != null && (cached.taxonomy() == taxonomy || cached.taxonomy().equals(taxonomy))) return cached;
        TriagePrompt fresh = TriagePrompt.of(taxonomy, maxBodyChars);
        lastPrompt = fresh;
        return fresh;
    }

    // ---- one ticket ----

    private CompletableFuture<ClassificationResult> single(Ticket ticket, TriagePrompt prompt) {
        return single(ticket, prompt, TokenUsage.NONE, clock.instant());
    }

    private CompletableFuture<ClassificationResult> single(Ticket ticket, TriagePrompt prompt, TokenUsage spent, Instant started) {
        Prepared prepared = prepare(ticket);
        LlmRequest request = prompt.single(prepared.text);
        return send(request).thenCompose(first -> {
            if (first.failure != null) return done(ClassificationResult.failure(ticket.id(), first.failure));
            LlmReply reply = first.reply();
            TokenUsage used = spent.plus(reply.usage());
            try {
                return done(success(ticket, prompt, prepared, AnswerParser.parseSingleChecked(reply, prompt.taxonomy()), reply, 0, used, started));
            } catch (InvalidAnswer invalid) {
                if (invalid.kind() == ModelOutputException.Kind.CONTENT_FILTER) return done(failed(ticket, invalid, reply));
                LOG.debug("ticket {}: answer rejected ({}), asking once more", ticket.id(), invalid.kind());
                LlmRequest repair = prompt.repair(request, reply.content().orElse(reply.refusal().orElse("")), invalid.getMessage());
                return send(repair).thenApply(second -> {
                    if (second.failure != null) return ClassificationResult.failure(ticket.id(), second.failure);
                    LlmReply repaired = second.reply();
                    TokenUsage total = used.plus(repaired.usage());
                    try {
                        return success(ticket, prompt, prepared, AnswerParser.parseSingleChecked(repaired, prompt.taxonomy()), repaired, 0, total, started);
                    } catch (InvalidAnswer again) {
                        return failed(ticket, again, repaired);
                    }
                });
            }
        });
    }

    private ClassificationResult failed(Ticket ticket, InvalidAnswer invalid, LlmReply reply) {
        LOG.debug("ticket {}: answer rejected after the repair attempt ({})", ticket.id(), invalid.kind());
        String message = "Classifier " + name + ": the model's answer for ticket " + ticket.id() + " was rejected ("
                + invalid.kind().name().toLowerCase(Locale.ROOT) + ") after one repair attempt"
                + reply.requestId().map(id -> "; request id " + id).orElse("");
        return ClassificationResult.failure(ticket.id(), new ModelOutputException(message, invalid.kind(),
                reply.content().orElse(reply.refusal().orElse(null)), invalid.getMessage()));
    }

    // ---- a batch ----

    private CompletableFuture<List<ClassificationResult>> batch(List<Ticket> tickets, TriagePrompt prompt) {
        Instant started = clock.instant();
        List<Prepared> prepared = new ArrayList<>(tickets.size());
        List<TriagePrompt.TicketText> texts = new ArrayList<>(tickets.size());
        List<String> refs = new ArrayList<>(tickets.size());
        for (int i = 0; i < tickets.size(); i++) {
            Prepared one = prepare(tickets.get(i));
            prepared.add(one);
            texts.add(one.text);
            refs.add(OutputSchema.ticketRef(i + 1));
        }
        return send(prompt.batch(texts)).thenCompose(sent -> {
            if (sent.failure != null) {
                List<ClassificationResult> failures = new ArrayList<>();
                for (Ticket ticket : tickets) failures.add(ClassificationResult.failure(ticket.id(), sent.failure));
                return done(failures);
            }
            LlmReply reply = sent.reply();
            List<TokenUsage> shares = split(reply.usage(), tickets.size());
            AnswerParser.BatchAnswer answer;
            try {
                answer = AnswerParser.parseBatchChecked(reply, prompt.taxonomy(), refs);
            } catch (InvalidAnswer invalid) {
                LOG.debug("batch of {}: answer rejected ({}), falling back to one request per ticket", tickets.size(), invalid.kind());
                answer = new AnswerParser.BatchAnswer(Map.of(), Map.of());
            }
            List<CompletableFuture<ClassificationResult>> results = new ArrayList<>(tickets.size());
            String content = reply.content().orElse("");
            for (int i = 0; i < tickets.size(); i++) {
                Ticket ticket = tickets.get(i);
                ParsedAnswer parsed = answer.answers().get(refs.get(i));
                if (parsed != null) {
                    int from = LogprobConfidence.itemStart(content, refs.get(i));
                    results.add(done(success(ticket, prompt, prepared.get(i), parsed, reply, from, shares.get(i), started)));
                } else {
                    LOG.debug("ticket {}: no valid answer in its batch, asking for it alone", ticket.id());
                    results.add(single(ticket, prompt, shares.get(i), started));
                }
            }
            return CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0])).thenApply(all -> {
                List<ClassificationResult> list = new ArrayList<>(results.size());
                for (CompletableFuture<ClassificationResult> result : results) list.add(result.join());
                return list;
            });
        });
    }

    static List<TokenUsage> split(TokenUsage usage, int parts) {
        List<TokenUsage> shares = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            long input = usage.inputTokens() / parts + (i == 0 ? usage.inputTokens() % parts : 0);
            long output = usage.outputTokens() / parts + (i == 0 ? usage.outputTokens() % parts : 0);
            shares.add(new TokenUsage(input, output));
        }
        return shares;
    }

    // ---- shared ----

    private record Prepared(TriagePrompt.TicketText text, PiiRedactor.Redaction redaction) {
    }

    private Prepared prepare(Ticket ticket) {
        String subject = ticket.subject().orElse("");
        String body = ticket.body();
        if (!redactPii) return new Prepared(new TriagePrompt.TicketText(subject, body, ticket.channel().name()), PiiRedactor.Redaction.none(""));
        PiiRedactor.Redaction redaction = PiiRedactor.ofDefaults().redact(subject + '\u0000' + body);
        String redacted = redaction.text();
        int cut = redacted.indexOf('\u0000');
        return new Prepared(new TriagePrompt.TicketText(redacted.substring(0, cut), redacted.substring(cut + 1), ticket.channel().name()), redaction);
    }

    private record Sent(@Nullable LlmReply reply, @Nullable ClassificationException failure) {
        @Override
        public LlmReply reply() {
            return Objects.requireNonNull(reply, "reply");
        }
    }

    private CompletableFuture<Sent> send(LlmRequest request) {
        CompletionStage<LlmReply> stage;
        try {
            stage = transport.send(request);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.toCompletableFuture().handle((reply, thrown) -> {
            if (thrown == null) return new Sent(Objects.requireNonNull(reply, "reply"), null);
            Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
            if (cause instanceof ClassificationException) return new Sent(null, (ClassificationException) cause);
            if (cause instanceof TriageException) {
                TriageException triage = (TriageException) cause;
                return new Sent(null, triage.retryable()
                        ? ClassificationException.retryable("Classifier " + name + " failed: " + cause.getClass().getSimpleName(), cause)
                        : ClassificationException.permanent("Classifier " + name + " failed: " + cause.getClass().getSimpleName(), cause));
            }
            return new Sent(null, ClassificationException.unexpected(name, cause));
        });
    }

    private static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    private ClassificationResult success(Ticket ticket, TriagePrompt prompt, Prepared prepared, ParsedAnswer answer, LlmReply reply,
                                         int itemStart, TokenUsage usage, Instant started) {
        PiiRedactor.Redaction redaction = prepared.redaction;
        Classification.Builder builder = Classification.builder()
                .category(prompt.taxonomy().require(answer.category()))
                .sentiment(answer.sentiment())
                .sentimentScore(score(answer.sentiment()))
                .priority(answer.priority())
                .language(answer.language())
                .summary(answer.summary() == null ? null : redaction.restore(answer.summary()))
                .suggestedReply(answer.suggestedReply() == null ? null : redaction.restore(answer.suggestedReply()))
                .keyTopics(answer.keyTopics().stream().map(redaction::restore).toList());
        Optional<Double> logprob = LogprobConfidence.category(reply.content().orElse(""), reply.logprobs(), Math.max(0, itemStart));
        String rationale = answer.rationale() == null ? null : redaction.restore(answer.rationale());
        if (logprob.isPresent()) {
            builder.confidence(ClassificationField.CATEGORY, Confidence.of(logprob.get(), ConfidenceSource.LOGPROB));
            if (answer.categoryConfidence() != null) {
                String selfReport = String.format(Locale.ROOT, "self-reported category confidence %.2f", answer.categoryConfidence());
                rationale = rationale == null || rationale.isBlank() ? selfReport : rationale + " (" + selfReport + ")";
            }
        } else if (answer.categoryConfidence() != null) {
            builder.confidence(ClassificationField.CATEGORY, Confidence.of(answer.categoryConfidence(), ConfidenceSource.MODEL));
        }
        if (answer.sentimentConfidence() != null) builder.confidence(ClassificationField.SENTIMENT, Confidence.of(answer.sentimentConfidence(), ConfidenceSource.MODEL));
        if (answer.priorityConfidence() != null) builder.confidence(ClassificationField.PRIORITY, Confidence.of(answer.priorityConfidence(), ConfidenceSource.MODEL));
        builder.rationale(rationale);
        // no per-field confidence in the schema yet: custom fields carry the model's category confidence (or 0.5)
        Confidence fieldConfidence = Confidence.of(answer.categoryConfidence() == null ? 0.5 : answer.categoryConfidence(), ConfidenceSource.MODEL);
        for (ParsedAnswer.CustomValue value : answer.fields()) builder.field(value.name(), value.value(), fieldConfidence);
        Provenance.Builder provenance = Provenance.builder(name, prompt.taxonomy().version())
                .promptVersion(TriagePrompt.VERSION)
                .latency(positive(Duration.between(started, clock.instant())))
                .tokenUsage(usage);
        String answeredBy = reply.model().filter(m -> SAFE_NAME.matcher(m).matches()).orElse(model);
        if (answeredBy != null) provenance.model(answeredBy);
        if (price != null) provenance.estimatedCostUsd(price.cost(usage));
        LOG.debug("ticket {} -> {}/{} by {}", ticket.id(), answer.category().id(), answer.priority(), name);
        return ClassificationResult.success(ticket.id(), builder.provenance(provenance.build()).build());
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    /** The score in the middle of each grade's range of {@link Sentiment#fromScore(double)}. */
    static double score(Sentiment sentiment) {
        switch (sentiment) {
            case VERY_NEGATIVE: return -0.8;
            case NEGATIVE: return -0.4;
            case POSITIVE: return 0.4;
            case VERY_POSITIVE: return 0.8;
            default: return 0.0;
        }
    }

    @Override
    public String toString() {
        return "LlmClassifier[name=" + name + ", model=" + model + ", limits=" + limits + ", redactPii=" + redactPii + "]";
    }

    /** Builds an {@link LlmClassifier}; not thread-safe. */
    public static final class Builder {
        private @Nullable LlmTransport transport;
        private String name = DEFAULT_NAME;
        private @Nullable String model;
        private ClassifierLimits limits = DEFAULT_LIMITS;
        private boolean redactPii = true;
        private @Nullable TokenPrice price;
        private Clock clock = Clock.systemUTC();
        private int maxBodyChars = TriagePrompt.DEFAULT_MAX_BODY_CHARS;

        private Builder(@Nullable LlmTransport transport) {
            this.transport = transport;
        }

        /** The name in provenance and logs (default {@value #DEFAULT_NAME}). */
        public Builder name(String value) {
            Objects.requireNonNull(value, "name");
            if (value.isBlank()) throw new IllegalArgumentException("name must not be blank");
            this.name = value;
            return this;
        }

        /** The model name recorded when the reply names none (default none). */
        public Builder model(String value) {
            this.model = Objects.requireNonNull(value, "model");
            return this;
        }

        /** In-flight requests and tickets per request (default {@link #DEFAULT_LIMITS}). */
        public Builder limits(ClassifierLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /** Whether to replace e-mails, phone, card numbers and IBANs before sending (default true). */
        public Builder redactPii(boolean value) {
            this.redactPii = value;
            return this;
        }

        /** The price used to estimate each call's cost (default none: cost unknown). */
        public Builder price(TokenPrice value) {
            this.price = Objects.requireNonNull(value, "price");
            return this;
        }

        /** The clock for latencies (default UTC system clock). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Ticket body characters sent at most (default {@value TriagePrompt#DEFAULT_MAX_BODY_CHARS}). */
        public Builder maxBodyChars(int value) {
            if (value < 100) throw new IllegalArgumentException("maxBodyChars must be >= 100, was " + value);
            this.maxBodyChars = value;
            return this;
        }

        /**
         * @throws IllegalStateException when the builder came from {@link LlmClassifier#builder()} (use {@link #build(LlmTransport)})
         */
        public LlmClassifier build() {
            if (transport == null) throw new IllegalStateException("transport is required: use build(transport)");
            return new LlmClassifier(this);
        }

        /** Builds with {@code value} as the transport. */
        public LlmClassifier build(LlmTransport value) {
            this.transport = Objects.requireNonNull(value, "transport");
            return new LlmClassifier(this);
        }
    }
}
