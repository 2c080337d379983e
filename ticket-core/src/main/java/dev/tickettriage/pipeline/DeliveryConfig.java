package dev.tickettriage.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox dispatcher delivers notifications. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@code retry}: the policy for retryable delivery failures; when its attempts are used up the notification
 *       becomes a dead letter. Deferrals ({@code DeliveryResult.deferred}) spend no attempt.</li>
 *   <li>{@code leaseDuration}: the dispatcher's own claim on the notifications it took (not the tickets' lease);
 *       extended every half lease while a notifier works on one, so another instance never sends it meanwhile.</li>
 *   <li>{@code batchSize}: how many notifications one claim takes.</li>
 *   <li>{@code deliveryTimeout}: how long one {@code Notifier.deliver} call may take; a call still running then
 *       is abandoned (interrupted) and counts as a retryable failure.</li>
 * </ul>
 * {@link #ofDefaults()}: 8 attempts (2 s doubling to 5 min), 1 minute lease, 64 per claim, 5 minutes per call.
 */
public record DeliveryConfig(RetryPolicy retry, Duration leaseDuration, int batchSize, Duration deliveryTimeout) {

    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofMinutes(1);
    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofMinutes(5);

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException when a duration is not positive or batchSize is below 1
     */
    public DeliveryConfig {
        Objects.requireNonNull(retry, "retry");
        Durations.positive(leaseDuration, "leaseDuration");
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        Durations.positive(deliveryTimeout, "deliveryTimeout");
    }

    /** The defaults listed above. */
    public static DeliveryConfig ofDefaults() {
        return new DeliveryConfig(RetryPolicy.ofDefaults().withMaxAttempts(DEFAULT_MAX_ATTEMPTS), DEFAULT_LEASE_DURATION,
                DEFAULT_BATCH_SIZE, DEFAULT_DELIVERY_TIMEOUT);
    }

    /** These settings with another retry policy. */
    public DeliveryConfig withRetry(RetryPolicy policy) {
        return new DeliveryConfig(policy, leaseDuration, batchSize, deliveryTimeout);
    }

    /** These settings with another lease duration. */
    public DeliveryConfig withLeaseDuration(Duration lease) {
        return new DeliveryConfig(retry, lease, batchSize, deliveryTimeout);
    }

    /** These settings with another claim size. */
    public DeliveryConfig withBatchSize(int size) {
        return new DeliveryConfig(retry, leaseDuration, size, deliveryTimeout);
    }

    /** These settings with another limit per notifier call. */
    public DeliveryConfig withDeliveryTimeout(Duration timeout) {
        return new DeliveryConfig(retry, leaseDuration, batchSize, timeout);
    }
}
