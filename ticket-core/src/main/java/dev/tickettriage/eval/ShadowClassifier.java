package dev.tickettriage.eval;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.FieldKind;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a candidate classifier (a new prompt, model or taxonomy wording) beside the live one: every answer returned,
 * and so stored, is the live classifier's; the candidate classifies the same tickets in the background and its
 * answers are only compared, field by field, into a {@link ShadowReport} ({@link #report()}).
 *
 * <p><b>The live path never waits for or fails because of the candidate.</b> Tickets the live classifier answered
 * are handed to the candidate's asynchronous form on the shadow executor; at most {@link Builder#maxPending(int)}
 * tickets wait or run there, and further tickets are not shadowed but counted as {@link ShadowReport#dropped()}.
 * A candidate failure (an exception, a missing answer) is counted by type and never thrown. Tickets the live
 * classifier failed are not shadowed. Capabilities, limits and name are the live classifier's.
 *
 * <pre>{@code
 * try (ShadowClassifier shadow = ShadowClassifier.builder(liveOpenAi, candidateOpenAi).build()) {
 *     TicketTriage triage = TicketTriage.builder().classifier(shadow).build().start();
 *     // … later, for a dashboard or a decision to switch:
 *     ShadowReport report = shadow.report();
 *     double categoryAgreement = report.agreement("category");
 * }
 * }</pre>
 *
 * <p>Thread-safe. Close it to stop its own executor (a host-supplied executor is left running).
 */
public final class ShadowClassifier implements Classifier, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowClassifier.class);

    /** The default bound on tickets waiting for or in a candidate call. */
    public static final int DEFAULT_MAX_PENDING = 1_000;

    /** Candidate latencies kept for percentiles (the most recent ones). */
    static final int MAX_LATENCIES = 10_000;

    private static final List<String> BUILT_IN = List.of("category", "sentiment", "priority", "language");

    private final Classifier live;
    private final Classifier candidate;
    private final Executor executor;
    private final @Nullable ExecutorService ownExecutor;
    private final int maxPending;
    private final Semaphore pending;
    private final AtomicLong dropped = new AtomicLong();
    private final Object lock = new Object();
    // guarded by lock
    private final Map<String, Map<String, Map<String, Long>>> pairs = new LinkedHashMap<>();
    private final Map<String, Long> errors = new TreeMap<>();
    private final ArrayDeque<Duration> latencies = new ArrayDeque<>();
    private long compared;
    private long candidateTokens;

    private ShadowClassifier(Builder builder) {
        this.live = builder.live;
        this.candidate = builder.candidate;
        this.maxPending = builder.maxPending;
        this.pending = new Semaphore(maxPending);
        if (builder.executor != null) {
            this.executor = builder.executor;
            this.ownExecutor = null;
        } else {
            this.ownExecutor = Executors.newFixedThreadPool(builder.threads, new ShadowThreads());
            this.executor = ownExecutor;
        }
        for (String field : BUILT_IN) pairs.put(field, new TreeMap<>());
    }

    /** A builder running {@code candidate} in the shadow of {@code live}. */
    public static Builder builder(Classifier live, Classifier candidate) {
        return new Builder(Objects.requireNonNull(live, "live"), Objects.requireNonNull(candidate, "candidate"));
    }

    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        Classification answer = live.classify(ticket, taxonomy);
        shadow(List.of(ticket), Map.of(ticket.id(), answer), taxonomy);
        return answer;
    }

    @Override
    public List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
        List<ClassificationResult> results = live.classifyAll(tickets, taxonomy);
        shadowAnswered(tickets, results, taxonomy);
        return results;
    }

    @Override
    public CompletionStage<List<ClassificationResult>> classifyAllAsync(List<Ticket> tickets, Taxonomy taxonomy, Executor liveExecutor) {
        return live.classifyAllAsync(tickets, taxonomy, liveExecutor).thenApply(results -> {
            shadowAnswered(tickets, results, taxonomy);
            return results;
        });
    }

    private void shadowAnswered(List<Ticket> tickets, List<ClassificationResult> results, Taxonomy taxonomy) {
        Map<TicketId, Classification> answers = new LinkedHashMap<>();
        for (ClassificationResult result : results) result.value().ifPresent(answer -> answers.put(result.ticketId(), answer));
        List<Ticket> answered = new ArrayList<>(answers.size());
        for (Ticket ticket : tickets) if (answers.containsKey(ticket.id())) answered.add(ticket);
        if (!answered.isEmpty()) shadow(answered, answers, taxonomy);
    }

    /** Hands the tickets to the candidate without waiting; never throws. */
    private void shadow(List<Ticket> tickets, Map<TicketId, Classification> liveAnswers, Taxonomy taxonomy) {
        int count = tickets.size();
        if (!pending.tryAcquire(count)) {
            dropped.addAndGet(count);
            return;
        }
        try {
            executor.execute(() -> runCandidate(tickets, liveAnswers, taxonomy));
        } catch (RuntimeException rejected) {   // a saturated or shut-down host executor: not shadowed
            pending.release(count);
            dropped.addAndGet(count);
        }
    }

    private void runCandidate(List<Ticket> tickets, Map<TicketId, Classification> liveAnswers, Taxonomy taxonomy) {
        CompletionStage<List<ClassificationResult>> stage;
        try {
            stage = candidate.classifyAllAsync(tickets, taxonomy, executor);
        } catch (RuntimeException | Error thrown) {
            stage = CompletableFuture.failedFuture(thrown);
        }
        stage.whenComplete((results, thrown) -> {
            try {
                compare(tickets, liveAnswers, taxonomy, results, thrown);
            } catch (RuntimeException bug) {   // never let a comparison bug leak a permit
                LOG.warn("shadow comparison failed with {}", bug.getClass().getName());
                LOG.debug("shadow comparison failure", bug);
            } finally {
                pending.release(tickets.size());
            }
        });
    }

    private void compare(List<Ticket> tickets, Map<TicketId, Classification> liveAnswers, Taxonomy taxonomy,
                         @Nullable List<ClassificationResult> results, @Nullable Throwable thrown) {
        Map<String, LabelSelector> selectors = selectors(taxonomy);
        Map<TicketId, ClassificationResult> byId = new LinkedHashMap<>();
        if (results != null) for (ClassificationResult result : results) byId.putIfAbsent(result.ticketId(), result);
        synchronized (lock) {
            for (Ticket ticket : tickets) {
                ClassificationResult result = byId.get(ticket.id());
                if (thrown != null || result == null || result.value().isEmpty()) {
                    errors.merge(failureKind(thrown, result), 1L, Long::sum);
                    continue;
                }
                Classification liveAnswer = liveAnswers.get(ticket.id());
                Classification candidateAnswer = result.value().get();
                compared++;
                candidateTokens += candidateAnswer.provenance().tokenUsage().totalTokens();
                latencies.addLast(candidateAnswer.provenance().latency());
                if (latencies.size() > MAX_LATENCIES) latencies.removeFirst();
                for (Map.Entry<String, LabelSelector> field : selectors.entrySet()) {
                    LabelSelector selector = field.getValue();
                    pairs.computeIfAbsent(field.getKey(), name -> new TreeMap<>())
                            .computeIfAbsent(selector.label(liveAnswer), label -> new TreeMap<>())
                            .merge(selector.label(candidateAnswer), 1L, Long::sum);
                }
            }
        }
    }

    private static String failureKind(@Nullable Throwable thrown, @Nullable ClassificationResult result) {
        Throwable cause = thrown;
        while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        if (cause != null) return cause.getClass().getSimpleName();
        if (result == null) return "MissingAnswer";
        return result.error().map(error -> error.getClass().getSimpleName()).orElse("MissingAnswer");
    }

    private static Map<String, LabelSelector> selectors(Taxonomy taxonomy) {
        Map<String, LabelSelector> selectors = new LinkedHashMap<>();
        selectors.put("category", LabelSelector.category());
        selectors.put("sentiment", LabelSelector.sentiment(Enum::name));
        selectors.put("priority", LabelSelector.priority());
        selectors.put("language", classification -> classification.language().tag());
        for (FieldDefinition field : taxonomy.fields()) {
            if (field.kind() != FieldKind.NUMBER && field.kind() != FieldKind.TEXT) {
                selectors.put("fields." + field.name(), LabelSelector.field(field));
            }
        }
        return selectors;
    }

    /** The agreement so far; tickets still with the candidate are not in it. */
    public ShadowReport report() {
        String title = candidate.name() + " vs " + live.name();
        synchronized (lock) {
            List<Duration> recent = List.copyOf(latencies);
            Map<String, EvaluationReport> fields = new LinkedHashMap<>();
            for (Map.Entry<String, Map<String, Map<String, Long>>> field : pairs.entrySet()) {
                fields.put(field.getKey(), EvaluationReport.ofCounts(title + ": " + field.getKey(), field.getValue(), recent,
                        candidateTokens, errors));
            }
            return new ShadowReport(live.name(), candidate.name(), compared, errors, dropped.get(), fields);
        }
    }

    /** Tickets handed to the candidate and not yet compared. */
    public int pending() {
        return maxPending - pending.availablePermits();
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return live.capabilities();
    }

    @Override
    public ClassifierLimits limits() {
        return live.limits();
    }

    @Override
    public String name() {
        return live.name();
    }

    /** Stops the shadow executor if this classifier made it; pending candidate calls are abandoned. */
    @Override
    public void close() {
        if (ownExecutor != null) ownExecutor.shutdownNow();
    }

    @Override
    public String toString() {
        return "ShadowClassifier[live=" + live.name() + ", candidate=" + candidate.name() + "]";
    }

    private static final class ShadowThreads implements ThreadFactory {
        private final AtomicInteger number = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "triage-shadow-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /** Builds a {@link ShadowClassifier}; not thread-safe. */
    public static final class Builder {
        private final Classifier live;
        private final Classifier candidate;
        private @Nullable Executor executor;
        private int threads = 2;
        private int maxPending = DEFAULT_MAX_PENDING;

        private Builder(Classifier live, Classifier candidate) {
            this.live = live;
            this.candidate = candidate;
        }

        /**
         * Where candidate calls start and blocking candidates run; default a pool of {@link #threads(int)} daemon
         * threads owned by the shadow classifier. A host executor is never shut down by {@link #close()}.
         */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** Threads of the default executor; default 2. */
        public Builder threads(int value) {
            if (value < 1) throw new IllegalArgumentException("threads must be >= 1, was " + value);
            this.threads = value;
            return this;
        }

        /** The most tickets waiting for or in candidate calls; more are dropped (counted); default {@value ShadowClassifier#DEFAULT_MAX_PENDING}. */
        public Builder maxPending(int value) {
            if (value < 1) throw new IllegalArgumentException("maxPending must be >= 1, was " + value);
            this.maxPending = value;
            return this;
        }

        public ShadowClassifier build() {
            return new ShadowClassifier(this);
        }
    }
}
