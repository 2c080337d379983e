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
 *   <li>{@code batchSize}: at most how many notifications one claim takes (never more than the free delivery
 *       slots, so nothing claimed waits behind other deliveries).</li>
 *   <li>{@code deliveryTimeout}: how long one {@code Notifier.deliver} call may take; a call still running then
 *       is abandoned (interrupted) and counts as a retryable failure.</li>
 *   <li>{@code concurrency}: how many {@code Notifier.deliver} calls one pipeline instance runs at once (its
 *       delivery slots), over all targets. A slot is held from the claim until the call has returned, also when
 *       the call was abandoned, so there are never more delivery threads or claimed entries in hand than this.
 *       Notifications are not ordered: two for the same target may be delivered in either order (retries and
 *       deferrals, and several instances sharing a store, reorder them anyway); receivers use the idempotency
 *       key.</li>
 * </ul>
 * {@link #ofDefaults()}: 8 attempts (2 s doubling to 5 min), 1 minute lease, 64 per claim, 5 minutes per call,
 * 16 calls at once ({@link #DEFAULT_CONCURRENCY} explains why).
 */
public record DeliveryConfig(RetryPolicy retry, Duration leaseDuration, int batchSize, Duration deliveryTimeout, int concurrency) {

    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofMinutes(1);
    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofMinutes(5);
    /**
     * 16 calls at once: delivery is blocking I/O (one thread per call), so 16 sustain 16 / latency notifications a
     * second (320/s at 50 ms, 80/s at 200 ms), far above the alert rate of a support team, while staying polite
     * to shared receivers: ntfy.sh lets one client burst about 60 requests, and SMTP servers commonly cap a
     * client's concurrent connections (Postfix: 50). Raise it for a private ntfy or webhook receiver.
     */
    public static final int DEFAULT_CONCURRENCY = 16;
    /** The largest {@code concurrency} accepted: one thread per call. */
    public static final int MAX_CONCURRENCY = 1_024;

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException when a duration is not positive, batchSize is below 1 or concurrency is
     *                                  outside 1..{@value #MAX_CONCURRENCY}
     */
    public DeliveryConfig {
        Objects.requireNonNull(retry, "retry");
        Durations.positive(leaseDuration, "leaseDuration");
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        Durations.positive(deliveryTimeout, "deliveryTimeout");
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be in 1.." + MAX_CONCURRENCY + ", was " + concurrency);
        }
    }

    /** These settings with {@link #DEFAULT_CONCURRENCY} (the constructor before concurrency was configurable). */
    public DeliveryConfig(RetryPolicy retry, Duration leaseDuration, int batchSize, Duration deliveryTimeout) {
        this(retry, leaseDuration, batchSize, deliveryTimeout, DEFAULT_CONCURRENCY);
    }

    /** The defaults listed above. */
    public static DeliveryConfig ofDefaults() {
        return new DeliveryConfig(RetryPolicy.ofDefaults().withMaxAttempts(DEFAULT_MAX_ATTEMPTS), DEFAULT_LEASE_DURATION,
                DEFAULT_BATCH_SIZE, DEFAULT_DELIVERY_TIMEOUT, DEFAULT_CONCURRENCY);
    }

    /** These settings with another retry policy. */
    public DeliveryConfig withRetry(RetryPolicy policy) {
        return new DeliveryConfig(policy, leaseDuration, batchSize, deliveryTimeout, concurrency);
    }

    /** These settings with another lease duration. */
    public DeliveryConfig withLeaseDuration(Duration lease) {
        return new DeliveryConfig(retry, lease, batchSize, deliveryTimeout, concurrency);
    }

    /** These settings with another claim size. */
    public DeliveryConfig withBatchSize(int size) {
        return new DeliveryConfig(retry, leaseDuration, size, deliveryTimeout, concurrency);
    }

    /** These settings with another limit per notifier call. */
    public DeliveryConfig withDeliveryTimeout(Duration timeout) {
        return new DeliveryConfig(retry, leaseDuration, batchSize, timeout, concurrency);
    }

    /** These settings with another number of notifier calls at once (1: one after another). */
    public DeliveryConfig withConcurrency(int calls) {
        return new DeliveryConfig(retry, leaseDuration, batchSize, deliveryTimeout, calls);
    }
}
