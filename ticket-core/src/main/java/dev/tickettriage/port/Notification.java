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
 * Immutable and thread-safe.
 */
public final class Notification {

    private final String target;
    private final String title;
    private final String message;
    private final Priority priority;
    private final List<String> tags;
    private final @Nullable URI link;
    private final TicketId ticketId;
    private final String idempotencyKey;

    /**
     * A notification; {@code link} is {@code null} when there is none.
     *
     * @throws IllegalArgumentException when {@code target} or {@code idempotencyKey} is blank
     */
    public Notification(String target, String title, String message, Priority priority, List<String> tags,
                        @Nullable URI link, TicketId ticketId, String idempotencyKey) {
        this.target = Objects.requireNonNull(target, "target");
        this.title = Objects.requireNonNull(title, "title");
        this.message = Objects.requireNonNull(message, "message");
        this.priority = Objects.requireNonNull(priority, "priority");
        this.tags = List.copyOf(tags);
        this.link = link;
        this.ticketId = Objects.requireNonNull(ticketId, "ticketId");
        this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (target.isBlank()) throw new IllegalArgumentException("target must not be blank");
        if (idempotencyKey.isBlank()) throw new IllegalArgumentException("idempotencyKey must not be blank");
    }

    /** The logical target the host maps to a notifier, for example {@code support-alerts}. */
    public String target() {
        return target;
    }

    /** The title; may quote ticket text. */
    public String title() {
        return title;
    }

    /** The message; may quote ticket text. */
    public String message() {
        return message;
    }

    public Priority priority() {
        return priority;
    }

    public List<String> tags() {
        return tags;
    }

    /** A link to the ticket, if the rules define one. */
    public Optional<URI> linkUri() {
        return Optional.ofNullable(link);
    }

    public TicketId ticketId() {
        return ticketId;
    }

    /** Stays the same across retries, so notifiers and receivers can drop duplicates. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) return true;
        if (!(other instanceof Notification)) return false;
        Notification that = (Notification) other;
        return target.equals(that.target) && title.equals(that.title) && message.equals(that.message)
                && priority == that.priority && tags.equals(that.tags) && Objects.equals(link, that.link)
                && ticketId.equals(that.ticketId) && idempotencyKey.equals(that.idempotencyKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(target, title, message, priority, tags, link, ticketId, idempotencyKey);
    }

    @Override
    public String toString() {
        // title and message may quote ticket text
        return "Notification[target=" + target + ", priority=" + priority + ", ticketId=" + ticketId
                + ", idempotencyKey=" + idempotencyKey + "]";
    }
}
