package dev.tickettriage.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;

/**
 * How this instance classifies tickets in the background.
 *
 * <ul>
 *   <li>{@code workers}: claim threads that take tickets from the store under a lease and start classifier calls;
 *       a few are enough for any {@code maxInFlight}, since they never wait for a call. 0 runs no claim thread (an
 *       API-only node; call {@code drainBacklog} or {@code process} yourself; only backlog reconciliation runs);</li>
 *   <li>{@code maxInFlight} and {@code batchSize}: classifier calls kept running at once and tickets per call;
 *       0 (the default) means "as the classifier declares" in {@code Classifier.limits()}. Claim threads claim at
 *       most (free calls x batchSize) tickets, so nothing claimed waits behind other calls;</li>
 *   <li>{@code leaseDuration}: how long a claim holds a ticket; the lease is extended every third of it while the
 *       ticket's call runs (heartbeat), so calls longer than the lease are fine;</li>
 *   <li>{@code pollInterval}: how long idle workers wait before looking for work of other instances again;</li>
 *   <li>{@code retry}: retries of retryable classification failures;</li>
 *   <li>{@code slaCheckInterval}: how often the SLA sweep runs, when SLA escalation is configured;</li>
 *   <li>{@code shutdownTimeout}: how long {@code close()} waits for work in hand;</li>
 *   <li>{@code instanceId}: names this instance's leases; unique among instances sharing a store;</li>
 *   <li>{@code threadFactory}: creates every background thread (the default makes named daemon threads).</li>
 * </ul>
 * {@link #ofDefaults()}: {@value #DEFAULT_WORKERS} workers, limits from the classifier, 5 min lease, 500 ms poll,
 * {@link RetryPolicy#ofDefaults()}, 1 min SLA sweep, 30 s shutdown, a random instance id.
 *
 * <p><b>Rate limits.</b> A classifier answer of {@code RateLimitedException} (HTTP 429 with Retry-After, a quota
 * window) is not a failure: no new call starts before its {@code until()}, and the tickets go back to NEW, claimable
 * at that time, without spending an attempt of {@code retry}. Waits up to {@link #MAX_RATE_LIMIT_WAIT} (24 h) are
 * honoured (RetryPolicy's Retry-After cap does not apply); a later end is clamped to now + 24 h, and an end less than
 * 1 s away counts as 1 s. Immutable.
 */
public record WorkerConfig(int workers, int maxInFlight, int batchSize, Duration leaseDuration, Duration pollInterval,
                           RetryPolicy retry, Duration slaCheckInterval, Duration shutdownTimeout, String instanceId,
                           ThreadFactory threadFactory) {

    public static final int DEFAULT_WORKERS = 2;
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofMinutes(5);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_SLA_CHECK_INTERVAL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** The longest rate-limit pause honoured; a classifier asking to wait longer is tried again after this. */
    public static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofHours(24);
    /** The default thread factory: daemon threads, which the engine names after the instance. */
    public static final ThreadFactory DEFAULT_THREAD_FACTORY = runnable -> {
        Thread thread = new Thread(runnable);
        thread.setDaemon(true);
        return thread;
    };

    public WorkerConfig {
        if (workers < 0) throw new IllegalArgumentException("workers must be >= 0, was " + workers);
        if (maxInFlight < 0) throw new IllegalArgumentException("maxInFlight must be >= 0 (0: as the classifier declares), was " + maxInFlight);
        if (batchSize < 0) throw new IllegalArgumentException("batchSize must be >= 0 (0: as the classifier declares), was " + batchSize);
        Durations.positive(leaseDuration, "leaseDuration");
        Durations.positive(pollInterval, "pollInterval");
        Objects.requireNonNull(retry, "retry");
        Durations.positive(slaCheckInterval, "slaCheckInterval");
        Durations.notNegative(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(instanceId, "instanceId");
        if (instanceId.isBlank()) throw new IllegalArgumentException("instanceId must not be blank");
        Objects.requireNonNull(threadFactory, "threadFactory");
    }

    /** The defaults, with a new random instance id. */
    public static WorkerConfig ofDefaults() {
        return new WorkerConfig(DEFAULT_WORKERS, 0, 0, DEFAULT_LEASE_DURATION, DEFAULT_POLL_INTERVAL, RetryPolicy.ofDefaults(),
                DEFAULT_SLA_CHECK_INTERVAL, DEFAULT_SHUTDOWN_TIMEOUT, "triage-" + UUID.randomUUID().toString().substring(0, 8),
                DEFAULT_THREAD_FACTORY);
    }

    /** These settings with another number of claim threads (0: none). */
    public WorkerConfig withWorkers(int count) {
        return new WorkerConfig(count, maxInFlight, batchSize, leaseDuration, pollInterval, retry, slaCheckInterval,
                shutdownTimeout, instanceId, threadFactory);
    }

    /** These settings overriding the classifier's declared limits (0 keeps the declared value). */
    public WorkerConfig withLimits(int inFlight, int batch) {
        return new WorkerConfig(workers, inFlight, batch, leaseDuration, pollInterval, retry, slaCheckInterval,
                shutdownTimeout, instanceId, threadFactory);
    }

    /** These settings with another lease duration. */
    public WorkerConfig withLeaseDuration(Duration lease) {
        return new WorkerConfig(workers, maxInFlight, batchSize, lease, pollInterval, retry, slaCheckInterval,
                shutdownTimeout, instanceId, threadFactory);
    }

    /** These settings with another poll interval. */
    public WorkerConfig withPollInterval(Duration interval) {
        return new WorkerConfig(workers, maxInFlight, batchSize, leaseDuration, interval, retry, slaCheckInterval,
                shutdownTimeout, instanceId, threadFactory);
    }

    /** These settings with another classification retry policy. */
    public WorkerConfig withRetry(RetryPolicy policy) {
        return new WorkerConfig(workers, maxInFlight, batchSize, leaseDuration, pollInterval, policy, slaCheckInterval,
                shutdownTimeout, instanceId, threadFactory);
    }

    /** These settings with another SLA sweep interval. */
    public WorkerConfig withSlaCheckInterval(Duration interval) {
        return new WorkerConfig(workers, maxInFlight, batchSize, leaseDuration, pollInterval, retry, interval,
                shutdownTimeout, instanceId, threadFactory);
    }

    /** These settings with another shutdown timeout. */
    public WorkerConfig withShutdownTimeout(Duration timeout) {
        return new WorkerConfig(workers, maxInFlight, batchSize, leaseDuration, pollInterval, retry, slaCheckInterval,
                timeout, instanceId, threadFactory);
    }

    /** These settings with another instance id. */
    public WorkerConfig withInstanceId(String id) {
        return new WorkerConfig(workers, maxInFlight, batchSize, leaseDuration, pollInterval, retry, slaCheckInterval,
                shutdownTimeout, id, threadFactory);
    }

    /** These settings with the host's thread factory. */
    public WorkerConfig withThreadFactory(ThreadFactory factory) {
        return new WorkerConfig(workers, maxInFlight, batchSize, leaseDuration, pollInterval, retry, slaCheckInterval,
                shutdownTimeout, instanceId, factory);
    }
}
