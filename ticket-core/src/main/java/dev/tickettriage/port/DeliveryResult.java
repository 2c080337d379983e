package dev.tickettriage.port;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What happened to one delivery attempt: delivered, a retryable failure (with an optional delay), or a permanent failure. */
public record DeliveryResult(Status status, @Nullable String detail, @Nullable Duration retryAfter) {

    /** The kind of outcome. */
    public enum Status { DELIVERED, RETRYABLE_FAILURE, PERMANENT_FAILURE }

    private static final DeliveryResult DELIVERED = new DeliveryResult(Status.DELIVERED, null, null);

    public DeliveryResult {
        Objects.requireNonNull(status, "status");
    }

    public static DeliveryResult delivered() {
        return DELIVERED;
    }

    public static DeliveryResult retryable(String detail, @Nullable Duration retryAfter) {
        return new DeliveryResult(Status.RETRYABLE_FAILURE, Objects.requireNonNull(detail, "detail"), retryAfter);
    }

    public static DeliveryResult permanent(String detail) {
        return new DeliveryResult(Status.PERMANENT_FAILURE, Objects.requireNonNull(detail, "detail"), null);
    }

    public boolean isDelivered() {
        return status == Status.DELIVERED;
    }

    public Optional<String> failureDetail() {
        return Optional.ofNullable(detail);
    }

    public Optional<Duration> retryDelay() {
        return Optional.ofNullable(retryAfter);
    }
}
