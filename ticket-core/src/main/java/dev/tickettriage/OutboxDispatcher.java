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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox entries through the notifier for their target, at least once. Thread-safe.
 *
 * <p>Each claim uses its own owner ({@code <owner>#<n>}), so a stale delivery can never mark a later claim. A
 * notifier call runs on a delivery thread while the calling thread waits for it in short slices, renewing the
 * entry's lease every half lease (heartbeat), abandoning the call after {@link DeliveryConfig#deliveryTimeout()}
 * (a retryable failure) or at the caller's deadline (no mark: the lease expires and any instance retries it).
 * Nothing a notifier throws escapes: it counts as a retryable failure (or permanent, for a non-retryable
 * {@link TriageException}). Notifier failure details and exception messages are host text and are logged only at
 * DEBUG; WARN/ERROR lines name the notifier, the exception class and the notification's idempotency key.
 */
final class OutboxDispatcher {

    /** No deadline for {@link #dispatchOnce(String, int, long, BooleanSupplier)}. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final int MAX_DETAIL_LENGTH = 300;
    private static final Duration MIN_DEFERRAL = Duration.ofSeconds(1);
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final String RELEASED = "released: claimed but not started";

    private final PipelineConfig config;
    private final Events events;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong claims = new AtomicLong();
    private final AtomicInteger threadCount = new AtomicInteger();
    private @Nullable ExecutorService executor;
    private boolean closed;

    OutboxDispatcher(PipelineConfig config, Events events) {
        this.config = config;
        this.events = events;
    }

    long deliveredCount() {
        return delivered.get();
    }

    private NotificationOutbox outbox() {
        return config.outbox();
    }

    private DeliveryConfig delivery() {
        return config.delivery();
    }

    /** Claims and delivers up to {@code limit} due entries with no deadline; returns how many it claimed. */
    int dispatchOnce(String owner, int limit) {
        return dispatchOnce(owner, limit, NO_DEADLINE, () -> false);
    }

    /**
     * Claims up to {@code limit} due entries and delivers them one by one until {@code deadlineNanos}
     * ({@link System#nanoTime()}) or until {@code stopping}; entries not started by then are given back at once.
     *
     * @return how many entries it claimed
     */
    int dispatchOnce(String owner, int limit, long deadlineNanos, BooleanSupplier stopping) {
        String claimOwner = owner + "#" + claims.incrementAndGet();
        List<OutboxEntry> entries = outbox().claimDue(claimOwner, limit, delivery().leaseDuration());
        for (int i = 0; i < entries.size(); i++) {
            if (stopping.getAsBoolean() || Thread.currentThread().isInterrupted() || remainingNanos(deadlineNanos) <= 0) {
                release(entries.subList(i, entries.size()));   // the one in hand was finished; the rest were never started
                break;
            }
            if (!deliver(entries.get(i), deadlineNanos)) {
                release(entries.subList(i + 1, entries.size()));   // entry i was abandoned mid-call: its lease must expire first
                break;
            }
        }
        return entries.size();
    }

    /**
     * Delivers until {@code stopping}: the pipeline's dispatcher thread. Nothing thrown by the store or a notifier
     * ends it; only an interrupt does.
     */
    void runLoop(String owner, WakeSignal signal, BooleanSupplier stopping) {
        while (!stopping.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            try {
                if (dispatchOnce(owner, delivery().batchSize(), NO_DEADLINE, stopping) == 0) {
                    signal.await(config.pollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) {   // the loop must outlive anything the store throws, even an Error
                logLoopFailure(e);
                try {
                    signal.await(config.pollInterval());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void logLoopFailure(Throwable e) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
            LOG.error("Notification dispatcher hit {}; retrying in {}", e.getClass().getName(), config.pollInterval());
        } else {
            LOG.warn("Notification dispatcher failed with {}; retrying in {}", e.getClass().getName(), config.pollInterval());
        }
        LOG.debug("Notification dispatcher failure", e);
    }

    /** Stops the delivery threads; calls still running are interrupted and abandoned. */
    synchronized void close() {
        closed = true;
        if (executor != null) executor.shutdownNow();
    }

    /** @return whether to go on with the rest of the batch */
    private boolean deliver(OutboxEntry entry, long deadlineNanos) {
        Notification notification = entry.notification();
        Optional<Notifier> found = config.notifierFor(notification.target());
        if (found.isEmpty()) {
            String reason = "no notifier for target '" + notification.target() + "'";
            deadLetter(entry, reason, reason);
            return true;
        }
        Notifier notifier = found.get();
        // renew the claim just before calling out: a claim that waited behind slow deliveries may have been taken
        if (!outbox().extendLease(entry.id(), entry.owner(), delivery().leaseDuration())) {
            LOG.debug("Notification {} was claimed by another dispatcher meanwhile; skipped", notification.idempotencyKey());
            return true;
        }
        Attempt attempt = call(notifier, entry, deadlineNanos);
        if (attempt.result != null) record(entry, notifier, attempt.result);
        return attempt.goOn;
    }

    /** The outcome of one notifier call: a result to record (or none when abandoned), and whether to go on. */
    private static final class Attempt {
        final @Nullable DeliveryResult result;
        final boolean goOn;

        Attempt(@Nullable DeliveryResult result, boolean goOn) {
            this.result = result;
            this.goOn = goOn;
        }
    }

    private Attempt call(Notifier notifier, OutboxEntry entry, long deadlineNanos) {
        String name = safeName(notifier);
        Notification notification = entry.notification();
        Future<DeliveryResult> future;
        try {
            future = deliveryThreads().submit(() -> notifier.deliver(notification));
        } catch (RejectedExecutionException e) {   // closed meanwhile: leave the entry for its lease to expire
            return new Attempt(null, false);
        }
        Duration lease = delivery().leaseDuration();
        Duration halfLease = lease.dividedBy(2);
        long started = System.nanoTime();
        long timeoutNanos = delivery().deliveryTimeout().toNanos();
        long nextBeat = started + halfLease.toNanos();
        Instant nextBeatAt = config.clock().instant().plus(halfLease);
        while (true) {
            long now = System.nanoTime();
            if (remainingNanos(deadlineNanos) <= 0) {
                future.cancel(true);
                LOG.warn("Notifier {} still delivering {} at the deadline; abandoned, it is retried once its lease expires", name,
                        notification.idempotencyKey());
                return new Attempt(null, false);
            }
            if (now - started >= timeoutNanos) {
                future.cancel(true);
                LOG.warn("Notifier {} did not answer within {} delivering {}; counted as a retryable failure", name,
                        delivery().deliveryTimeout(), notification.idempotencyKey());
                return new Attempt(DeliveryResult.retryable(name + " did not answer within " + delivery().deliveryTimeout(), null), true);
            }
            if (now - nextBeat >= 0 || !config.clock().instant().isBefore(nextBeatAt)) {
                if (!heartbeat(entry, lease)) {
                    future.cancel(true);
                    LOG.warn("Lost the claim on notification {} while notifier {} was delivering it; it may be delivered twice",
                            notification.idempotencyKey(), name);
                    return new Attempt(null, true);
                }
                nextBeat = System.nanoTime() + halfLease.toNanos();
                nextBeatAt = config.clock().instant().plus(halfLease);
            }
            long wait = Math.min(WAIT_SLICE_NANOS, Math.min(timeoutNanos - (now - started), remainingNanos(deadlineNanos)));
            try {
                DeliveryResult result = future.get(Math.max(1, wait), TimeUnit.NANOSECONDS);
                if (result == null) {
                    LOG.warn("Notifier {} returned no result for {}; counted as a retryable failure", name, notification.idempotencyKey());
                    return new Attempt(DeliveryResult.retryable(name + " returned no result", null), true);
                }
                return new Attempt(result, true);
            } catch (TimeoutException e) {
                // still working: check the deadline and the heartbeat again
            } catch (ExecutionException e) {
                return new Attempt(thrown(name, notification, e.getCause() != null ? e.getCause() : e), true);
            } catch (CancellationException e) {
                return new Attempt(null, false);
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                return new Attempt(null, false);
            }
        }
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
