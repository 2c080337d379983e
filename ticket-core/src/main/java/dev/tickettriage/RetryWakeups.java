package dev.tickettriage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Wakes the claim threads when a retry (or the end of a rate-limit pause) falls due, instead of leaving it to the
 * next poll. Wake-ups are grouped in {@value #GRANULARITY_MILLIS} ms slots, so a burst of failures schedules a
 * bounded number of timer tasks. Before {@link #start} (no background threads) it does nothing. Thread-safe.
 */
final class RetryWakeups {

    static final long GRANULARITY_MILLIS = 10;

    private final Clock clock;
    private final WakeSignal signal;
    private final Set<Long> scheduledSlots = ConcurrentHashMap.newKeySet();
    private volatile @Nullable ScheduledExecutorService timer;

    RetryWakeups(Clock clock, WakeSignal signal) {
        this.clock = clock;
        this.signal = signal;
    }

    void start(ScheduledExecutorService scheduler) {
        this.timer = scheduler;
    }

    void stop() {
        this.timer = null;
        scheduledSlots.clear();
    }

    /** Signals the claim threads at {@code due} (by the pipeline's clock; at once when it has passed). */
    void wakeAt(Instant due) {
        ScheduledExecutorService scheduler = timer;
        if (scheduler == null) return;
        long delayMillis = Math.max(0, Duration.between(clock.instant(), due).toMillis());
        long slot = (System.nanoTime() / 1_000_000 + delayMillis) / GRANULARITY_MILLIS + 1;
        if (!scheduledSlots.add(slot)) return;
        long wait = slot * GRANULARITY_MILLIS - System.nanoTime() / 1_000_000;
        try {
            scheduler.schedule(() -> {
                scheduledSlots.remove(slot);
                signal.signal();
            }, Math.max(0, wait), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {   // stopping
            scheduledSlots.remove(slot);
        }
    }
}
