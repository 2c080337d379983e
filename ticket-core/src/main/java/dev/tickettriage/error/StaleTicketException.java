package dev.tickettriage.error;

import dev.tickettriage.domain.TicketId;
import java.util.Objects;

/**
 * An optimistic update lost: the stored ticket's version is not the one the caller read.
 * Re-read the ticket and apply the change again.
 */
public final class StaleTicketException extends StorageException {

    private static final long serialVersionUID = 1L;

    private final TicketId ticketId;
    private final long expectedVersion;

    public StaleTicketException(TicketId ticketId, long expectedVersion) {
        super("Ticket " + ticketId + " changed since version " + expectedVersion + " was read; re-read it and try again", null);
        this.ticketId = Objects.requireNonNull(ticketId, "ticketId");
        this.expectedVersion = expectedVersion;
    }

    /** The ticket that changed underneath the caller. */
    public TicketId ticketId() {
        return ticketId;
    }

    /** The version the caller expected to replace. */
    public long expectedVersion() {
        return expectedVersion;
    }
}
