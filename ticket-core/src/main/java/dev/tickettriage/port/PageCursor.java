package dev.tickettriage.port;

import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.InvalidInputException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Keyset position after the last ticket of a page: its (createdAt, id). {@link #encode()} gives an
 * opaque string safe for URLs; {@link #decode(String)} reads it back.
 */
public record PageCursor(Instant createdAt, TicketId id) {

    public PageCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    public static PageCursor after(Ticket ticket) {
        return new PageCursor(ticket.createdAt(), ticket.id());
    }

    public String encode() {
        return createdAt + "_" + id;
    }

    /** @throws InvalidInputException (field {@code cursor}) when the text is not an encoded cursor */
    public static PageCursor decode(String text) {
        int split = text.indexOf('_');
        if (split < 0) throw new InvalidInputException("cursor", "is not a page cursor");
        try {
            return new PageCursor(Instant.parse(text.substring(0, split)), TicketId.parse(text.substring(split + 1)));
        } catch (DateTimeParseException | InvalidInputException e) {
            throw new InvalidInputException("cursor", "is not a page cursor");
        }
    }

    /** Order of (createdAt, id), ascending. */
    public int compareTo(Instant otherCreatedAt, TicketId otherId) {
        int byTime = createdAt.compareTo(otherCreatedAt);
        return byTime != 0 ? byTime : id.compareTo(otherId);
    }
}
