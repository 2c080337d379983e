package dev.tickettriage.port;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * HTTP retry rules shared by the HTTP adapters (notifiers, classifiers): which statuses are worth retrying and what
 * a {@code Retry-After} header asks for. Stateless and thread-safe.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** Whether an HTTP answer with {@code status} may succeed when tried again later: 408, 425, 429 and 5xx. */
    public static boolean isRetryableStatus(int status) {
        return status == 408 || status == 425 || status == 429 || (status >= 500 && status < 600);
    }

    /**
     * The delay a {@code Retry-After} value asks for: delta-seconds or an HTTP-date (RFC 9110), measured from
     * {@code clock}; a date in the past is zero; empty when absent or unparsable.
     */
    public static Optional<Duration> parse(@Nullable String value, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (value == null || value.isBlank()) return Optional.empty();
        String text = value.strip();
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException | ArithmeticException tooLarge) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException unparsable) {
            return Optional.empty();
        }
    }
}
