package dev.tickettriage.port;

/**
 * What kind of work another instance sharing a store has made available, as told through
 * {@link TicketRepository#onWorkAvailable}.
 */
public enum WorkAvailable {
    /** Tickets to claim: a ticket was submitted or put back to NEW. */
    TICKETS,
    /** Outbox entries to deliver: notifications were queued or dead letters requeued. */
    NOTIFICATIONS
}
