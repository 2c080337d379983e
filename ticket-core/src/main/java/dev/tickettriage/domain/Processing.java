package dev.tickettriage.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A ticket's automatic-triage state: {@link ProcessingState}, how many classification attempts failed
 * so far, the last failure reason, and (for a NEW ticket waiting for a retry) when it may be tried again.
 * Immutable and thread-safe.
 */
public final class Processing {

    public static final Processing NEW = new Processing(ProcessingState.NEW, 0, null, null);

    private final ProcessingState state;
    private final int attempts;
    private final @Nullable String failureReason;
    private final @Nullable Instant notBefore;

    /**
     * A processing state; {@code failureReason} and {@code notBefore} are {@code null} when there is none.
     *
     * @throws IllegalArgumentException when {@code attempts} is negative
     */
    public Processing(ProcessingState state, int attempts, @Nullable String failureReason, @Nullable Instant notBefore) {
        this.state = Objects.requireNonNull(state, "state");
        if (attempts < 0) throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
        this.attempts = attempts;
        this.failureReason = failureReason;
        this.notBefore = notBefore;
    }

    public ProcessingState state() {
        return state;
    }

    /** Failed classification attempts so far (reset by a manual re-queue). */
    public int attempts() {
        return attempts;
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

    @Override
    public boolean equals(Object other) {
        if (this == other) return true;
        if (!(other instanceof Processing)) return false;
        Processing that = (Processing) other;
        return state == that.state && attempts == that.attempts && Objects.equals(failureReason, that.failureReason)
                && Objects.equals(notBefore, that.notBefore);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, attempts, failureReason, notBefore);
    }

    @Override
    public String toString() {
        return "Processing[state=" + state + ", attempts=" + attempts + ", retryAt=" + notBefore + "]";
    }
}
