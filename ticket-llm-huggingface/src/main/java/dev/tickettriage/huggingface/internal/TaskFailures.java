package dev.tickettriage.huggingface.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.RateLimitedException;
import dev.tickettriage.huggingface.HuggingFaceException;
import dev.tickettriage.huggingface.HuggingFaceException.Reason;
import dev.tickettriage.port.RetryAfter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Maps task-API answers and I/O errors to our exceptions: the one place that decides what is retried. */
public final class TaskFailures {

    /** The pause after a 429 that names no delay. */
    public static final Duration DEFAULT_RATE_LIMIT_PAUSE = Duration.ofSeconds(1);
    /** Longest pause a header or loading estimate may ask for (a broken value must not park the classifier for a day). */
    public static final Duration MAX_PAUSE = Duration.ofMinutes(15);

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The {@code t} (seconds until reset) of an IETF-draft {@code RateLimit} header, as the Hub sends. */
    private static final Pattern RATE_LIMIT_RESET = Pattern.compile("(?:^|;)\\s*t=(\\d{1,9})");

    private TaskFailures() {
    }

    /**
     * The exception for a non-2xx answer of {@code model}.
     *
     * @param headers response header lookup, case-insensitive
     * @param body    the response body: {@code {"error": "..."}}, {@code {"error": {"message": ...}}}, {@code detail}, text
     */
    public static ClassificationException failure(String model, int status, Function<String, @Nullable String> headers, String body, Clock clock) {
        ErrorBody error = ErrorBody.parse(body);
        String requestId = headers.apply("x-request-id");
        String message = "HuggingFace answered HTTP " + status + " for model " + model + ": " + truncate(error.message, 200)
                + (requestId == null ? "" : " [request id " + requestId + "]");
        Instant now = clock.instant();
        Optional<Duration> delay = delay(headers, clock);
        switch (status) {
            case 429:
                return new RateLimitedException(message, now.plus(delay.orElse(DEFAULT_RATE_LIMIT_PAUSE)), now);
            case 402:
                return new HuggingFaceException(message + " (credits exhausted: check the plan and billing at hf.co/settings/billing)",
                        Reason.CREDITS_EXHAUSTED, status, null, null);
            case 401:
            case 403:
                return new HuggingFaceException(message + " (check the token: a fine-grained token with \"Make calls to Inference Providers\")",
                        Reason.AUTHENTICATION, status, null, null);
            case 404:
            case 410:
                return new HuggingFaceException(message + " (check the model id, that it is deployed on hf-inference, and the base URL)",
                        Reason.NOT_FOUND, status, null, null);
            default:
                break;
        }
        if (status == 503 && error.isLoading()) {
            return loading(model, error.estimatedTime.orElse(null));
        }
        if (RetryAfter.isRetryableStatus(status)) {
            return new HuggingFaceException(message, Reason.SERVER, status, delay.orElse(null), null);
        }
        return new HuggingFaceException(message, Reason.BAD_REQUEST, status, null, null);
    }

    /** The model is still loading after our bounded wait: retryable after its estimate. */
    static HuggingFaceException loading(String model, @Nullable Duration estimate) {
        Duration after = estimate == null ? null : capped(estimate);
        return new HuggingFaceException("HuggingFace model " + model + " is still loading"
                + (after == null ? "" : " (estimated " + after.toSeconds() + " s)"), Reason.MODEL_LOADING, 503, after, null);
    }

    private static Optional<Duration> delay(Function<String, @Nullable String> headers, Clock clock) {
        Optional<Duration> retryAfter = RetryAfter.parse(headers.apply("retry-after"), clock).filter(d -> !d.isZero());
        if (retryAfter.isPresent()) return retryAfter.map(TaskFailures::capped);
        String rateLimit = headers.apply("ratelimit");
        if (rateLimit != null) {
            Matcher matcher = RATE_LIMIT_RESET.matcher(rateLimit);
            if (matcher.find()) return Optional.of(capped(Duration.ofSeconds(Long.parseLong(matcher.group(1))))).filter(d -> !d.isZero());
        }
        return Optional.empty();
    }

    static Duration capped(Duration delay) {
        return delay.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : delay;
    }

    /** The exception for a call that got no HTTP answer: always retryable; names the exception class only. */
    public static ClassificationException ioFailure(String model, IOException failure) {
        boolean timeout = failure instanceof SocketTimeoutException
                || (failure instanceof InterruptedIOException && String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT).contains("timeout"));
        String message = "HuggingFace call for model " + model + (timeout ? " timed out" : " failed") + ": " + failure.getClass().getName();
        return new HuggingFaceException(message, timeout ? Reason.TIMEOUT : Reason.IO, 0, null, failure);
    }

    static String truncate(String text, int max) {
        if (text.length() <= max) return text;
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + "…";
    }

    /** An error body: its message, and the loading estimate when it says the model is loading. */
    static final class ErrorBody {
        final String message;
        final Optional<Duration> estimatedTime;

        private ErrorBody(String message, Optional<Duration> estimatedTime) {
            this.message = message;
            this.estimatedTime = estimatedTime;
        }

        static ErrorBody parse(String body) {
            try {
                return of(JSON.readTree(body));
            } catch (IOException | RuntimeException notJson) {
                return new ErrorBody(body.isBlank() ? "(empty body)" : "(not an error object)", Optional.empty());
            }
        }

        /** The error of a JSON body, checking {@code error} (text or object), {@code detail} and {@code message} in turn. */
        static ErrorBody of(JsonNode root) {
            JsonNode error = root.path("error");
            String message;
            if (error.isTextual()) message = error.asText();
            else if (error.isObject() && error.path("message").isTextual()) message = error.path("message").asText();
            else if (root.path("detail").isTextual()) message = root.path("detail").asText();
            else if (root.path("message").isTextual()) message = root.path("message").asText();
            else message = "(not an error object)";
            JsonNode estimate = root.path("estimated_time");
            Optional<Duration> estimatedTime = estimate.isNumber() && estimate.asDouble() > 0 && estimate.asDouble() < 1e7
                    ? Optional.of(Duration.ofMillis((long) Math.ceil(estimate.asDouble() * 1000))) : Optional.empty();
            return new ErrorBody(message, estimatedTime);
        }

        boolean isLoading() {
            return estimatedTime.isPresent() || message.toLowerCase(Locale.ROOT).contains("loading");
        }
    }
}
