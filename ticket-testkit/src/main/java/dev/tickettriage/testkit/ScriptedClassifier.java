package dev.tickettriage.testkit;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Language;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.RateLimitedException;
import dev.tickettriage.error.TriageException;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Classifier} that answers from a script: the first rule whose text occurs in the ticket
 * (case-insensitive substring of {@link Ticket#text()}) gives the answer, otherwise a default.
 *
 * <p>It can fail its first N tickets, fail a deterministic fraction of tickets (same seed and call order, same
 * failures), answer its first N calls with a {@link RateLimitedException}, take a latency per call, declare
 * {@link ClassifierLimits}, answer batches with a missing or foreign ticket id (to test id matching), and records
 * every ticket it saw, the size of every batch call and the peak number of calls in flight. Scripted answers are
 * returned verbatim, even when they are outside the taxonomy, so tests can check the pipeline's guard. The default
 * answer is valid for the taxonomy passed in: its fallback, or its first label, NEUTRAL, MEDIUM, {@code und}.
 *
 * <p>Calls: {@link #classify} is one call for one ticket; {@link #classifyAll} and {@link #classifyAllAsync} are one
 * call for the whole batch (one latency, one rate-limit decision; failure decisions are still per ticket). The blocking
 * forms sleep the latency on the caller's thread; {@link #classifyAllAsync} waits it on a timer without holding a
 * thread, then answers on the given executor, like an asynchronous HTTP client.
 *
 * <p>Thread-safe. Failure decisions are taken under a lock in call order.
 */
public final class ScriptedClassifier implements Classifier {

    /** The capabilities a scripted classifier reports unless told otherwise. */
    public static final Set<ClassificationField> DEFAULT_CAPABILITIES = Set.copyOf(EnumSet.of(
            ClassificationField.CATEGORY, ClassificationField.SENTIMENT, ClassificationField.PRIORITY, ClassificationField.LANGUAGE));

    private final String name;
    private final List<Rule> rules;
    private final @Nullable Function<Ticket, Classification> otherwise;
    private final @Nullable Category fixedCategory;
    private final Set<ClassificationField> capabilities;
    private final Duration latency;
    private final boolean recordCalls;
    private final @Nullable ClassificationException scriptedFailure;
    private final AtomicInteger failuresLeft;
    private final double failRate;
    private final @Nullable SplittableRandom random;
    private final ClassifierLimits limits;
    private final AtomicInteger rateLimitsLeft;
    private final Duration rateLimitWait;
    private final @Nullable Clock rateLimitClock;
    private final List<String> omitNeedles;
    private final List<String> foreignNeedles;
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final Object randomLock = new Object();
    private final List<Ticket> calls = new CopyOnWriteArrayList<>();
    private final AtomicLong callCount = new AtomicLong();
    private volatile @Nullable Classification lastDefault;   // immutable; saves building one per call

    private ScriptedClassifier(Builder builder) {
        this.name = builder.name;
        this.rules = List.copyOf(builder.rules);
        this.otherwise = builder.otherwise;
        this.fixedCategory = builder.fixedCategory;
        this.capabilities = Set.copyOf(builder.capabilities);
        this.latency = builder.latency;
        this.recordCalls = builder.recordCalls;
        this.scriptedFailure = builder.failure;
        this.failuresLeft = new AtomicInteger(builder.failTimes);
        this.failRate = builder.failRate;
        this.random = builder.failRate > 0 ? new SplittableRandom(builder.seed) : null;
        this.limits = builder.limits;
        this.rateLimitsLeft = new AtomicInteger(builder.rateLimitTimes);
        this.rateLimitWait = builder.rateLimitWait;
        this.rateLimitClock = builder.rateLimitClock;
        this.omitNeedles = List.copyOf(builder.omitNeedles);
        this.foreignNeedles = List.copyOf(builder.foreignNeedles);
    }

    /** The id {@link Builder#answerWithForeignIdWhen(String)} puts on results: no ticket of a batch has it. */
    public static final TicketId FOREIGN_ID = TicketId.of(new UUID(0x0BADL, 0x0BADL));

    /** A builder with no rules: every ticket gets the default answer. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A cheap classifier for throughput tests: always {@code category} (NEUTRAL, MEDIUM, {@code und}), no
     * latency, no failures and no call recording (only {@link #callCount()}).
     */
    public static ScriptedClassifier instant(Category category) {
        Objects.requireNonNull(category, "category");
        Builder builder = builder().name("instant").withoutCallRecording();
        builder.fixedCategory = category;
        return builder.build();
    }

    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(taxonomy, "taxonomy");
        enter();
        try {
            pause();
            RateLimitedException throttled = maybeRateLimit();
            if (throttled != null) {
                callCount.incrementAndGet();
                if (recordCalls) calls.add(ticket);
                throw throttled;
            }
            return answerOne(ticket, taxonomy);
        } finally {
            exit();
        }
    }

    /** One call for the whole batch: one latency (slept on this thread), one rate-limit decision. */
    @Override
    public List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
        Objects.requireNonNull(taxonomy, "taxonomy");
        batchSizes.add(tickets.size());
        enter();
        try {
            pause();
            return answerBatch(tickets, taxonomy, maybeRateLimit());
        } finally {
            exit();
        }
    }

    /** One call for the whole batch: the latency is waited on a timer (no thread held), then answered on {@code executor}. */
    @Override
    public CompletionStage<List<ClassificationResult>> classifyAllAsync(List<Ticket> tickets, Taxonomy taxonomy, Executor executor) {
        Objects.requireNonNull(taxonomy, "taxonomy");
        Objects.requireNonNull(executor, "executor");
        List<Ticket> batch = List.copyOf(tickets);
        batchSizes.add(batch.size());
        enter();
        CompletableFuture<List<ClassificationResult>> answer;
        try {
            answer = latency.isZero()
                    ? CompletableFuture.completedFuture(answerBatch(batch, taxonomy, maybeRateLimit()))
                    : CompletableFuture.supplyAsync(() -> answerBatch(batch, taxonomy, maybeRateLimit()),
                            CompletableFuture.delayedExecutor(latency.toNanos(), TimeUnit.NANOSECONDS, executor));
        } catch (RuntimeException | Error e) {
            exit();
            throw e;
        }
        return answer.whenComplete((results, thrown) -> exit());
    }

    private List<ClassificationResult> answerBatch(List<Ticket> tickets, Taxonomy taxonomy, @Nullable RateLimitedException throttled) {
        List<ClassificationResult> results = new ArrayList<>(tickets.size());
        for (Ticket ticket : tickets) {
            ClassificationResult result;
            if (throttled != null) {
                callCount.incrementAndGet();
                if (recordCalls) calls.add(ticket);
                result = ClassificationResult.failure(ticket.id(), throttled);
            } else {
                try {
                    result = ClassificationResult.success(ticket.id(), answerOne(ticket, taxonomy));
                } catch (TriageException e) {
                    result = ClassificationResult.failure(ticket.id(), e);
                }
            }
            String text = ticket.text().toLowerCase(Locale.ROOT);
            if (omitNeedles.stream().anyMatch(text::contains)) continue;
            if (foreignNeedles.stream().anyMatch(text::contains)) {
                ClassificationResult own = result;
                result = own.value().map(value -> ClassificationResult.success(FOREIGN_ID, value))
                        .orElseGet(() -> ClassificationResult.failure(FOREIGN_ID, own.error().orElseThrow()));
            }
            results.add(result);
        }
        return results;
    }

    private Classification answerOne(Ticket ticket, Taxonomy taxonomy) {
        Objects.requireNonNull(ticket, "ticket");
        long call = callCount.incrementAndGet();
        if (recordCalls) calls.add(ticket);
        maybeFail(call);
        if (!rules.isEmpty()) {
            String text = ticket.text().toLowerCase(Locale.ROOT);
            for (Rule rule : rules) {
                if (text.contains(rule.needle)) return rule.answer.apply(ticket);
            }
        }
        if (otherwise != null) return otherwise.apply(ticket);
        Classification cached = lastDefault;
        if (cached != null && cached.provenance().taxonomyVersion().equals(taxonomy.version())
                && (fixedCategory != null || taxonomy.contains(cached.category()))) {
            return cached;
        }
        Category category = fixedCategory != null ? fixedCategory
                : taxonomy.fallback().orElseGet(() -> taxonomy.categories().get(0));
        Classification fresh = answer(category, taxonomy.version());
        lastDefault = fresh;
        return fresh;
    }

    private @Nullable RateLimitedException maybeRateLimit() {
        if (rateLimitClock == null || rateLimitsLeft.getAndUpdate(left -> Math.max(0, left - 1)) <= 0) return null;
        java.time.Instant now = rateLimitClock.instant();
        return new RateLimitedException("scripted rate limit", now.plus(rateLimitWait), now);
    }

    private void enter() {
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
    }

    private void exit() {
        inFlight.decrementAndGet();
    }

    private void pause() {
        if (latency.isZero()) return;
        try {
            Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ClassificationException.retryable("scripted classifier interrupted", e);
        }
    }

    private void maybeFail(long call) {
        if (scriptedFailure != null && failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw scriptedFailure;
        }
        if (random != null) {
            boolean fail;
            synchronized (randomLock) {
                fail = random.nextDouble() < failRate;
            }
            if (fail) {
                throw ClassificationException.retryable("scripted random failure (call " + call + ")", Optional.empty());
            }
        }
    }

    private Classification answer(Category category, String taxonomyVersion) {
        return Classification.builder()
                .category(category)
                .sentiment(Sentiment.NEUTRAL)
                .priority(Priority.MEDIUM)
                .language(Language.UNDETERMINED)
                .confidence(ClassificationField.CATEGORY, Confidence.of(1.0, ConfidenceSource.RULE))
                .provenance(Provenance.of(name, taxonomyVersion, Duration.ZERO))
                .build();
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return capabilities;
    }

    @Override
    public String name() {
        return name;
    }

    /** The tickets classified so far, in call order (empty when call recording is off). */
    public List<Ticket> calls() {
        return List.copyOf(calls);
    }

    /** How many tickets were classified (by {@link #classify} or in a batch), failed ones included. */
    public long callCount() {
        return callCount.get();
    }

    /** The declared limits (default {@link ClassifierLimits#cpuBound()}). */
    @Override
    public ClassifierLimits limits() {
        return limits;
    }

    /** The size of every batch received by {@link #classifyAll} or {@link #classifyAllAsync}, in call order. */
    public List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    /** The calls running now (a batch call counts once; an async call runs until its stage completes). */
    public int callsInFlight() {
        return inFlight.get();
    }

    /** The most calls that were running at the same time. */
    public int peakCallsInFlight() {
        return peakInFlight.get();
    }

    @Override
    public String toString() {
        return "ScriptedClassifier[name=" + name + ", rules=" + rules.size() + ", calls=" + callCount.get() + "]";
    }

    private record Rule(String needle, Function<Ticket, Classification> answer) {
    }

    /** Builds a {@link ScriptedClassifier}; not thread-safe. */
    public static final class Builder {
        private String name = "scripted";
        private final List<Rule> rules = new ArrayList<>();
        private @Nullable Function<Ticket, Classification> otherwise;
        private @Nullable Category fixedCategory;
        private Set<ClassificationField> capabilities = DEFAULT_CAPABILITIES;
        private Duration latency = Duration.ZERO;
        private boolean recordCalls = true;
        private @Nullable ClassificationException failure;
        private int failTimes;
        private double failRate;
        private long seed;
        private ClassifierLimits limits = ClassifierLimits.cpuBound();
        private int rateLimitTimes;
        private Duration rateLimitWait = Duration.ZERO;
        private @Nullable Clock rateLimitClock;
        private final List<String> omitNeedles = new ArrayList<>();
        private final List<String> foreignNeedles = new ArrayList<>();

        private Builder() {
        }

        /** Answers {@code classification} when the ticket text contains {@code text} (case-insensitive); first match wins. */
        public Builder when(String text, Classification classification) {
            Objects.requireNonNull(classification, "classification");
            return when(text, ticket -> classification);
        }

        /** Answers {@code answer(ticket)} when the ticket text contains {@code text}; the function may also throw. */
        public Builder when(String text, Function<Ticket, Classification> answer) {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(answer, "answer");
            if (text.isEmpty()) throw new IllegalArgumentException("text must not be empty");
            rules.add(new Rule(text.toLowerCase(Locale.ROOT), answer));
            return this;
        }

        /** Answers {@code classification} when no rule matches (default: the taxonomy's fallback or first label). */
        public Builder otherwise(Classification classification) {
            Objects.requireNonNull(classification, "classification");
            return otherwise(ticket -> classification);
        }

        /** Answers {@code answer(ticket)} when no rule matches. */
        public Builder otherwise(Function<Ticket, Classification> answer) {
            this.otherwise = Objects.requireNonNull(answer, "answer");
            return this;
        }

        /** The first {@code times} tickets classified throw (or, in a batch, fail with) {@code failure}, before any rule is looked at. */
        public Builder failTimes(int times, ClassificationException failure) {
            if (times < 0) throw new IllegalArgumentException("times must be >= 0, was " + times);
            this.failTimes = times;
            this.failure = Objects.requireNonNull(failure, "failure");
            return this;
        }

        /**
         * Each ticket fails with a retryable {@link ClassificationException} with probability {@code rate}, drawn
         * from a random sequence seeded with {@code seed}: the same seed gives the same failures for the same call order.
         */
        public Builder failRate(double rate, long seed) {
            if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException("rate must be in [0, 1], was " + rate);
            this.failRate = rate;
            this.seed = seed;
            return this;
        }

        /** The limits reported by {@link #limits()}, for example {@code ClassifierLimits.remote(64, 8)} (default cpu-bound). */
        public Builder limits(ClassifierLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /**
         * The first {@code times} calls (a batch call counts once) fail with a {@link RateLimitedException} telling to
         * wait {@code wait} from {@code clock}'s time of the call; a batch call fails every ticket of its batch with it.
         */
        public Builder rateLimited(int times, Duration wait, Clock clock) {
            if (times < 0) throw new IllegalArgumentException("times must be >= 0, was " + times);
            Objects.requireNonNull(wait, "wait");
            if (wait.isNegative()) throw new IllegalArgumentException("wait must not be negative, was " + wait);
            this.rateLimitTimes = times;
            this.rateLimitWait = wait;
            this.rateLimitClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A batch answer leaves out the result of every ticket whose text contains {@code text} (case-insensitive). */
        public Builder omitResultWhen(String text) {
            omitNeedles.add(needle(text));
            return this;
        }

        /** A batch answer gives the result of every ticket whose text contains {@code text} the id {@link #FOREIGN_ID}. */
        public Builder answerWithForeignIdWhen(String text) {
            foreignNeedles.add(needle(text));
            return this;
        }

        private static String needle(String text) {
            Objects.requireNonNull(text, "text");
            if (text.isEmpty()) throw new IllegalArgumentException("text must not be empty");
            return text.toLowerCase(Locale.ROOT);
        }

        /**
         * Every call takes this long (default zero): the blocking forms sleep it, {@link #classifyAllAsync} waits it on
         * a timer without holding a thread.
         */
        public Builder latency(Duration value) {
            Objects.requireNonNull(value, "latency");
            if (value.isNegative()) throw new IllegalArgumentException("latency must not be negative, was " + value);
            this.latency = value;
            return this;
        }

        /** The fields reported by {@link #capabilities()} (default {@link #DEFAULT_CAPABILITIES}). */
        public Builder capabilities(Set<ClassificationField> values) {
            this.capabilities = Set.copyOf(values);
            return this;
        }

        /** The name reported by {@link #name()} and written into default answers' provenance (default {@code scripted}). */
        public Builder name(String value) {
            Objects.requireNonNull(value, "name");
            if (value.isBlank()) throw new IllegalArgumentException("name must not be blank");
            this.name = value;
            return this;
        }

        /** Keeps no list of tickets (for long runs); {@link #callCount()} still counts. */
        public Builder withoutCallRecording() {
            this.recordCalls = false;
            return this;
        }

        public ScriptedClassifier build() {
            return new ScriptedClassifier(this);
        }
    }
}
