package dev.tickettriage.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A ticket's automatic-triage state: {@link ProcessingState}, how many classification attempts failed
 * so far, the last failure reason, and (for a NEW ticket waiting for a retry) when it may be tried again.
 */
public record Processing(ProcessingState state, int attempts, @Nullable String failureReason, @Nullable Instant notBefore) {

    public static final Processing NEW = new Processing(ProcessingState.NEW, 0, null, null);

    public Processing {
        Objects.requireNonNull(state, "state");
        if (attempts < 0) throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
    }

    public Optional<String> lastFailure() {
        return Optional.ofNullable(failureReason);
    }

    public Optional<Instant> retryAt() {
        return Optional.ofNullable(notBefore);
    }

    /** This state with a new {@link ProcessingState}, keeping attempts and reason. */
    public Processing withState(ProcessingState newState) {
        return new Processing(newState, attempts, failureReason, newState == ProcessingState.NEW ? notBefore : null);
    }

    /** Waiting for retry number {@code attempts + 1} at {@code retryAt} after a failure. */
    public Processing retryLater(String reason, Instant retryAt) {
        return new Processing(ProcessingState.NEW, attempts + 1, reason, retryAt);
    }

    /** Given up after a failure; counts it. */
    public Processing failed(String reason) {
        return new Processing(ProcessingState.FAILED, attempts + 1, reason, null);
    }

    /** Successfully processed; keeps the failure count for the record. */
    public Processing processed() {
        return new Processing(ProcessingState.PROCESSED, attempts, null, null);
    }

    /** Back to NEW with a fresh attempt budget (manual re-queue). */
    public Processing requeued() {
        return new Processing(ProcessingState.NEW, 0, failureReason, null);
    }
}
