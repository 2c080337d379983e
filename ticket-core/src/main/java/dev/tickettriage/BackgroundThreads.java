package dev.tickettriage;

import dev.tickettriage.pipeline.WorkerConfig;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's background threads: {@code workers} claim threads that keep up to {@code maxInFlight} classifier
 * calls running (see {@link ClassifierCalls}), one outbox dispatcher, and a scheduler for the lease heartbeat,
 * retry wake-ups, backlog reconciliation and the SLA sweep. With 0 workers only the scheduler runs, for backlog
 * reconciliation (an API-only node).
 *
 * <p>No loop dies of what host code throws: each loop catches everything at its boundary, logs the type (the
 * throwable itself only at DEBUG), waits a poll interval and goes on.
 */
final class BackgroundThreads {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundThreads.class);
    private static final Duration BACKLOG_RECONCILE_INTERVAL = Duration.ofSeconds(5);

    private final PipelineConfig config;
    private final ClassifierCalls calls;
    private final OutboxDispatcher dispatcher;
    private final WakeSignal workSignal;
    private final WakeSignal outboxSignal;
    private final RetryWakeups wakeups;
    private final BooleanSupplier stopping;
    private final Runnable reconcileBacklog;
    private final Runnable checkSla;
    private @Nullable ExecutorService loops;
    private @Nullable ScheduledExecutorService scheduler;

    BackgroundThreads(PipelineConfig config, ClassifierCalls calls, OutboxDispatcher dispatcher, WakeSignal workSignal,
                      WakeSignal outboxSignal, RetryWakeups wakeups, BooleanSupplier stopping, Runnable reconcileBacklog,
                      Runnable checkSla) {
        this.config = config;
        this.calls = calls;
        this.dispatcher = dispatcher;
        this.workSignal = workSignal;
        this.outboxSignal = outboxSignal;
        this.wakeups = wakeups;
        this.stopping = stopping;
        this.reconcileBacklog = reconcileBacklog;
        this.checkSla = checkSla;
    }

    void start() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(2, namedThreads("scheduler"));
        timer.setRemoveOnCancelPolicy(true);
        long reconcileEvery = BACKLOG_RECONCILE_INTERVAL.toMillis();
        timer.scheduleWithFixedDelay(() -> guarded("Backlog reconciliation", reconcileBacklog), reconcileEvery, reconcileEvery,
                TimeUnit.MILLISECONDS);
        this.scheduler = timer;
        if (config.workers() == 0) return;
        long heartbeatEvery = Math.max(1, config.leaseDuration().toMillis() / 3);
        timer.scheduleWithFixedDelay(() -> guarded("Lease heartbeat", calls::extendLeases), heartbeatEvery, heartbeatEvery,
                TimeUnit.MILLISECONDS);
        if (config.slaCheckInterval() != null) {
            long slaEvery = config.slaCheckInterval().toMillis();
            timer.scheduleWithFixedDelay(() -> guarded("SLA check", checkSla), slaEvery, slaEvery, TimeUnit.MILLISECONDS);
        }
        wakeups.start(timer);
        ExecutorService pool = Executors.newFixedThreadPool(config.workers() + 1, namedThreads(null));
        for (int i = 1; i <= config.workers(); i++) {
            String owner = config.instanceId() + "/worker-" + i;
            pool.execute(() -> claimLoop(owner));
        }
        pool.execute(this::dispatchLoop);
        this.loops = pool;
    }

    /**
     * Stops the claim threads (a claim in progress finishes; what it claimed is started or released), then the calls
     * in hand get until {@code deadlineNanos} to finish before their tickets are released; then the scheduler stops.
     */
    void stop(long deadlineNanos) {
        workSignal.signal();
        outboxSignal.signal();
        calls.wakeWaiters();
        ExecutorService pool = loops;
        if (pool != null) {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    LOG.warn("Background loops did not stop within {}; interrupting", config.shutdownTimeout());
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        calls.shutdown(deadlineNanos);
        wakeups.stop();
        ScheduledExecutorService timer = scheduler;
        if (timer != null) timer.shutdownNow();
    }

    private ThreadFactory namedThreads(@Nullable String role) {
        ThreadFactory factory = config.work().threadFactory();
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = factory.newThread(runnable);
            if (factory == WorkerConfig.DEFAULT_THREAD_FACTORY) {
                thread.setName("ticket-triage-" + config.instanceId() + "-" + (role == null ? "" : role + "-") + counter.incrementAndGet());
            }
            return thread;
        };
    }

    /** Runs a scheduled task; whatever it throws is logged and the schedule goes on. */
    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (Throwable thrown) {
            LOG.warn("{} failed with {}; will try again", what, thrown.getClass().getName());
            LOG.debug("{} failed", what, thrown);
        }
    }

    /** Keeps the calls filled: claims when call permits are free, waits for a call to finish or for new work. */
    private void claimLoop(String owner) {
        while (!stopping.getAsBoolean()) {
            try {
                switch (calls.fill(owner)) {
                    case CLAIMED_ALL:
                        break;   // there may be more: go on while permits are free
                    case NO_PERMIT:
                        calls.awaitCallFinished(config.pollInterval());
                        break;
                    case PAUSED:
                        Duration untilEnd = Duration.between(config.clock().instant(), calls.pausedUntil());
                        workSignal.await(untilEnd.compareTo(config.pollInterval()) < 0 ? untilEnd : config.pollInterval());
                        break;
                    case CLOSED:
                        return;
                    case CLAIMED_SOME:
                    default:
                        workSignal.await(config.pollInterval());
                        break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable thrown) {   // the thread boundary: a store outage, a bug; never let the loop die
                LOG.warn("Claim thread {} failed with {}; retrying in {}", owner, thrown.getClass().getName(), config.pollInterval());
                LOG.debug("Claim thread {} failed", owner, thrown);
                if (!idle(workSignal)) return;
            }
        }
    }

    private void dispatchLoop() {
        dispatcher.runLoop(config.instanceId() + "/dispatcher", outboxSignal, stopping);
    }

    private boolean idle(WakeSignal signal) {
        try {
            signal.await(config.pollInterval());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
