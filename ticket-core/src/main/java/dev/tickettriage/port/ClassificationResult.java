package dev.tickettriage.port;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.TriageException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome for one ticket of a batch: its ticket id and either a classification ({@link #value()}) or the
 * failure ({@link #error()}); exactly one of the two is present. Create with {@link #success} or {@link #failure}.
 * Immutable and thread-safe.
 */
public final class ClassificationResult {

    private final TicketId ticketId;
    private final @Nullable Classification classification;
    private final @Nullable TriageException failure;

    private ClassificationResult(TicketId ticketId, @Nullable Classification classification, @Nullable TriageException failure) {
        this.ticketId = Objects.requireNonNull(ticketId, "ticketId");
        this.classification = classification;
        this.failure = failure;
    }

    /** A successful result for {@code ticketId}. */
    public static ClassificationResult success(TicketId ticketId, Classification classification) {
        return new ClassificationResult(ticketId, Objects.requireNonNull(classification, "classification"), null);
    }

    /** A failed result for {@code ticketId}; the pipeline retries it when {@link TriageException#retryable()}. */
    public static ClassificationResult failure(TicketId ticketId, TriageException failure) {
        return new ClassificationResult(ticketId, null, Objects.requireNonNull(failure, "failure"));
    }

    /** The ticket this result belongs to. */
    public TicketId ticketId() {
        return ticketId;
    }

    /** Whether the ticket was classified ({@link #value()} is present). */
    public boolean isSuccess() {
        return classification != null;
    }

    /** The classification, when the ticket was classified. */
    public Optional<Classification> value() {
        return Optional.ofNullable(classification);
    }

    /** The failure, when the ticket was not classified. */
    public Optional<TriageException> error() {
        return Optional.ofNullable(failure);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) return true;
        if (!(other instanceof ClassificationResult)) return false;
        ClassificationResult that = (ClassificationResult) other;
        return ticketId.equals(that.ticketId) && Objects.equals(classification, that.classification)
                && Objects.equals(failure, that.failure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ticketId, classification, failure);
    }

    @Override
    public String toString() {
        return failure == null
                ? "ClassificationResult[ticketId=" + ticketId + ", classification=" + classification + "]"
                : "ClassificationResult[ticketId=" + ticketId + ", failure=" + failure.getClass().getName() + "]";
    }
}
