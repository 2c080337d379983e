package dev.tickettriage.error;

import java.time.Duration;

/**
 * The pipeline's bounded backlog stayed full for the whole submit timeout; the ticket was not stored.
 * Retryable: submit again later, or raise the backlog capacity or worker count.
 */
public final class TriageOverloadedException extends TriageException {

    private static final long serialVersionUID = 1L;

    public TriageOverloadedException(int capacity, Duration waited) {
        super("Triage backlog is full (" + capacity + " unprocessed tickets) and stayed full for " + waited
                + "; the ticket was not stored. Retry later, or raise backlogCapacity/workers", null, true, null);
    }
}
