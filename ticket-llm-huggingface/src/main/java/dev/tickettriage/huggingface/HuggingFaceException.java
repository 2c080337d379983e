package dev.tickettriage.huggingface;

import dev.tickettriage.error.ClassificationException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A HuggingFace task-API call failed: the {@link Reason} and the HTTP status (0 when no answer came). Throttling
 * (HTTP 429) is a {@link dev.tickettriage.error.RateLimitedException} instead; the chat paths (router, TGI) fail with
 * the OpenAI module's {@code OpenAiException}, since they share its wire code. Messages carry the status and the
 * provider's message cut to 200 characters; never the token or ticket text.
 */
public final class HuggingFaceException extends ClassificationException {

    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Reason {
        /** 401, 403: missing or wrong token, or a token without the "Make calls to Inference Providers" permission. Permanent. */
        AUTHENTICATION,
        /** 402: the account's included or purchased credits are spent. Permanent until billing changes. */
        CREDITS_EXHAUSTED,
        /** 404, 410: unknown model, a model not deployed on hf-inference, or the retired api-inference URL. Permanent. */
        NOT_FOUND,
        /** 400, 413, 422 and other 4xx: the request was rejected. Permanent. */
        BAD_REQUEST,
        /** 503 "model is loading" for longer than the configured wait. Retryable, after the estimated time. */
        MODEL_LOADING,
        /** 408, 5xx: the server failed. Retryable. */
        SERVER,
        /** Connect, read or call timeout on our side. Retryable. */
        TIMEOUT,
        /** Connection refused or reset, other I/O errors. Retryable. */
        IO,
        /** A 2xx answer that is not the task's output shape (or names no candidate label). Retryable. */
        INVALID_RESPONSE
    }

    private final Reason reason;
    private final int status;

    /**
     * @param retryAfter the delay the server asked for, or {@code null}
     * @param cause      the underlying failure, or {@code null}
     */
    public HuggingFaceException(String message, Reason reason, int status, @Nullable Duration retryAfter, @Nullable Throwable cause) {
        super(message, cause, isRetryable(Objects.requireNonNull(reason, "reason")), retryAfter);
        this.reason = reason;
        this.status = status;
    }

    private static boolean isRetryable(Reason reason) {
        switch (reason) {
            case MODEL_LOADING:
            case SERVER:
            case TIMEOUT:
            case IO:
            case INVALID_RESPONSE:
                return true;
            default:
                return false;
        }
    }

    public Reason reason() {
        return reason;
    }

    /** The HTTP status, or 0 when no answer was received. */
    public int status() {
        return status;
    }
}
