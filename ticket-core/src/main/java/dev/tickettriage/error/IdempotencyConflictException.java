package dev.tickettriage.error;

import dev.tickettriage.domain.TicketId;
import java.util.Objects;

/**
 * A submit reused an idempotency key that already belongs to a different ticket (another subject, body,
 * customer or channel); nothing was stored. Field {@code idempotencyKey}; never retryable. The message
 * names the ticket stored under the key, never ticket text: use a new key for a new ticket.
 */
public final class IdempotencyConflictException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final TicketId existingTicket;

    public IdempotencyConflictException(TicketId existingTicket) {
        super("idempotencyKey", "was already used for a different ticket",
                "Idempotency key was already used for ticket " + Objects.requireNonNull(existingTicket, "existingTicket")
                        + " with a different subject, body, customer or channel; use a new key for a new ticket");
        this.existingTicket = existingTicket;
    }

    /** The id of the ticket stored under the key by the first submit. */
    public TicketId existingTicket() {
        return existingTicket;
    }
}
