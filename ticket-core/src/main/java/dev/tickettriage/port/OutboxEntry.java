package dev.tickettriage.port;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A notification claimed from the outbox: its id, the notification, the delivery attempts spent so far
 * (deferrals spend none), when it was queued, and the claim it is held under ({@code owner} until
 * {@code leaseExpiresAt}). Marks on the outbox succeed only while that owner still holds the claim.
 */
public record OutboxEntry(UUID id, Notification notification, int attempts, Instant createdAt, String owner,
                          Instant leaseExpiresAt) {

    public OutboxEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(leaseExpiresAt, "leaseExpiresAt");
        if (attempts < 0) throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
    }
}
