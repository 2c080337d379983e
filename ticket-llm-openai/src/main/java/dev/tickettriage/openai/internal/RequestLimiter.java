package dev.tickettriage.openai.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The client-side limiter of one classifier: at most {@code maxInFlight} requests at once, {@code requestsPerMinute}
 * and {@code tokensPerMinute} as token buckets refilled continuously and holding one second's worth (so the limit is
 * spread over the minute instead of spent in a burst the server would answer with 429s). Requests wait in FIFO order
 * without holding a thread: {@link #acquire} returns a stage completed when the request may go, from the caller's
 * thread when it may go at once, else from the thread that released a slot or from the timer.
 *
 * <p>Tokens are estimated before the call and corrected with the usage the answer reports ({@link #release}); a
 * request larger than one second's worth of tokens goes when the bucket is full and leaves it in debt. {@link
 * #pauseFor} holds every request back after the server said 429. Thread-safe.
 */
public final class RequestLimiter {

    /** 0 for a limit means none. */
    public record Limits(int maxInFlight, int requestsPerMinute, long tokensPerMinute) {
        public Limits {
            if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be >= 1, was " + maxInFlight);
            if (requestsPerMinute < 0) throw new IllegalArgumentException("requestsPerMinute must be >= 0, was " + requestsPerMinute);
            if (tokensPerMinute < 0) throw new IllegalArgumentException("tokensPerMinute must be >= 0, was " + tokensPerMinute);
        }
    }

    /** A granted request: give it back with {@link #release}. */
    public static final class Permit {
        private final long estimatedTokens;
        private boolean released;

        private Permit(long estimatedTokens) {
            this.estimatedTokens = estimatedTokens;
        }

        public long estimatedTokens() {
            return estimatedTokens;
        }
    }

    private record Waiter(long tokens, CompletableFuture<Permit> granted) {
    }

    private final Limits limits;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoTime;
    private final @Nullable Bucket requests;
    private final @Nullable Bucket tokens;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private int inFlight;
    private long pausedUntil;
    private @Nullable ScheduledFuture<?> wakeUp;
    private long wakeUpAt;

    public RequestLimiter(Limits limits, ScheduledExecutorService timer, LongSupplier nanoTime) {
        this.limits = limits;
        this.timer = timer;
        this.nanoTime = nanoTime;
        long now = nanoTime.getAsLong();
        this.requests = limits.requestsPerMinute() > 0 ? new Bucket(limits.requestsPerMinute(), now) : null;
        this.tokens = limits.tokensPerMinute() > 0 ? new Bucket(limits.tokensPerMinute(), now) : null;
        this.pausedUntil = now;
    }

    public Limits limits() {
        return limits;
    }

    /** A stage completed with a permit when a request estimated at {@code estimatedTokens} may be sent. */
    public CompletableFuture<Permit> acquire(long estimatedTokens) {
        CompletableFuture<Permit> granted = new CompletableFuture<>();
        List<Waiter> ready;
        synchronized (this) {
            waiting.add(new Waiter(Math.max(0, estimatedTokens), granted));
            ready = grantable();
        }
        complete(ready);
        return granted;
    }

    /**
     * Gives a permit back once its answer (or failure) arrived.
     *
     * @param usedTokens the tokens the answer reported, or a negative number when unknown (the estimate stands)
     */
    public void release(Permit permit, long usedTokens) {
        List<Waiter> ready;
        synchronized (this) {
            if (permit.released) return;
            permit.released = true;
            inFlight--;
            if (tokens != null && usedTokens >= 0) tokens.level -= usedTokens - permit.estimatedTokens;
            ready = grantable();
        }
        complete(ready);
    }

    /** Sends nothing new for {@code nanos} (the server answered 429 with a delay). */
    public void pauseFor(long nanos) {
        synchronized (this) {
            pausedUntil = Math.max(pausedUntil, nanoTime.getAsLong() + Math.max(0, nanos));
            scheduleWakeUp(pausedUntil);
        }
    }

    /** Requests waiting for a permit. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** Requests holding a permit. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Takes what may go now, in FIFO order; schedules a wake-up when the head waits for a bucket or a pause. */
    private List<Waiter> grantable() {
        List<Waiter> ready = null;
        long now = nanoTime.getAsLong();
        while (!waiting.isEmpty() && inFlight < limits.maxInFlight()) {
            Waiter head = waiting.peek();
            if (head.granted().isDone()) {   // cancelled by the caller
                waiting.poll();
                continue;
            }
            long readyAt = now < pausedUntil ? pausedUntil : now;
            if (requests != null) readyAt = Math.max(readyAt, requests.readyAt(1, now));
            if (tokens != null) readyAt = Math.max(readyAt, tokens.readyAt(head.tokens(), now));
            if (readyAt > now) {
                scheduleWakeUp(readyAt);
                break;
            }
            waiting.poll();
            if (requests != null) requests.level -= 1;
            if (tokens != null) tokens.level -= head.tokens();
            inFlight++;
            if (ready == null) ready = new ArrayList<>();
            ready.add(head);
        }
        return ready == null ? List.of() : ready;
    }

    private void scheduleWakeUp(long at) {
        if (wakeUp != null && !wakeUp.isDone() && wakeUpAt <= at) return;
        if (wakeUp != null) wakeUp.cancel(false);
        wakeUpAt = at;
        long delay = Math.max(0, at - nanoTime.getAsLong());
        wakeUp = timer.schedule(this::wake, delay, TimeUnit.NANOSECONDS);
    }

    private void wake() {
        List<Waiter> ready;
        synchronized (this) {
            wakeUp = null;
            ready = grantable();
        }
        complete(ready);
    }

    private void complete(List<Waiter> ready) {
        for (Waiter waiter : ready) {
            if (!waiter.granted().complete(new Permit(waiter.tokens()))) {
                // the caller gave up meanwhile: hand the slot back
                Permit unused = new Permit(waiter.tokens());
                release(unused, 0);
            }
        }
    }

    /** A token bucket per minute, refilled continuously, holding at most one second's worth (at least 1). */
    private static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double level;
        private long last;

        Bucket(long perMinute, long now) {
            this.perNano = perMinute / 60e9;
            this.capacity = Math.max(1, perMinute / 60.0);
            this.level = capacity;
            this.last = now;
        }

        /** When {@code amount} may be taken (now or later); an amount above the capacity needs a full bucket. */
        long readyAt(long amount, long now) {
            level = Math.min(capacity, level + (now - last) * perNano);
            last = now;
            double needed = Math.min(amount, capacity);
            if (level >= needed) return now;
            return now + (long) Math.ceil((needed - level) / perNano);
        }
    }

    @Override
    public synchronized String toString() {
        return "RequestLimiter[" + limits + ", inFlight=" + inFlight + ", waiting=" + waiting.size() + "]";
    }
}
