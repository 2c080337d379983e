package dev.tickettriage.port;

import dev.tickettriage.domain.TicketId;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a ticket's audit trail: when, who (a worker, a classifier, an agent, a rule), what
 * (for example {@code classified}, {@code status-changed}, {@code notification-queued}) and a short
 * detail that never quotes ticket text.
 */
public record AuditEntry(TicketId ticketId, Instant at, String actor, String action, String detail) {

    /** The action the pipeline records when it stores a classification (its time is the ticket's time to classify). */
    public static final String CLASSIFIED = "classified";

    public AuditEntry {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(detail, "detail");
    }
}
