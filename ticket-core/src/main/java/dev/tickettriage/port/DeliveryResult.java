package dev.tickettriage.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one delivery attempt: delivered, a retryable failure (with an optional delay), a permanent
 * failure, or deferred to a later time (quiet hours, throttling, digests) without spending an attempt.
 *
 * <p>Failure details and deferral reasons are the notifier's own words and may echo the receiver or the
 * notification; the dispatcher stores them (cut to 300 characters) as the entry's last error and logs them only
 * at DEBUG. Immutable and thread-safe.
 */
public final class DeliveryResult {

    /** The kind of outcome. */
    public enum Status {
        /** The receiver accepted the notification. */
        DELIVERED,
        /** Try again later; counts one attempt against the delivery retry policy. */
        RETRYABLE_FAILURE,
        /** Never try again: the notification becomes a dead letter. */
        PERMANENT_FAILURE,
        /** Try again at {@link #deferredUntil()}; spends no attempt and never turns into a dead letter. */
        DEFERRED
    }

    private static final DeliveryResult DELIVERED = new DeliveryResult(Status.DELIVERED, null, null, null);

    private final Status status;
    private final @Nullable String detail;
    private final @Nullable Duration retryAfter;
    private final @Nullable Instant deferredUntil;

    private DeliveryResult(Status status, @Nullable String detail, @Nullable Duration retryAfter, @Nullable Instant deferredUntil) {
        this.status = status;
        this.detail = detail;
        this.retryAfter = retryAfter;
        this.deferredUntil = deferredUntil;
    }

    /** The notification was delivered. */
    public static DeliveryResult delivered() {
        return DELIVERED;
    }

    /**
     * A failure worth retrying (timeout, HTTP 429/5xx).
     *
     * @param detail     what went wrong, for the outbox's last error
     * @param retryAfter the receiver's requested delay (Retry-After), or null for the policy's backoff
     * @throws IllegalArgumentException when retryAfter is negative
     */
    public static DeliveryResult retryable(String detail, @Nullable Duration retryAfter) {
        Objects.requireNonNull(detail, "detail");
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
        }
        return new DeliveryResult(Status.RETRYABLE_FAILURE, detail, retryAfter, null);
    }

    /** A failure that retrying cannot fix (bad address, HTTP 400/401/403/404); the notification becomes a dead letter. */
    public static DeliveryResult permanent(String detail) {
        return new DeliveryResult(Status.PERMANENT_FAILURE, Objects.requireNonNull(detail, "detail"), null, null);
    }

    /**
     * Not now: deliver again at {@code until} (quiet hours, a throttle window, the next digest). No attempt is
     * spent and there is no cap, so a deferral never turns a notification into a dead letter. The dispatcher
     * waits at least one second, so a notifier that keeps deferring to "now" cannot spin it.
     *
     * @param until  when to try again
     * @param reason why, for the outbox and DEBUG logs
     */
    public static DeliveryResult deferred(Instant until, String reason) {
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(reason, "reason");
        return new DeliveryResult(Status.DEFERRED, reason, null, until);
    }

    /** The kind of outcome. */
    public Status status() {
        return status;
    }

    /** Whether the notification was delivered. */
    public boolean isDelivered() {
        return status == Status.DELIVERED;
    }

    /** The failure detail or deferral reason; empty when delivered. */
    public Optional<String> failureDetail() {
        return Optional.ofNullable(detail);
    }

    /** The delay the receiver asked for before a retry; empty unless a retryable failure carried one. */
    public Optional<Duration> retryDelay() {
        return Optional.ofNullable(retryAfter);
    }

    /** When a deferred notification is due again; empty unless {@link Status#DEFERRED}. */
    public Optional<Instant> deferredUntil() {
        return Optional.ofNullable(deferredUntil);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) return true;
        if (!(other instanceof DeliveryResult)) return false;
        DeliveryResult that = (DeliveryResult) other;
        return status == that.status && Objects.equals(detail, that.detail) && Objects.equals(retryAfter, that.retryAfter)
                && Objects.equals(deferredUntil, that.deferredUntil);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, detail, retryAfter, deferredUntil);
    }

    @Override
    public String toString() {
        // the detail may echo the receiver or the notification: left out
        return "DeliveryResult[" + status + (retryAfter != null ? ", retryAfter=" + retryAfter : "")
                + (deferredUntil != null ? ", until=" + deferredUntil : "") + "]";
    }
}
