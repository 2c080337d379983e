package dev.tickettriage.error;

import dev.tickettriage.domain.TicketId;
import java.util.Objects;

/** No ticket has the given id. */
public final class TicketNotFoundException extends TriageException {

    private static final long serialVersionUID = 1L;

    private final TicketId ticketId;

    public TicketNotFoundException(TicketId ticketId) {
        super("No ticket with id " + ticketId);
        this.ticketId = Objects.requireNonNull(ticketId, "ticketId");
    }

    /** The id nobody knows. */
    public TicketId ticketId() {
        return ticketId;
    }
}
