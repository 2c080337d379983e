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
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.port.Classifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Classifier} that answers from a script: the first rule whose text occurs in the ticket
 * (case-insensitive substring of {@link Ticket#text()}) gives the answer, otherwise a default.
 *
 * <p>It can fail its first N calls, fail a deterministic fraction of calls (same seed and call order, same
 * failures), sleep before answering, and records every ticket it saw. Scripted answers are returned verbatim,
 * even when they are outside the taxonomy, so tests can check the pipeline's guard. The default answer is
 * valid for the taxonomy passed in: its fallback, or its first label, NEUTRAL, MEDIUM, {@code und}.
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
    }

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
        long call = callCount.incrementAndGet();
        if (recordCalls) calls.add(ticket);
        pause();
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

    /** How many times {@link #classify} was called, failed calls included. */
    public long callCount() {
        return callCount.get();
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

        /** The first {@code times} calls throw {@code failure} (before any rule is looked at). */
        public Builder failTimes(int times, ClassificationException failure) {
            if (times < 0) throw new IllegalArgumentException("times must be >= 0, was " + times);
            this.failTimes = times;
            this.failure = Objects.requireNonNull(failure, "failure");
            return this;
        }

        /**
         * Each call fails with a retryable {@link ClassificationException} with probability {@code rate}, drawn
         * from a random sequence seeded with {@code seed}: the same seed gives the same failures for the same call order.
         */
        public Builder failRate(double rate, long seed) {
            if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException("rate must be in [0, 1], was " + rate);
            this.failRate = rate;
            this.seed = seed;
            return this;
        }

        /** Sleeps this long in every call before answering (default zero). */
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
