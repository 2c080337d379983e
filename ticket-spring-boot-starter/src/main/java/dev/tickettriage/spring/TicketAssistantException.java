package dev.tickettriage.spring;

import dev.tickettriage.error.TriageException;
import org.jspecify.annotations.Nullable;

/**
 * The {@link TicketAssistant}'s model call failed (HTTP error, timeout, authentication) or the model did not stop
 * calling tools. {@link #retryable()} is true for timeouts, rate limits and server errors. The message carries the
 * provider's reason cut to about 200 characters, never the question, ticket text or a key.
 */
public final class TicketAssistantException extends TriageException {

    private static final long serialVersionUID = 1L;

    TicketAssistantException(String message, @Nullable Throwable cause, boolean retryable) {
        super(message, cause, retryable, null);
    }
}
