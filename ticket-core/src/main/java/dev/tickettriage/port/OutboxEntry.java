package dev.tickettriage.port;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A notification waiting in the outbox, with its id, delivery attempts so far and when it was queued. */
public record OutboxEntry(UUID id, Notification notification, int attempts, Instant createdAt) {

    public OutboxEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(createdAt, "createdAt");
        if (attempts < 0) throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
    }
}
