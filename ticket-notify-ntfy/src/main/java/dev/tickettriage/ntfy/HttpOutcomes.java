package dev.tickettriage.ntfy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.RetryAfter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Maps ntfy's HTTP answers and transport failures to delivery results: the one place that decides what is retried. */
final class HttpOutcomes {

    /** Failure details quote the server's message cut to this many characters. */
    static final int MAX_SERVER_MESSAGE = 200;

    private HttpOutcomes() {
    }

    /**
     * The result for one HTTP answer.
     *
     * <ul>
     *   <li>2xx: delivered;</li>
     *   <li>408, 425, 429 and 5xx: retryable, honouring {@code Retry-After} (delta-seconds or HTTP-date; ntfy itself
     *       sends none, a proxy in front of it may);</li>
     *   <li>everything else (400, 401, 403, 404, 413, a redirect that was not followed ...): permanent, with ntfy's
     *       error code and message.</li>
     * </ul>
     */
    static DeliveryResult forStatus(int status, @Nullable String retryAfter, String body, Clock clock, ObjectMapper json) {
        if (status >= 200 && status < 300) return DeliveryResult.delivered();
        String detail = "ntfy answered HTTP " + status + describe(body, json);
        if (RetryAfter.isRetryableStatus(status)) {
            return DeliveryResult.retryable(detail, parseRetryAfter(retryAfter, clock));
        }
        if (status == 401) return DeliveryResult.permanent(detail + " (check the access token or user/password)");
        if (status == 403) return DeliveryResult.permanent(detail + " (no write permission on the topic; anonymous requests get 403 too)");
        if (status >= 300 && status < 400) return DeliveryResult.permanent(detail + " (redirects are not followed: configure the final server URL)");
        return DeliveryResult.permanent(detail);
    }

    /** A transport failure (connect, timeout, reset): always retryable; names the exception class only. */
    static DeliveryResult forIoFailure(IOException failure) {
        return DeliveryResult.retryable("ntfy request failed: " + failure.getClass().getName(), null);
    }

    /** {@code " (code 40301): forbidden"} from ntfy's error JSON, else the body's start, else nothing. */
    static String describe(String body, ObjectMapper json) {
        String trimmed = body.strip();
        if (trimmed.isEmpty()) return "";
        try {
            JsonNode error = json.readTree(trimmed);
            if (error != null && error.isObject() && (error.has("code") || error.has("error"))) {
                String code = error.path("code").isIntegralNumber() ? " (code " + error.path("code").asLong() + ")" : "";
                String message = error.path("error").isTextual() ? ": " + cut(error.path("error").asText()) : "";
                return code + message;
            }
        } catch (IOException notJson) {
            // a proxy's HTML page or plain text: quote its start below
        }
        return ": " + cut(trimmed);
    }

    /**
     * The delay a {@code Retry-After} value asks for: delta-seconds or an HTTP-date (RFC 9110), measured from
     * {@code clock}; a date in the past is zero; null when absent or unparsable.
     */
    static @Nullable Duration parseRetryAfter(@Nullable String value, Clock clock) {
        return RetryAfter.parse(value, clock).orElse(null);
    }

    static String cut(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}+", " ").strip();
        if (oneLine.length() <= MAX_SERVER_MESSAGE) return oneLine;
        int end = MAX_SERVER_MESSAGE;
        if (Character.isHighSurrogate(oneLine.charAt(end - 1))) end--;
        return oneLine.substring(0, end) + "…";
    }
}
