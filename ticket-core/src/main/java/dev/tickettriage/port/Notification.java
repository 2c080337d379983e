package dev.tickettriage.port;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.TicketId;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A message to people: the target (a logical name the host maps to a notifier, for example
 * {@code support-alerts}), title, message, priority, tags, an optional link, the ticket it is about, and
 * an idempotency key that stays the same across retries so notifiers and receivers can drop duplicates.
 */
public record Notification(String target, String title, String message, Priority priority, List<String> tags,
                           @Nullable URI link, TicketId ticketId, String idempotencyKey) {

    public Notification {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(priority, "priority");
        tags = List.copyOf(tags);
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (target.isBlank()) throw new IllegalArgumentException("target must not be blank");
        if (idempotencyKey.isBlank()) throw new IllegalArgumentException("idempotencyKey must not be blank");
    }

    public Optional<URI> linkUri() {
        return Optional.ofNullable(link);
    }

    @Override
    public String toString() {
        // title and message may quote ticket text
        return "Notification[target=" + target + ", priority=" + priority + ", ticketId=" + ticketId
                + ", idempotencyKey=" + idempotencyKey + "]";
    }
}
