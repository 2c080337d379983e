package dev.tickettriage.port;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * HTTP retry rules shared by the HTTP adapters (notifiers, classifiers): which statuses are worth retrying and what
 * a {@code Retry-After} header asks for. {@link #parse} follows RFC 9110 strictly (whole delta-seconds or an
 * HTTP-date); {@link #fromHeaders} adds what LLM providers send besides: {@code retry-after-ms} (milliseconds, read
 * first, as the official OpenAI SDKs do) and decimal delta-seconds ({@code 1.5}). Stateless and thread-safe.
 */
public final class RetryAfter {

    private static final Pattern DECIMAL = Pattern.compile("\\d{1,15}(\\.\\d{1,9})?");
    /** About 31 years: anything longer is a broken header, not a delay. */
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE / 10);

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

    /**
     * The delay an LLM provider's answer asks for: {@code retry-after-ms} (milliseconds, decimals allowed) when present
     * and positive, else {@code Retry-After} as {@link #parse} reads it plus decimal delta-seconds, rounded up to the
     * millisecond. Empty when neither header is there or readable.
     *
     * @param headers response header lookup by name (the caller makes it case-insensitive, as HTTP requires)
     */
    public static Optional<Duration> fromHeaders(Function<String, @Nullable String> headers, Clock clock) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(clock, "clock");
        Optional<Duration> millis = parseMillis(headers.apply("retry-after-ms"));
        if (millis.isPresent()) return millis;
        String value = headers.apply("retry-after");
        Optional<Duration> decimal = decimalSeconds(value);
        return decimal.isPresent() ? decimal : parse(value, clock);
    }

    /** A {@code retry-after-ms} value: positive milliseconds, decimals allowed; empty when absent or unreadable. */
    public static Optional<Duration> parseMillis(@Nullable String value) {
        return decimal(value, 1_000_000L);
    }

    private static Optional<Duration> decimalSeconds(@Nullable String value) {
        if (value == null || value.indexOf('.') < 0) return Optional.empty();
        return decimal(value, 1_000_000_000L);
    }

    /** {@code digits[.digits]} times {@code nanosPerUnit}, rounded up to the millisecond; empty unless positive. */
    private static Optional<Duration> decimal(@Nullable String value, long nanosPerUnit) {
        if (value == null) return Optional.empty();
        String text = value.strip();
        if (!DECIMAL.matcher(text).matches()) return Optional.empty();
        try {
            BigDecimal nanos = new BigDecimal(text).multiply(BigDecimal.valueOf(nanosPerUnit));
            if (nanos.signum() <= 0 || nanos.compareTo(MAX_NANOS) > 0) return Optional.empty();
            long millis = nanos.divide(BigDecimal.valueOf(1_000_000L), 0, RoundingMode.CEILING).longValueExact();
            return Optional.of(Duration.ofMillis(millis));
        } catch (ArithmeticException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }
}
