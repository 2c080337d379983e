package dev.tickettriage;

import dev.tickettriage.error.TriageException;
import dev.tickettriage.internal.Text;
import dev.tickettriage.pipeline.DeliveryConfig;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.NotificationOutbox;
import dev.tickettriage.port.Notifier;
import dev.tickettriage.port.OutboxEntry;
import dev.tickettriage.port.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox entries through the notifier for their target, at least once, up to
 * {@link DeliveryConfig#concurrency()} calls at once. Thread-safe.
 *
 * <p><b>Slots.</b> A claim never takes more entries than there are free delivery slots, so every claimed entry
 * starts at once on its own delivery thread and nothing claimed waits behind a slow call. A slot is held until the
 * notifier call has returned (even one the dispatcher abandoned), which bounds the delivery threads and the entries
 * in hand by the concurrency.
 *
 * <p><b>Fencing.</b> Each claim uses its own owner ({@code <owner>#<n>}), so a stale delivery can never mark a later
 * claim. The delivery thread records the notifier's result with the claim's owner; the thread that claimed
 * (the dispatcher loop, a drain, or shutdown) supervises its calls in short slices: it renews each entry's lease
 * every half lease (heartbeat), abandons a call after {@link DeliveryConfig#deliveryTimeout()} (recorded as a
 * retryable failure) or when the lease was lost (not recorded: the new owner decides), and stops waiting at its
 * deadline (not recorded by it; the call may still record its own result, fenced, else the lease expires and any
 * instance retries it). Exactly one side records each entry.
 *
 * <p>Nothing a notifier throws escapes: it counts as a retryable failure (or permanent, for a non-retryable
 * {@link TriageException}). Notifier failure details and exception messages are host text and are logged only at
 * DEBUG; WARN/ERROR lines name the notifier, the exception class and the notification's idempotency key.
 */
final class OutboxDispatcher {

    /** No deadline for {@link #dispatchOnce(String, int, long)}. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int MAX_DETAIL_LENGTH = 300;
    private static final Duration MIN_DEFERRAL = Duration.ofSeconds(1);
    private static final long SUPERVISE_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final String RELEASED = "released: claimed but not started";

    private final PipelineConfig config;
    private final Events events;
    private final Semaphore slots;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger threadCount = new AtomicInteger();
    /** The background loop's wake-up, and whether it waits for a slot (then a finished call wakes it). */
    private volatile @Nullable WakeSignal loopSignal;
    private volatile boolean loopWantsSlot;
    private @Nullable ExecutorService executor;
    private boolean closed;

    OutboxDispatcher(PipelineConfig config, Events events) {
        this.config = config;
        this.events = events;
        this.slots = new Semaphore(config.delivery().concurrency());
    }

    long deliveredCount() {
        return delivered.get();
    }

    /** Delivery slots not held by a claim or a running call (for tests and monitoring). */
    int freeSlots() {
        return slots.availablePermits();
    }

    private NotificationOutbox outbox() {
        return config.outbox();
    }

    private DeliveryConfig delivery() {
        return config.delivery();
    }

    /** Claims and delivers up to {@code limit} due entries with no deadline; returns how many it claimed. */
    int dispatchOnce(String owner, int limit) {
        return dispatchOnce(owner, limit, NO_DEADLINE);
    }

    /**
     * Claims up to {@code limit} due entries (no more than the free slots), delivers them at once and waits until each
     * is recorded or {@code deadlineNanos} ({@link System#nanoTime()}) passes; calls still running then are abandoned.
     *
     * @return how many entries it claimed (0 also when no slot was free)
     */
    int dispatchOnce(String owner, int limit, long deadlineNanos) {
        List<DeliveryCall> calls = new ArrayList<>();
        int claimed = claimAndStart(owner, limit, calls);
        while (!calls.isEmpty()) {
            supervise(calls);
            if (calls.isEmpty()) break;
            long remaining = remainingNanos(deadlineNanos);
            if (remaining <= 0 || Thread.currentThread().isInterrupted()) {
                abandon(calls, "at the deadline");
                break;
            }
            try {
                calls.get(0).awaitRecorded(Math.min(SUPERVISE_SLICE_NANOS, remaining));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon(calls, "when interrupted");
                break;
            }
        }
        return claimed;
    }

    /**
     * Delivers until {@code stopping}: the pipeline's dispatcher thread. Keeps the slots filled, claiming again whenever
     * one frees up; when stopping, claims no more and waits for its calls to be recorded (an interrupt abandons them).
     * Nothing thrown by the store or a notifier ends it; only an interrupt does.
     */
    void runLoop(String owner, WakeSignal signal, BooleanSupplier stopping) {
        loopSignal = signal;
        List<DeliveryCall> calls = new ArrayList<>();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    supervise(calls);
                    if (stopping.getAsBoolean()) {
                        if (calls.isEmpty()) return;
                        calls.get(0).awaitRecorded(SUPERVISE_SLICE_NANOS);
                        continue;
                    }
                    int wanted = Math.min(delivery().batchSize(), slots.availablePermits());
                    int claimed = wanted == 0 ? 0 : claimAndStart(owner, wanted, calls);
                    // all slots busy, or a full claim (more may be due): a finished call should wake us to claim again
                    loopWantsSlot = wanted == 0 || claimed == wanted;
                    if (wanted > 0 && claimed == wanted) continue;
                    signal.await(calls.isEmpty() ? config.pollInterval() : shorter(config.pollInterval(), SUPERVISE_SLICE_NANOS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable e) {   // the loop must outlive anything the store throws, even an Error
                    logLoopFailure(e);
                    try {
                        signal.await(config.pollInterval());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            abandon(calls, "when the dispatcher stopped");
        } finally {
            loopSignal = null;
        }
    }

    private static Duration shorter(Duration duration, long nanos) {
        return duration.toNanos() < nanos ? duration : Duration.ofNanos(nanos);
    }

    private void logLoopFailure(Throwable e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
            LOG.error("Notification dispatcher hit {}; retrying in {}", e.getClass().getName(), config.pollInterval());
        } else {
            LOG.warn("Notification dispatcher failed with {}; retrying in {}", e.getClass().getName(), config.pollInterval());
        }
        LOG.debug("Notification dispatcher failure", e);
    }

    /** Stops the delivery threads; calls still running are interrupted (a result they still return is recorded, fenced). */
    synchronized void close() {
        closed = true;
        if (executor != null) executor.shutdownNow();
    }

    /**
     * Takes up to {@code limit} free slots, claims as many entries and starts a call for each (an entry whose target
     * has no notifier becomes a dead letter at once); unused slots are given back.
     *
     * @return how many entries were claimed
     */
    private int claimAndStart(String owner, int limit, List<DeliveryCall> started) {
        int taken = 0;
        while (taken < limit && slots.tryAcquire()) taken++;
        if (taken == 0) return 0;
        List<OutboxEntry> entries;
        try {
            entries = outbox().claimDue(owner + "#" + claims.incrementAndGet(), taken, delivery().leaseDuration());
        } catch (Throwable e) {
            slots.release(taken);
            throw e;
        }
        slots.release(taken - entries.size());
        long now = System.nanoTime();
        Duration halfLease = delivery().leaseDuration().dividedBy(2);
        Instant beatAt = config.clock().instant().plus(halfLease);
        for (int i = 0; i < entries.size(); i++) {
            OutboxEntry entry = entries.get(i);
            Optional<Notifier> notifier = config.notifierFor(entry.notification().target());
            if (notifier.isEmpty()) {
                slots.release();
                String reason = "no notifier for target '" + entry.notification().target() + "'";
                try {
                    deadLetter(entry, reason, reason);
                } catch (RuntimeException e) {   // it comes back when its lease expires
                    LOG.warn("Could not dead-letter notification {} ({})", entry.notification().idempotencyKey(), e.getClass().getName());
                    LOG.debug("Dead-letter failure", e);
                }
                continue;
            }
            DeliveryCall call = new DeliveryCall(entry, notifier.get(), now, now + halfLease.toNanos(), beatAt);
            try {
                deliveryThreads().execute(() -> run(call));
            } catch (RejectedExecutionException e) {   // closed meanwhile: give back this one and the rest
                slots.release(entries.size() - i);
                release(entries.subList(i, entries.size()));
                break;
            }
            started.add(call);
        }
        return entries.size();
    }

    /** The delivery thread: calls the notifier, records its result unless the supervisor settled the entry first. */
    private void run(DeliveryCall call) {
        try {
            call.running(Thread.currentThread());
            DeliveryResult result = invoke(call);
            call.finished();
            if (call.settle()) {
                try {
                    record(call.entry, call.notifier, result);
                } catch (Throwable e) {   // a store failure: the lease expires and the entry is retried (at least once)
                    LOG.warn("Could not record the delivery of notification {} ({}); it is retried when its lease expires",
                            call.entry.notification().idempotencyKey(), e.getClass().getName());
                    LOG.debug("Delivery record failure", e);
                } finally {
                    call.markRecorded();
                }
            } else {
                LOG.debug("Notification {}: result {} of an abandoned call dropped", call.entry.notification().idempotencyKey(),
                        result.status());
            }
        } finally {
            slots.release();
            WakeSignal signal = loopSignal;
            if (signal != null && loopWantsSlot) signal.signal();
        }
    }

    private DeliveryResult invoke(DeliveryCall call) {
        String name = safeName(call.notifier);
        Notification notification = call.entry.notification();
        try {
            DeliveryResult result = call.notifier.deliver(notification);
            if (result != null) return result;
            LOG.warn("Notifier {} returned no result for {}; counted as a retryable failure", name, notification.idempotencyKey());
            return DeliveryResult.retryable(name + " returned no result", null);
        } catch (Throwable e) {
            return thrown(name, notification, e);
        }
    }

    /** One pass over the calls in hand: drops the recorded ones, renews due leases, settles timed-out calls. */
    private void supervise(List<DeliveryCall> calls) {
        long timeoutNanos = delivery().deliveryTimeout().toNanos();
        Duration lease = delivery().leaseDuration();
        Duration halfLease = lease.dividedBy(2);
        Iterator<DeliveryCall> it = calls.iterator();
        while (it.hasNext()) {
            DeliveryCall call = it.next();
            if (call.isRecorded()) {
                it.remove();
                continue;
            }
            if (call.isSettled()) continue;   // the delivery thread is recording it
            long now = System.nanoTime();
            Notification notification = call.entry.notification();
            String name = safeName(call.notifier);
            if (now - call.startedNanos >= timeoutNanos) {
                if (call.settle()) {
                    call.interrupt();
                    LOG.warn("Notifier {} did not answer within {} delivering {}; counted as a retryable failure (its delivery slot stays"
                            + " busy until the call returns)", name, delivery().deliveryTimeout(), notification.idempotencyKey());
                    try {
                        record(call.entry, call.notifier, DeliveryResult.retryable(name + " did not answer within " + delivery().deliveryTimeout(), null));
                    } finally {
                        call.markRecorded();
                    }
                }
                it.remove();
                continue;
            }
            if (now - call.nextBeatNanos >= 0 || !config.clock().instant().isBefore(call.nextBeatAt)) {
                if (!heartbeat(call.entry, lease) && call.settle()) {
                    call.interrupt();
                    call.markRecorded();
                    it.remove();
                    LOG.warn("Lost the claim on notification {} while notifier {} was delivering it; it may be delivered twice",
                            notification.idempotencyKey(), name);
                    continue;
                }
                call.nextBeatNanos = System.nanoTime() + halfLease.toNanos();
                call.nextBeatAt = config.clock().instant().plus(halfLease);
            }
        }
    }

    /** Stops supervising calls still running: interrupted, not recorded here (they may record their own result, fenced). */
    private static void abandon(List<DeliveryCall> calls, String when) {
        for (DeliveryCall call : calls) {
            if (call.isRecorded()) continue;
            call.interrupt();
            LOG.warn("Notifier {} still delivering {} {}; abandoned, it is retried once its lease expires", safeName(call.notifier),
                    call.entry.notification().idempotencyKey(), when);
        }
        calls.clear();
    }

    /** Renews the lease; a store failure is not a lost claim (try again at the next beat). */
    private boolean heartbeat(OutboxEntry entry, Duration lease) {
        try {
            return outbox().extendLease(entry.id(), entry.owner(), lease);
        } catch (RuntimeException e) {
            LOG.warn("Could not extend the lease of notification {} ({}); trying again", entry.notification().idempotencyKey(),
                    e.getClass().getName());
            LOG.debug("Lease extension failure", e);
            return true;
        }
    }

    private static DeliveryResult thrown(String name, Notification notification, Throwable cause) {
        String what = name + " threw " + cause.getClass().getName();
        if (cause instanceof VirtualMachineError && !(cause instanceof StackOverflowError)) {
            LOG.error("Notifier {} threw {} delivering {}; counted as a retryable failure", name, cause.getClass().getName(),
                    notification.idempotencyKey());
        } else {
            LOG.warn("Notifier {} threw {} delivering {}; counted as a failed attempt", name, cause.getClass().getName(),
                    notification.idempotencyKey());
        }
        LOG.debug("Notifier {} failure delivering {}", name, notification.idempotencyKey(), cause);
        if (cause instanceof TriageException && !((TriageException) cause).retryable()) return DeliveryResult.permanent(what);
        Duration retryAfter = cause instanceof TriageException ? ((TriageException) cause).retryAfter().orElse(null) : null;
        return DeliveryResult.retryable(what, retryAfter);
    }

    private void record(OutboxEntry entry, Notifier notifier, DeliveryResult result) {
        Notification notification = entry.notification();
        String name = safeName(notifier);
        Instant now = config.clock().instant();
        switch (result.status()) {
            case DELIVERED:
                if (!outbox().markDelivered(entry.id(), entry.owner())) {
                    LOG.warn("Notification {} was delivered after its claim was lost; it may be delivered twice", notification.idempotencyKey());
                }
                delivered.incrementAndGet();
                events.publish(seq -> new TicketEvent.NotificationDelivered(seq, notification, now));
                break;
            case DEFERRED:
                Instant earliest = now.plus(MIN_DEFERRAL);
                Instant until = result.deferredUntil().filter(earliest::isBefore).orElse(earliest);
                String why = detail(result, "deferred");
                if (outbox().defer(entry.id(), entry.owner(), until, why)) {
                    LOG.debug("Notification {} deferred by {} until {}: {}", notification.idempotencyKey(), name, until, why);
                } else {
                    lostClaim(entry);
                }
                break;
            case RETRYABLE_FAILURE:
                int failedAttempts = entry.attempts() + 1;
                String detail = detail(result, "retryable failure");
                if (delivery().retry().allowsRetryAfter(failedAttempts)) {
                    Duration wait = delivery().retry().backoff(failedAttempts, result.retryDelay());
                    if (outbox().markRetry(entry.id(), entry.owner(), now.plus(wait), detail)) {
                        LOG.debug("Notification {} attempt {} failed in {}, retry in {}: {}", notification.idempotencyKey(),
                                failedAttempts, name, wait, detail);
                    } else {
                        lostClaim(entry);
                    }
                } else {
                    deadLetter(entry, detail, "gave up after " + failedAttempts + " attempts (notifier " + name + ")");
                }
                break;
            case PERMANENT_FAILURE:
                deadLetter(entry, detail(result, "permanent failure"), "permanent failure (notifier " + name + ")");
                break;
            default:
                throw new IllegalStateException("unknown delivery status " + result.status());
        }
    }

    /**
     * Parks an entry as a dead letter.
     *
     * @param storedError the last error kept with the dead letter (may be the notifier's words)
     * @param reason      engine-made text only, for the ERROR log and the event
     */
    private void deadLetter(OutboxEntry entry, String storedError, String reason) {
        Notification notification = entry.notification();
        if (!outbox().markFailed(entry.id(), entry.owner(), storedError)) {
            lostClaim(entry);
            return;
        }
        Instant now = config.clock().instant();
        LOG.error("Notification {} for ticket {} dead-lettered: {}", notification.idempotencyKey(), notification.ticketId(), reason);
        LOG.debug("Notification {} last error: {}", notification.idempotencyKey(), storedError);
        events.publish(seq -> new TicketEvent.NotificationDeadLettered(seq, notification, reason, now));
    }

    private static void lostClaim(OutboxEntry entry) {
        LOG.debug("Notification {}: claim lost before its result was stored; the new owner decides", entry.notification().idempotencyKey());
    }

    /** Gives claimed entries back at once (deferred to now, no attempt spent), for any instance to take. */
    private void release(List<OutboxEntry> entries) {
        if (entries.isEmpty()) return;
        Instant now = config.clock().instant();
        for (OutboxEntry entry : entries) {
            try {
                outbox().defer(entry.id(), entry.owner(), now, RELEASED);
            } catch (RuntimeException e) {   // it comes back when its lease expires
                LOG.debug("Could not release notification {}", entry.notification().idempotencyKey(), e);
            }
        }
    }

    private static String detail(DeliveryResult result, String fallback) {
        return Text.truncate(result.failureDetail().orElse(fallback), MAX_DETAIL_LENGTH);
    }

    private static String safeName(Notifier notifier) {
        try {
            return notifier.name();
        } catch (RuntimeException e) {
            return notifier.getClass().getName();
        }
    }

    private static long remainingNanos(long deadlineNanos) {
        return deadlineNanos == NO_DEADLINE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
    }

    private synchronized ExecutorService deliveryThreads() {
        if (closed) throw new RejectedExecutionException("dispatcher closed");
        if (executor == null) {
            // unbounded pool, bounded by the slots: a call holds its slot until it returns, so threads <= concurrency
            ThreadFactory factory = config.work().threadFactory();
            executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = factory.newThread(runnable);
                if (factory == WorkerConfig.DEFAULT_THREAD_FACTORY) {
                    thread.setName("ticket-triage-" + config.instanceId() + "-notifier-" + threadCount.incrementAndGet());
                }
                return thread;
            });
        }
        return executor;
    }
}
