package dev.tickettriage.domain;

/**
 * Where a ticket is in automatic triage: NEW (waiting, or waiting for a retry), PROCESSING (claimed by a
 * worker under a lease), PROCESSED (classified and routed) or FAILED (gave up; can be re-queued).
 */
public enum ProcessingState {
    NEW, PROCESSING, PROCESSED, FAILED;

    /** Whether no worker will pick the ticket up again by itself. */
    public boolean isTerminal() {
        return this == PROCESSED || this == FAILED;
    }
}
