package dev.tickettriage.examples.quickstart;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import java.util.Objects;
import java.util.Optional;

/** One input row and the ticket it became, after triage. */
record TriageResult(long row, Ticket ticket) {

    TriageResult {
        Objects.requireNonNull(ticket, "ticket");
    }

    /** {@code PROCESSED}, {@code FAILED}, or (should a drain leave one behind) the ticket's other state. */
    String status() {
        return ticket.processingState().name();
    }

    boolean isProcessed() {
        return ticket.processingState() == ProcessingState.PROCESSED && ticket.classification().isPresent();
    }

    Optional<Classification> classification() {
        return ticket.classification();
    }

    /** The priority in force (routing rules may have raised it), else the classifier's. */
    Optional<Priority> priority() {
        return ticket.priority().or(() -> ticket.classification().map(Classification::priority));
    }

    /** Why the ticket failed; empty for processed tickets. */
    Optional<String> error() {
        if (ticket.processingState() == ProcessingState.PROCESSED) return Optional.empty();
        return ticket.processing().lastFailure().or(() -> Optional.of("not processed (state " + status() + ")"));
    }
}
