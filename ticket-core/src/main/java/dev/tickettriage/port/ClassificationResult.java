package dev.tickettriage.port;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.TriageException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The outcome for one ticket of a batch: a classification or the failure; exactly one is present. */
public record ClassificationResult(TicketId ticketId, @Nullable Classification classification, @Nullable TriageException failure) {

    public ClassificationResult {
        Objects.requireNonNull(ticketId, "ticketId");
        if ((classification == null) == (failure == null)) {
            throw new IllegalArgumentException("exactly one of classification and failure must be set");
        }
    }

    public static ClassificationResult success(TicketId ticketId, Classification classification) {
        return new ClassificationResult(ticketId, Objects.requireNonNull(classification, "classification"), null);
    }

    public static ClassificationResult failure(TicketId ticketId, TriageException failure) {
        return new ClassificationResult(ticketId, null, Objects.requireNonNull(failure, "failure"));
    }

    public boolean isSuccess() {
        return classification != null;
    }

    public Optional<Classification> value() {
        return Optional.ofNullable(classification);
    }

    public Optional<TriageException> error() {
        return Optional.ofNullable(failure);
    }
}
