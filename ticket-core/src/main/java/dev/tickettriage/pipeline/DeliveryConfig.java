package dev.tickettriage.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox dispatcher delivers notifications: the retry policy for retryable delivery failures, the
 * lease a dispatcher holds on the notifications it claimed (its own, extended while a slow notifier works),
 * and how many it claims at once. {@link #ofDefaults()}: 8 attempts (2 s doubling to 5 min), 1 minute lease, 64. Immutable.
 */
public record DeliveryConfig(RetryPolicy retry, Duration leaseDuration, int batchSize) {

    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofMinutes(1);
    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final int DEFAULT_MAX_ATTEMPTS = 8;

    public DeliveryConfig {
        Objects.requireNonNull(retry, "retry");
        Durations.positive(leaseDuration, "leaseDuration");
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
    }

    public static DeliveryConfig ofDefaults() {
        return new DeliveryConfig(RetryPolicy.ofDefaults().withMaxAttempts(DEFAULT_MAX_ATTEMPTS), DEFAULT_LEASE_DURATION,
                DEFAULT_BATCH_SIZE);
    }

    /** These settings with another retry policy. */
    public DeliveryConfig withRetry(RetryPolicy policy) {
        return new DeliveryConfig(policy, leaseDuration, batchSize);
    }

    /** These settings with another lease duration. */
    public DeliveryConfig withLeaseDuration(Duration lease) {
        return new DeliveryConfig(retry, lease, batchSize);
    }
}
