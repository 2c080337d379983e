package dev.tickettriage.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A notification could not be delivered; retryable for I/O errors, 429 and 5xx. */
public class NotificationException extends TriageException {

    private static final long serialVersionUID = 1L;

    public NotificationException(String message, @Nullable Throwable cause, boolean retryable, @Nullable Duration retryAfter) {
        super(message, cause, retryable, retryAfter);
    }
}
