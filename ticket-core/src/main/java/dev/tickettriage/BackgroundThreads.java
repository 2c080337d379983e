package dev.tickettriage;

import dev.tickettriage.domain.Ticket;
import dev.tickettriage.pipeline.WorkerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's daemon threads: workers that claim and process tickets, one outbox dispatcher, and a
 * scheduler for backlog reconciliation and the SLA sweep. None when the pipeline has 0 workers.
 */
final class BackgroundThreads {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundThreads.class);
    private static final Duration BACKLOG_RECONCILE_INTERVAL = Duration.ofSeconds(5);

    private final PipelineConfig config;
    private final TicketProcessor processor;
    private final OutboxDispatcher dispatcher;
    private final WakeSignal workSignal;
    private final WakeSignal outboxSignal;
    private final BooleanSupplier stopping;
    private final Runnable reconcileBacklog;
    private final Runnable checkSla;
    private @Nullable ExecutorService loops;
    private @Nullable ScheduledExecutorService scheduler;

    BackgroundThreads(PipelineConfig config, TicketProcessor processor, OutboxDispatcher dispatcher, WakeSignal workSignal,
                      WakeSignal outboxSignal, BooleanSupplier stopping, Runnable reconcileBacklog, Runnable checkSla) {
        this.config = config;
        this.processor = processor;
        this.dispatcher = dispatcher;
        this.workSignal = workSignal;
        this.outboxSignal = outboxSignal;
        this.stopping = stopping;
        this.reconcileBacklog = reconcileBacklog;
        this.checkSla = checkSla;
    }

    void start() {
        if (config.workers() == 0) return;
        AtomicInteger counter = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(config.workers() + 1,
                runnable -> daemon(runnable, "ticket-triage-" + config.instanceId() + "-" + counter.incrementAndGet()));
        for (int i = 1; i <= config.workers(); i++) {
            String owner = config.instanceId() + "/worker-" + i;
            pool.execute(() -> workLoop(owner));
        }
        pool.execute(this::dispatchLoop);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                runnable -> daemon(runnable, "ticket-triage-" + config.instanceId() + "-scheduler"));
        long reconcileEvery = BACKLOG_RECONCILE_INTERVAL.toMillis();
        timer.scheduleWithFixedDelay(reconcileBacklog, reconcileEvery, reconcileEvery, TimeUnit.MILLISECONDS);
        if (config.slaCheckInterval() != null) {
            long slaEvery = config.slaCheckInterval().toMillis();
            timer.scheduleWithFixedDelay(checkSla, slaEvery, slaEvery, TimeUnit.MILLISECONDS);
        }
        this.loops = pool;
        this.scheduler = timer;
    }

    /** Wakes the loops, lets them finish the ticket in hand, and waits up to the shutdown timeout. */
    void stop() {
        workSignal.signal();
        outboxSignal.signal();
        if (scheduler != null) scheduler.shutdownNow();
        if (loops == null) return;
        loops.shutdown();
        try {
            if (!loops.awaitTermination(config.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Workers did not stop within {}; interrupting; unfinished tickets are picked up again when their lease expires",
                        config.shutdownTimeout());
                loops.shutdownNow();
            }
        } catch (InterruptedException e) {
            loops.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private Thread daemon(Runnable runnable, String name) {
        ThreadFactory factory = config.work().threadFactory();
        Thread thread = factory.newThread(runnable);
        if (factory == WorkerConfig.DEFAULT_THREAD_FACTORY) thread.setName(name);
        return thread;
    }

    private void workLoop(String owner) {
        while (!stopping.getAsBoolean()) {
            try {
                List<Ticket> claimed = config.repository().claim(owner, config.batchSize(), config.leaseDuration());
                if (claimed.isEmpty()) {
                    workSignal.await(config.pollInterval());
                } else {
                    processor.processClaimed(claimed, owner, stopping);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Worker {} failed to claim or process work; retrying in {}", owner, config.pollInterval(), e);
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
