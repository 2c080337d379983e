package dev.tickettriage.openai;

import dev.tickettriage.error.ClassificationException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An OpenAI (or compatible) call failed: the {@link Reason}, the HTTP status (0 for I/O errors), the provider's
 * {@code x-request-id} when it sent one. Throttling (HTTP 429 other than {@code insufficient_quota}) is a {@link
 * dev.tickettriage.error.RateLimitedException} instead. Messages carry the status and the provider's message cut to
 * 200 characters; never the API key or ticket text.
 */
public final class OpenAiException extends ClassificationException {

    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Reason {
        /** 401: missing or wrong API key. Permanent. */
        AUTHENTICATION,
        /** 403: not allowed (region, organisation, project). Permanent. */
        PERMISSION,
        /** 400 and other 4xx: the request was rejected. Permanent. */
        BAD_REQUEST,
        /** 404: unknown model or route. Permanent. */
        NOT_FOUND,
        /** 429 {@code insufficient_quota}, 402: billing exhausted. Permanent. */
        QUOTA_EXHAUSTED,
        /** 408, 409, 5xx: the server failed or timed out. Retryable. */
        SERVER,
        /** Connect, read or call timeout on our side. Retryable. */
        TIMEOUT,
        /** Connection refused or reset, other I/O errors, unreadable answers. Retryable. */
        IO
    }

    private final Reason reason;
    private final int status;
    private final @Nullable String requestId;

    /**
     * @param retryAfter the delay the server asked for, or {@code null}
     * @param requestId  the provider's request id, or {@code null}
     */
    public OpenAiException(String message, Reason reason, int status, @Nullable String requestId, @Nullable Duration retryAfter,
                           @Nullable Throwable cause) {
        super(message, cause, isRetryable(Objects.requireNonNull(reason, "reason")), retryAfter);
        this.reason = reason;
        this.status = status;
        this.requestId = requestId;
    }

    private static boolean isRetryable(Reason reason) {
        return reason == Reason.SERVER || reason == Reason.TIMEOUT || reason == Reason.IO;
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status, or 0 when no answer was received. */
    public int status() {
        return status;
    }

    /** The provider's {@code x-request-id}, to quote to its support. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
