package dev.tickettriage.port;

/**
 * What {@link TicketRepository#eraseCustomer} removed: tickets, audit entries (those describing the tickets; the one
 * recording the erasure itself is kept) and outbox entries (pending, delivered or dead).
 */
public record ErasureReport(long tickets, long auditEntries, long notifications) {

    public ErasureReport {
        if (tickets < 0 || auditEntries < 0 || notifications < 0) throw new IllegalArgumentException("counts must be >= 0");
    }
}
