package dev.tickettriage;

import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.RateLimitedException;
import dev.tickettriage.error.TriageException;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.port.ClassificationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps up to {@code maxInFlight} classifier calls running: claims only as many tickets as the free call permits
 * can start now ({@code free permits x batchSize}), starts each batch with {@code Classifier.classifyAllAsync} on a
 * pipeline-owned executor, stores each call's answers as soon as it completes, extends the leases of tickets whose
 * call is still running, and pauses new calls while the classifier is rate limited.
 *
 * <p>The executor is created on first use and has at most {@code maxInFlight} threads, each started only when a
 * task needs it and stopped after {@value #IDLE_THREAD_SECONDS} s idle, so a classifier that completes its stages
 * itself (an asynchronous HTTP client) or a CPU-bound one never gets idle threads. Completions that arrive on a
 * foreign thread (an HTTP client's) are stored on the executor, never on the client's thread. Thread-safe.
 */
final class ClassifierCalls {

    /** Longest pause honoured for a rate limit; a later end is clamped to now + this (documented in WorkerConfig). */
    static final Duration MAX_RATE_LIMIT_WAIT = WorkerConfig.MAX_RATE_LIMIT_WAIT;
    /** Shortest pause for a rate limit, so a limit that ends "now" cannot make a hot loop. */
    static final Duration MIN_RATE_LIMIT_WAIT = Duration.ofSeconds(1);
    /** Most tickets one claim asks for, whatever maxInFlight x batchSize is. */
    static final int MAX_CLAIM = 4_096;
    private static final long IDLE_THREAD_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(ClassifierCalls.class);
    private static final ThreadLocal<Boolean> PIPELINE_THREAD = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /** What {@link #fill} did. */
    enum Fill {
        /** Claimed as many tickets as asked for: there may be more. */
        CLAIMED_ALL,
        /** Claimed fewer than asked for (maybe none): nothing more is claimable now. */
        CLAIMED_SOME,
        /** Every call permit is taken: wait for a call to finish. */
        NO_PERMIT,
        /** The classifier is rate limited: no call until the pause ends. */
        PAUSED,
        /** Shutting down. */
        CLOSED
    }

    /** A ticket whose call runs, and who holds its lease. */
    private record Claim(Ticket ticket, String owner) {
    }

    private final PipelineConfig config;
    private final TicketProcessor processor;
    private final int maxInFlight;
    private final int batchSize;
    private final boolean cpuBound;
    private final Semaphore permits;
    private final WakeSignal callFinished = new WakeSignal();
    private final Consumer<Instant> wakeAt;
    private final Map<TicketId, Claim> inFlight = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.MIN);
    private final AtomicLong lastHeartbeatNanos = new AtomicLong(System.nanoTime());
    private final AtomicInteger callsRunning = new AtomicInteger();
    private final Object executorLock = new Object();
    private volatile @Nullable ThreadPoolExecutor executor;
    private volatile boolean closed;

    /**
     * @param wakeAt schedules a wake-up of the claim threads at a time (the end of a rate-limit pause)
     */
    ClassifierCalls(PipelineConfig config, TicketProcessor processor, Consumer<Instant> wakeAt) {
        this.config = config;
        this.processor = processor;
        this.maxInFlight = config.maxInFlight();
        this.batchSize = config.batchSize();
        this.cpuBound = config.work().maxInFlight() == 0 && config.classifier().limits().isCpuBound();
        this.permits = new Semaphore(maxInFlight);
        this.wakeAt = wakeAt;
    }

    int maxInFlight() {
        return maxInFlight;
    }

    int batchSize() {
        return batchSize;
    }

    /** Calls running now. */
    int callsRunning() {
        return callsRunning.get();
    }

    /** Tickets whose call runs now. */
    int ticketsInFlight() {
        return inFlight.size();
    }

    /** When the rate-limit pause ends; in the past when there is none. */
    Instant pausedUntil() {
        return pausedUntil.get();
    }

    /**
     * Claims for {@code owner} as many tickets as the free call permits can start now, and starts their calls.
     * Never blocks on the classifier; blocks only for the repository's claim.
     */
    Fill fill(String owner) {
        if (closed) return Fill.CLOSED;
        if (config.clock().instant().isBefore(pausedUntil.get())) return Fill.PAUSED;
        int reserved = permits.drainPermits();
        if (reserved == 0) return Fill.NO_PERMIT;
        int wanted = (int) Math.min(MAX_CLAIM, (long) reserved * batchSize);
        List<Ticket> claimed;
        try {
            claimed = config.repository().claim(owner, wanted, config.leaseDuration());
        } catch (Throwable thrown) {
            permits.release(reserved);
            throw thrown;
        }
        if (closed) {   // close() began during the claim: give the tickets back untouched
            permits.release(reserved);
            for (Ticket ticket : claimed) release(new Claim(ticket, owner));
            return Fill.CLOSED;
        }
        int calls = (claimed.size() + batchSize - 1) / batchSize;
        if (reserved > calls) permits.release(reserved - calls);
        boolean wasPipelineThread = PIPELINE_THREAD.get();
        PIPELINE_THREAD.set(Boolean.TRUE);
        try {
            for (int start = 0; start < claimed.size(); start += batchSize) {
                int end = Math.min(claimed.size(), start + batchSize);
                List<Ticket> batch = List.copyOf(claimed.subList(start, end));
                // CPU-bound: the claiming thread computes the last batch itself instead of handing it off and waiting
                start(batch, owner, cpuBound && end == claimed.size());
            }
        } finally {
            PIPELINE_THREAD.set(wasPipelineThread);
        }
        return claimed.size() < wanted ? Fill.CLAIMED_SOME : Fill.CLAIMED_ALL;
    }

    /** Runs a task on the calling thread. */
    private static final Executor DIRECT = Runnable::run;

    /** Starts one call, holding one permit, for {@code batch}; its blocking work runs here when {@code inline}. */
    private void start(List<Ticket> batch, String owner, boolean inline) {
        for (Ticket ticket : batch) inFlight.put(ticket.id(), new Claim(ticket, owner));
        callsRunning.incrementAndGet();
        if (closed) {
            abandon(batch, owner);
            for (Ticket ticket : batch) inFlight.remove(ticket.id(), new Claim(ticket, owner));   // not a newer claim of it
            callsRunning.decrementAndGet();
            permits.release();
            return;
        }
        CompletionStage<List<ClassificationResult>> stage;
        try {
            Executor runOn = inline ? DIRECT : executor();
            stage = config.classifier().classifyAllAsync(batch, config.taxonomy(), runOn);
            if (stage == null) throw new NullPointerException("classifyAllAsync returned null");
        } catch (Throwable thrown) {   // host code failing synchronously
            finish(batch, owner, null, thrown);
            return;
        }
        stage.whenComplete((results, thrown) -> {
            if (PIPELINE_THREAD.get()) {
                finish(batch, owner, results, thrown);
                return;
            }
            try {
                executor().execute(() -> finish(batch, owner, results, thrown));
            } catch (RejectedExecutionException e) {   // closed meanwhile: store here rather than lose the answer
                finish(batch, owner, results, thrown);
            }
        });
    }

    /** Stores a call's outcome, then gives its permit back. Never throws. */
    private void finish(List<Ticket> batch, String owner, @Nullable List<ClassificationResult> results, @Nullable Throwable thrown) {
        try {
            if (thrown == null && results != null) {
                processor.storeAnswers(batch, owner, results).ifPresent(this::pause);
                return;
            }
            Throwable cause = unwrap(thrown);
            if (cause instanceof RateLimitedException) {
                processor.throttledAll(batch, owner, (RateLimitedException) cause);
                pause((RateLimitedException) cause);
            } else if (closed && cause instanceof RejectedExecutionException) {
                abandon(batch, owner);
            } else {
                TriageException failure = cause == null
                        ? ClassificationException.retryable("Classifier " + config.classifier().name() + " returned no answers", (Throwable) null)
                        : asFailure(cause);
                if (cause != null && !(cause instanceof TriageException)) {
                    LOG.warn("Classifier {} threw {} for a call of {} ticket(s); they are retried", config.classifier().name(),
                            cause.getClass().getName(), batch.size());
                    LOG.debug("Classifier {} threw", config.classifier().name(), cause);
                }
                processor.failAll(batch, owner, failure);
            }
        } catch (Throwable unexpected) {
            LOG.error("Storing a call of {} ticket(s) failed with {}; they are tried again when their leases expire", batch.size(),
                    unexpected.getClass().getName());
            LOG.debug("Storing a call failed", unexpected);
        } finally {
            for (Ticket ticket : batch) inFlight.remove(ticket.id(), new Claim(ticket, owner));   // not a newer claim of it
            callsRunning.decrementAndGet();
            permits.release();
            callFinished.signal();
        }
    }

    private TriageException asFailure(Throwable cause) {
        if (cause instanceof TriageException) return (TriageException) cause;
        return ClassificationException.unexpected(config.classifier().name(), cause);
    }

    private static @Nullable Throwable unwrap(@Nullable Throwable thrown) {
        Throwable current = thrown;
        while ((current instanceof CompletionException || current instanceof ExecutionException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Stops new calls until the limit ends (bounded to {@link #MAX_RATE_LIMIT_WAIT}) and wakes the claim threads then. */
    private void pause(RateLimitedException rateLimit) {
        Instant until = boundedPause(rateLimit.until(), config.clock().instant());
        Instant before = pausedUntil.getAndAccumulate(until, (current, next) -> next.isAfter(current) ? next : current);
        if (until.isAfter(before)) {
            LOG.warn("Classifier {} is rate limited; no new calls until {}", config.classifier().name(), until);
            wakeAt.accept(until);
        }
    }

    /** A rate limit's end, clamped to [now + {@link #MIN_RATE_LIMIT_WAIT}, now + {@link #MAX_RATE_LIMIT_WAIT}]. */
    static Instant boundedPause(Instant until, Instant now) {
        Instant earliest = now.plus(MIN_RATE_LIMIT_WAIT);
        Instant latest = now.plus(MAX_RATE_LIMIT_WAIT);
        if (until.isBefore(earliest)) return earliest;
        return until.isAfter(latest) ? latest : until;
    }

    /** Waits until a call finishes or {@code timeout} passes. */
    void awaitCallFinished(Duration timeout) throws InterruptedException {
        callFinished.await(timeout);
    }

    /** Wakes threads waiting for a call to finish (at shutdown). */
    void wakeWaiters() {
        callFinished.signal();
    }

    /** Extends the leases of tickets whose call still runs when a third of the lease has passed since the last time. */
    void extendLeasesIfDue() {
        long every = config.leaseDuration().toNanos() / 3;
        long last = lastHeartbeatNanos.get();
        long now = System.nanoTime();
        if (now - last >= every && lastHeartbeatNanos.compareAndSet(last, now)) extendLeases();
    }

    /** Extends the lease of every ticket whose call still runs (the heartbeat). */
    void extendLeases() {
        lastHeartbeatNanos.set(System.nanoTime());
        for (Claim claim : inFlight.values()) {
            try {
                if (!config.repository().extendLease(claim.ticket().id(), claim.owner(), config.leaseDuration())) {
                    LOG.debug("Lease on ticket {} lost while its call runs; its result will be dropped", claim.ticket().id());
                }
            } catch (RuntimeException e) {
                LOG.warn("Extending the lease of ticket {} failed with {}; will try again", claim.ticket().id(), e.getClass().getName());
                LOG.debug("Extending a lease failed", e);
            }
        }
    }

    /**
     * Stops starting calls, waits until the calls in hand end or the deadline passes, then gives the tickets of the
     * calls still running back (NEW, claimable again) and stops the executor.
     */
    void shutdown(long deadlineNanos) {
        closed = true;
        try {
            while (!inFlight.isEmpty()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) break;
                callFinished.await(Duration.ofNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(20))));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ThreadPoolExecutor pool = executor;
        if (pool != null) pool.shutdownNow();
        int released = 0;
        for (Claim claim : inFlight.values()) {
            if (release(claim)) released++;
        }
        if (released > 0) {
            LOG.warn("{} ticket(s) whose classifier call did not finish in time were released for another worker", released);
        }
    }

    private void abandon(List<Ticket> batch, String owner) {
        for (Ticket ticket : batch) release(new Claim(ticket, owner));
    }

    private boolean release(Claim claim) {
        try {
            return config.repository().release(claim.ticket().id(), claim.owner());
        } catch (RuntimeException e) {
            LOG.warn("Releasing ticket {} failed with {}; it is claimable again when its lease expires", claim.ticket().id(),
                    e.getClass().getName());
            return false;
        }
    }

    private ThreadPoolExecutor executor() {
        ThreadPoolExecutor pool = executor;
        if (pool != null) return pool;
        synchronized (executorLock) {
            if (closed) throw new RejectedExecutionException("pipeline closed");
            if (executor == null) {
                ThreadFactory factory = config.work().threadFactory();
                AtomicInteger counter = new AtomicInteger();
                ThreadPoolExecutor created = new ThreadPoolExecutor(maxInFlight, maxInFlight, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(), runnable -> {
                            Thread thread = factory.newThread(() -> {
                                PIPELINE_THREAD.set(Boolean.TRUE);
                                runnable.run();
                            });
                            if (factory == WorkerConfig.DEFAULT_THREAD_FACTORY) {
                                thread.setName("ticket-triage-" + config.instanceId() + "-call-" + counter.incrementAndGet());
                            }
                            return thread;
                        });
                created.allowCoreThreadTimeOut(true);
                executor = created;
            }
            return executor;
        }
    }

    /** When the current rate-limit pause ends, if one is in force. */
    Optional<Instant> pauseEnd() {
        Instant until = pausedUntil.get();
        return config.clock().instant().isBefore(until) ? Optional.of(until) : Optional.empty();
    }
}
