package dev.tickettriage.openai.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the delay a server asks for: {@code retry-after-ms}, then {@code Retry-After} (delta-seconds, decimals
 * allowed, or an HTTP-date), then the longer of {@code x-ratelimit-reset-requests}/{@code -tokens} (Go-style
 * durations such as {@code 12ms}, {@code 1.5s}, {@code 6m0s}). Negative, zero or unreadable values count as unknown.
 */
public final class RateLimitHeaders {

    /** Delays above this are capped (a broken header must not park the classifier for a day). */
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|h|m|s)");

    private RateLimitHeaders() {
    }

    /** The requested delay, if the headers name one. */
    public static Optional<Duration> delay(Function<String, @Nullable String> headers, Instant now) {
        Optional<Duration> ms = millis(headers.apply("retry-after-ms"));
        if (ms.isPresent()) return ms.map(RateLimitHeaders::capped);
        Optional<Duration> retryAfter = retryAfter(headers.apply("retry-after"), now);
        if (retryAfter.isPresent()) return retryAfter.map(RateLimitHeaders::capped);
        Optional<Duration> requests = goDuration(headers.apply("x-ratelimit-reset-requests"));
        Optional<Duration> tokens = goDuration(headers.apply("x-ratelimit-reset-tokens"));
        if (requests.isPresent() && tokens.isPresent()) {
            return Optional.of(capped(requests.get().compareTo(tokens.get()) >= 0 ? requests.get() : tokens.get()));
        }
        return requests.or(() -> tokens).map(RateLimitHeaders::capped);
    }

    private static Duration capped(Duration delay) {
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    static Optional<Duration> millis(@Nullable String value) {
        if (value == null) return Optional.empty();
        try {
            double millis = Double.parseDouble(value.strip());
            return millis > 0 && millis < 1e12 ? Optional.of(Duration.ofNanos((long) (millis * 1_000_000))) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code Retry-After}: delta-seconds (decimals allowed) or an RFC 1123 HTTP-date. */
    public static Optional<Duration> retryAfter(@Nullable String value, Instant now) {
        if (value == null || value.isBlank()) return Optional.empty();
        String trimmed = value.strip();
        try {
            double seconds = Double.parseDouble(trimmed);
            return seconds > 0 && seconds < 1e9 ? Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000))) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() || wait.isZero() ? Optional.empty() : Optional.of(wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** A Go-style duration ({@code 12ms}, {@code 1.5s}, {@code 6m0s}, {@code 1h2m}); plain numbers are seconds. */
    public static Optional<Duration> goDuration(@Nullable String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        String trimmed = value.strip();
        if (trimmed.matches("\\d+(\\.\\d+)?")) return retryAfter(trimmed, Instant.EPOCH);
        Matcher matcher = GO_DURATION_PART.matcher(trimmed);
        double nanos = 0;
        int end = 0;
        while (matcher.find()) {
            if (matcher.start() != end) return Optional.empty();
            end = matcher.end();
            double amount = Double.parseDouble(matcher.group(1));
            switch (matcher.group(2)) {
                case "h": nanos += amount * 3_600e9; break;
                case "m": nanos += amount * 60e9; break;
                case "s": nanos += amount * 1e9; break;
                case "ms": nanos += amount * 1e6; break;
                case "us":
                case "µs": nanos += amount * 1e3; break;
                default: nanos += amount; break;
            }
        }
        if (end != trimmed.length() || nanos <= 0) return Optional.empty();
        return Optional.of(Duration.ofNanos((long) nanos));
    }
}
