package dev.tickettriage.openai.internal;

import dev.tickettriage.port.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the delay an OpenAI-style server asks for: {@code retry-after-ms} and {@code Retry-After} through core's
 * {@link RetryAfter#fromHeaders} (milliseconds first; delta-seconds, decimals allowed, or an HTTP-date), then the
 * longer of {@code x-ratelimit-reset-requests}/{@code -tokens} (Go-style durations such as {@code 12ms},
 * {@code 1.5s}, {@code 6m0s}), the OpenAI-specific part kept here. Zero, negative or unreadable values count as
 * unknown; delays are capped at {@link #MAX_DELAY}.
 */
public final class RateLimitHeaders {

    /** Delays above this are capped (a broken header must not park the classifier for a day). */
    public static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|h|m|s)");

    private RateLimitHeaders() {
    }

    /** The requested delay, if the headers name one. */
    public static Optional<Duration> delay(Function<String, @Nullable String> headers, Instant now) {
        Optional<Duration> asked = RetryAfter.fromHeaders(headers, Clock.fixed(now, ZoneOffset.UTC)).filter(d -> !d.isZero());
        if (asked.isPresent()) return asked.map(RateLimitHeaders::capped);
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

    /** A Go-style duration ({@code 12ms}, {@code 1.5s}, {@code 6m0s}, {@code 1h2m}); plain numbers are seconds. */
    public static Optional<Duration> goDuration(@Nullable String value) {
        if (value == null || value.isBlank()) return Optional.empty();
        String trimmed = value.strip();
        if (trimmed.matches("\\d+(\\.\\d+)?")) trimmed = trimmed + "s";   // plain numbers are seconds
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
