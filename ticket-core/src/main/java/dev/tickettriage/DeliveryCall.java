package dev.tickettriage;

import dev.tickettriage.port.Notifier;
import dev.tickettriage.port.OutboxEntry;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One claimed outbox entry being delivered by {@link OutboxDispatcher}: the notifier call runs on a delivery thread,
 * the thread that claimed it supervises it (heartbeat, timeout, deadline). Exactly one side settles the entry
 * ({@link #settle()}): the delivery thread records the notifier's result, or the supervisor records a timeout or
 * gives the entry up (claim lost). {@link #awaitSettled} returns once it is settled and recorded.
 */
final class DeliveryCall {

    final OutboxEntry entry;
    final Notifier notifier;
    final long startedNanos;
    /** Supervisor only: when to renew the lease next (both on the monotonic clock and on the store's clock). */
    long nextBeatNanos;
    Instant nextBeatAt;
    private final AtomicBoolean settled = new AtomicBoolean();
    private final CountDownLatch recorded = new CountDownLatch(1);
    private @Nullable Thread runner;
    private boolean finished;

    DeliveryCall(OutboxEntry entry, Notifier notifier, long startedNanos, long nextBeatNanos, Instant nextBeatAt) {
        this.entry = entry;
        this.notifier = notifier;
        this.startedNanos = startedNanos;
        this.nextBeatNanos = nextBeatNanos;
        this.nextBeatAt = nextBeatAt;
    }

    /** @return whether the caller is the one to decide this entry's outcome (only the first call is) */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    boolean isSettled() {
        return settled.get();
    }

    /** The outcome is stored (or deliberately not stored): a waiting supervisor may go on. */
    void markRecorded() {
        recorded.countDown();
    }

    boolean isRecorded() {
        return recorded.getCount() == 0;
    }

    boolean awaitRecorded(long nanos) throws InterruptedException {
        return recorded.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** Called on the delivery thread before the notifier call. */
    synchronized void running(Thread thread) {
        runner = thread;
    }

    /**
     * Called on the delivery thread after the notifier call: from now on {@link #interrupt()} leaves the thread alone,
     * since the pool may hand it another call. Clears an interrupt aimed at this call.
     */
    synchronized void finished() {
        finished = true;
        runner = null;
        Thread.interrupted();
    }

    /** Interrupts the notifier call if it is still running (abandoned: timed out, claim lost, deadline). */
    synchronized void interrupt() {
        if (!finished && runner != null) runner.interrupt();
    }
}
