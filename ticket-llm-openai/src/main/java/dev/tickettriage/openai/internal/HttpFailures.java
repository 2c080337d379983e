package dev.tickettriage.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.RateLimitedException;
import dev.tickettriage.openai.OpenAiException;
import dev.tickettriage.openai.OpenAiException.Reason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Maps HTTP answers and I/O errors to our exceptions: the one place that decides what is retried. */
public final class HttpFailures {

    /** The pause after a 429 that names no delay. */
    public static final Duration DEFAULT_RATE_LIMIT_PAUSE = Duration.ofSeconds(1);

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpFailures() {
    }

    /**
     * The exception for a non-2xx answer.
     *
     * @param provider the provider's name for messages ({@code OpenAI}, {@code HuggingFace}, ...)
     * @param headers  response header lookup, case-insensitive
     * @param body     the response body (an OpenAI error object or anything else)
     */
    public static ClassificationException failure(String provider, int status, Function<String, @Nullable String> headers, String body, Instant now) {
        ErrorBody error = ErrorBody.parse(body);
        String requestId = headers.apply("x-request-id");
        String message = provider + " answered HTTP " + status + (error.code == null ? "" : " (" + error.code + ")") + ": "
                + truncate(error.message, 200) + (requestId == null ? "" : " [request id " + requestId + "]");
        Optional<Duration> delay = RateLimitHeaders.delay(headers, now);
        if (status == 429 || status == 402) {
            if (status == 402 || error.isQuota()) {
                return new OpenAiException(message + " (quota or credits exhausted: check plan and billing)", Reason.QUOTA_EXHAUSTED, status, requestId, null, null);
            }
            return new RateLimitedException(message, now.plus(delay.orElse(DEFAULT_RATE_LIMIT_PAUSE)), now);
        }
        if (status == 408 || status == 409 || status >= 500) {
            return new OpenAiException(message, Reason.SERVER, status, requestId, delay.orElse(null), null);
        }
        switch (status) {
            case 401:
                return new OpenAiException(message + " (check the API key)", Reason.AUTHENTICATION, status, requestId, null, null);
            case 403:
                return new OpenAiException(message + " (check the organisation, project and region)", Reason.PERMISSION, status, requestId, null, null);
            case 404:
                return new OpenAiException(message + " (check the model name and base URL)", Reason.NOT_FOUND, status, requestId, null, null);
            default:
                return new OpenAiException(message, Reason.BAD_REQUEST, status, requestId, null, null);
        }
    }

    static String truncate(String text, int max) {
        if (text.length() <= max) return text;
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + "…";
    }

    /** The exception for a call that got no HTTP answer: always retryable; names the exception class only. */
    public static ClassificationException ioFailure(String provider, IOException failure) {
        boolean timeout = failure instanceof SocketTimeoutException
                || (failure instanceof InterruptedIOException && String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).contains("timeout"));
        String message = provider + " call " + (timeout ? "timed out" : "failed") + ": " + failure.getClass().getName();
        return new OpenAiException(message, timeout ? Reason.TIMEOUT : Reason.IO, 0, null, null, failure);
    }

    /** The error object of an answer, or a placeholder when the body is not one. */
    static final class ErrorBody {
        final String message;
        final @Nullable String code;
        final @Nullable String type;

        private ErrorBody(String message, @Nullable String code, @Nullable String type) {
            this.message = message;
            this.code = code;
            this.type = type;
        }

        static ErrorBody parse(String body) {
            try {
                JsonNode error = JSON.readTree(body).path("error");
                if (error.isObject()) {
                    return new ErrorBody(error.path("message").asText("(no message)"), textOrNull(error.path("code")), textOrNull(error.path("type")));
                }
                if (error.isTextual()) return new ErrorBody(error.asText(), null, null);   // HuggingFace, some proxies
            } catch (IOException | RuntimeException notJson) {
                // fall through
            }
            return new ErrorBody(body.isBlank() ? "(empty body)" : "(not an error object)", null, null);
        }

        private static @Nullable String textOrNull(JsonNode node) {
            return node.isValueNode() && !node.isNull() ? node.asText() : null;
        }

        boolean isQuota() {
            return "insufficient_quota".equals(code) || "insufficient_quota".equals(type) || "billing_hard_limit_reached".equals(code);
        }

        /** Whether a 400 says the server does not support {@code feature} (so we may try again without it). */
        boolean mentions(String feature) {
            return message.toLowerCase(Locale.ROOT).contains(feature) || feature.equals(code);
        }
    }
}
