package dev.tickettriage.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Root of every exception ticket-triage throws on purpose; unchecked.
 *
 * <p>{@link #retryable()} tells callers (and the pipeline's retry loop) whether trying the same
 * operation again later may succeed, and {@link #retryAfter()} carries a server-requested delay when
 * one is known. Messages never contain ticket text or secrets.
 */
public class TriageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final @Nullable Duration retryAfter;

    public TriageException(String message) {
        this(message, null, false, null);
    }

    public TriageException(String message, @Nullable Throwable cause) {
        this(message, cause, false, null);
    }

    protected TriageException(String message, @Nullable Throwable cause, boolean retryable, @Nullable Duration retryAfter) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    /** Whether the same operation may succeed when tried again later. */
    public boolean retryable() {
        return retryable;
    }

    /** The delay the other side asked for before a retry, if it named one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
