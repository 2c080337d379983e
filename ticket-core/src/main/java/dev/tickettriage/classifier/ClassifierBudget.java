package dev.tickettriage.classifier;

import dev.tickettriage.domain.Provenance;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token and cost limits per calendar day and/or month for one classifier (or a group sharing it), counted from the
 * {@link Provenance} of its answers: {@link Provenance#tokenUsage()} (input plus output) and {@link Provenance#cost()}.
 * Wrap the classifier with {@link BudgetedClassifier} to stop calling it once a limit is spent.
 *
 * <pre>{@code
 * ClassifierBudget budget = ClassifierBudget.builder("openai")
 *         .limit(BudgetLimit.tokensPerDay(2_000_000))
 *         .limit(BudgetLimit.costPerMonth(new BigDecimal("40")))
 *         .listener(event -> alerts.send(event.toString()))
 *         .build();
 * Classifier classifier = BudgetedClassifier.withFallback(openAi, budget, RuleClassifier.ofDefaults());
 * BudgetUsage usage = budget.usage();   // for a stats page: used, remaining and reset time per limit
 * }</pre>
 *
 * <p><b>Accounting.</b> Periods are calendar days and months in the budget's zone (default UTC), read from the
 * injected clock. Usage is counted when an answer arrives, so calls already in flight when a limit is spent still
 * count and may take the usage past the limit (by at most the in-flight calls' usage). Failed calls report no
 * provenance and are not counted; cache hits count zero. An answer without a cost counts zero dollars (logged at WARN
 * once when the budget has cost limits). Usage lives in memory: a restart starts the periods afresh.
 *
 * <p>Thread-safe. Events go to the {@link BudgetListener} outside the lock.
 */
public final class ClassifierBudget {

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierBudget.class);

    /** The default zone in which days and months start. */
    public static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;

    private final String name;
    private final List<BudgetLimit> limits;
    private final ZoneId zone;
    private final Clock clock;
    private final BudgetListener listener;
    private final boolean countsCost;
    private final Window[] windows;   // guarded by this
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong fallbackCalls = new AtomicLong();
    private final AtomicLong heldCalls = new AtomicLong();
    private final AtomicBoolean warnedNoCost = new AtomicBoolean();

    private ClassifierBudget(Builder builder) {
        this.name = builder.name;
        this.limits = List.copyOf(builder.limits);
        this.zone = builder.zone;
        this.clock = builder.clock;
        this.listener = builder.listener;
        this.countsCost = limits.stream().anyMatch(limit -> limit.metric() == BudgetLimit.Metric.COST_USD);
        Instant now = clock.instant();
        this.windows = new Window[limits.size()];
        for (int i = 0; i < windows.length; i++) windows[i] = new Window(limits.get(i), now, zone);
    }

    /** A builder for a budget called {@code name} (for example the classifier's name), used in events and messages. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The budget's name. */
    public String name() {
        return name;
    }

    /** The configured limits, in configuration order. */
    public List<BudgetLimit> limits() {
        return limits;
    }

    /** The usage of every limit in its current period, and the call counters; for stats pages and metrics. */
    public BudgetUsage usage() {
        List<BudgetEvent> events = new ArrayList<>(0);
        Instant now = clock.instant();
        List<BudgetUsage.LimitUsage> usages = new ArrayList<>(windows.length);
        synchronized (this) {
            roll(now, events);
            for (Window window : windows) usages.add(new BudgetUsage.LimitUsage(window.limit, window.used, window.start, window.end));
        }
        publish(events);
        return new BudgetUsage(name, now, usages, calls.get(), fallbackCalls.get(), heldCalls.get());
    }

    /**
     * When the classifier may be called again, if a limit is spent now: the latest end of the spent limits' periods.
     * Empty when calls may go ahead.
     */
    public Optional<Instant> spentUntil() {
        List<BudgetEvent> events = new ArrayList<>(0);
        Instant until = null;
        synchronized (this) {
            roll(clock.instant(), events);
            for (Window window : windows) {
                if (window.spent() && (until == null || window.end.isAfter(until))) until = window.end;
            }
        }
        publish(events);
        return Optional.ofNullable(until);
    }

    /** Whether a limit is spent now. */
    public boolean isSpent() {
        return spentUntil().isPresent();
    }

    /**
     * Counts one answer's tokens and cost against every limit; publishes {@link BudgetEvent.Exhausted} for each limit
     * this spends. {@link BudgetedClassifier} calls it for every answer of its classifier; call it yourself for model
     * calls made elsewhere that should share the budget.
     */
    public void record(Provenance provenance) {
        Objects.requireNonNull(provenance, "provenance");
        BigDecimal tokens = BigDecimal.valueOf(provenance.tokenUsage().totalTokens());
        Optional<BigDecimal> cost = provenance.cost();
        if (countsCost && cost.isEmpty() && tokens.signum() > 0 && warnedNoCost.compareAndSet(false, true)) {
            LOG.warn("classifier {} reports tokens but no cost; the cost limits of budget {} count it as 0 USD (logged once)",
                    provenance.classifier(), name);
        }
        calls.incrementAndGet();
        List<BudgetEvent> events = new ArrayList<>(0);
        Instant now = clock.instant();
        synchronized (this) {
            roll(now, events);
            for (Window window : windows) {
                window.used = window.used.add(window.limit.metric() == BudgetLimit.Metric.TOKENS ? tokens : cost.orElse(BigDecimal.ZERO));
                if (window.spent() && !window.announced) {
                    window.announced = true;
                    events.add(new BudgetEvent.Exhausted(name, window.limit, window.used, window.end, now));
                }
            }
        }
        publish(events);
    }

    void countFallback(int tickets) {
        fallbackCalls.addAndGet(tickets);
    }

    void countHeld(int tickets) {
        heldCalls.addAndGet(tickets);
    }

    Instant now() {
        return clock.instant();
    }

    private void roll(Instant now, List<BudgetEvent> events) {
        for (Window window : windows) {
            if (now.isBefore(window.end)) continue;
            if (window.spent()) events.add(new BudgetEvent.Restored(name, window.limit, now));
            window.reset(now, zone);
        }
    }

    private void publish(List<BudgetEvent> events) {
        for (BudgetEvent event : events) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {   // a listener never fails a classification
                LOG.warn("budget listener {} threw {} on {}", listener.getClass().getName(), e.getClass().getName(), event.getClass().getSimpleName());
                LOG.debug("budget listener failure", e);
            }
        }
    }

    @Override
    public String toString() {
        return "ClassifierBudget[" + name + ", limits=" + limits + ", zone=" + zone + "]";
    }

    /** One limit's current period. */
    private static final class Window {
        final BudgetLimit limit;
        Instant start;
        Instant end;
        BigDecimal used = BigDecimal.ZERO;
        boolean announced;

        Window(BudgetLimit limit, Instant now, ZoneId zone) {
            this.limit = limit;
            this.start = limit.period().start(now, zone);
            this.end = limit.period().end(now, zone);
        }

        void reset(Instant now, ZoneId zone) {
            start = limit.period().start(now, zone);
            end = limit.period().end(now, zone);
            used = BigDecimal.ZERO;
            announced = false;
        }

        boolean spent() {
            return used.compareTo(limit.amount()) >= 0;
        }
    }

    /** Builds a {@link ClassifierBudget}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final List<BudgetLimit> limits = new ArrayList<>();
        private ZoneId zone = DEFAULT_ZONE;
        private Clock clock = Clock.systemUTC();
        private BudgetListener listener = BudgetListener.NONE;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) throw new IllegalArgumentException("name must not be blank");
            this.name = name;
        }

        /** Adds a limit; at least one is required. */
        public Builder limit(BudgetLimit value) {
            limits.add(Objects.requireNonNull(value, "limit"));
            return this;
        }

        /** The zone in which days and months start; default {@link #DEFAULT_ZONE} (UTC). */
        public Builder zone(ZoneId value) {
            this.zone = Objects.requireNonNull(value, "zone");
            return this;
        }

        /** The clock that decides the period; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Receives {@link BudgetEvent}s; default none. */
        public Builder listener(BudgetListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * @throws IllegalStateException when no limit was added, or two limits have the same period and metric
         */
        public ClassifierBudget build() {
            if (limits.isEmpty()) throw new IllegalStateException("budget " + name + " needs at least one limit");
            for (int i = 0; i < limits.size(); i++) {
                for (int j = i + 1; j < limits.size(); j++) {
                    if (limits.get(i).period() == limits.get(j).period() && limits.get(i).metric() == limits.get(j).metric()) {
                        throw new IllegalStateException("budget " + name + " has two limits for " + limits.get(i).metric()
                                + " per " + limits.get(i).period() + ": " + limits.get(i).describe() + " and " + limits.get(j).describe());
                    }
                }
            }
            return new ClassifierBudget(this);
        }
    }
}
