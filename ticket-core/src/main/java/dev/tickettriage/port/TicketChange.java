package dev.tickettriage.port;

import dev.tickettriage.domain.Ticket;
import java.util.List;
import java.util.Objects;

/**
 * One atomic change: the new ticket state (carrying the version it replaces), the notifications it
 * triggers (written to the outbox) and the audit entries that describe it.
 */
public record TicketChange(Ticket ticket, List<Notification> notifications, List<AuditEntry> auditEntries) {

    public TicketChange {
        Objects.requireNonNull(ticket, "ticket");
        notifications = List.copyOf(notifications);
        auditEntries = List.copyOf(auditEntries);
    }

    public static TicketChange of(Ticket ticket) {
        return new TicketChange(ticket, List.of(), List.of());
    }
}
