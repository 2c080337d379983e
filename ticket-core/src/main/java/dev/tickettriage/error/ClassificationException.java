package dev.tickettriage.error;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A classifier call failed; retryable for I/O errors, timeouts, 408, 429 and 5xx answers. */
public class ClassificationException extends TriageException {

    private static final long serialVersionUID = 1L;

    protected ClassificationException(String message, @Nullable Throwable cause, boolean retryable, @Nullable Duration retryAfter) {
        super(message, cause, retryable, retryAfter);
    }

    /** A failure that may go away: the pipeline retries it with backoff. */
    public static ClassificationException retryable(String message, Optional<Duration> retryAfter) {
        return new ClassificationException(message, null, true, retryAfter.orElse(null));
    }

    /** A failure that may go away, with its cause attached. */
    public static ClassificationException retryable(String message, @Nullable Throwable cause) {
        return new ClassificationException(message, cause, true, null);
    }

    /** A failure that will not go away by retrying (bad credentials, bad request). */
    public static ClassificationException permanent(String message) {
        return new ClassificationException(message, null, false, null);
    }

    /** A failure that will not go away by retrying, with its cause attached. */
    public static ClassificationException permanent(String message, @Nullable Throwable cause) {
        return new ClassificationException(message, cause, false, null);
    }

    /**
     * A classifier threw something that is not a {@link TriageException} (a bug, an {@link Error}): a retryable
     * failure naming the classifier and the thrown type, never its message (it may echo ticket text).
     */
    public static ClassificationException unexpected(String classifier, Throwable thrown) {
        Throwable cause = thrown instanceof java.util.concurrent.CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (cause instanceof ClassificationException) return (ClassificationException) cause;
        return new ClassificationException("Classifier " + classifier + " threw " + cause.getClass().getName(), cause, true, null);
    }
}
