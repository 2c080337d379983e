package dev.tickettriage.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how soon to retry a retryable failure: up to {@code maxAttempts} attempts in all, waiting
 * {@code initialBackoff * multiplier^(n-1)} (capped at {@code maxBackoff}) after the n-th failure, spread by
 * +/- {@code jitter} (a fraction) so many failed tickets do not retry in lockstep. A server-requested
 * Retry-After longer than the computed wait wins. {@link #ofDefaults()}: 5 attempts, 2 s, x2, max 5 min, 20 % jitter.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier, double jitter) {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(2);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final double DEFAULT_JITTER = 0.2;

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative()) throw new IllegalArgumentException("initialBackoff must not be negative, was " + initialBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must be >= initialBackoff, was " + maxBackoff);
        }
        if (!(multiplier >= 1)) throw new IllegalArgumentException("multiplier must be >= 1, was " + multiplier);
        if (!(jitter >= 0 && jitter < 1)) throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
    }

    public static RetryPolicy ofDefaults() {
        return new RetryPolicy(DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_MULTIPLIER, DEFAULT_JITTER);
    }

    /** One attempt, no retry. */
    public static RetryPolicy noRetry() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1, 0);
    }

    /** This policy with another attempt limit. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff, multiplier, jitter);
    }

    /** This policy with other backoff bounds. */
    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(maxAttempts, initial, max, multiplier, jitter);
    }

    /** Whether another attempt is allowed after {@code failedAttempts} failures. */
    public boolean allowsRetryAfter(int failedAttempts) {
        return failedAttempts < maxAttempts;
    }

    /** The wait after the {@code failedAttempts}-th failure (1-based), honouring a longer {@code retryAfter}. */
    public Duration backoff(int failedAttempts, Optional<Duration> retryAfter) {
        double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
        double capped = Math.min(base, maxBackoff.toMillis());
        double spread = jitter == 0 ? 1 : 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
        Duration wait = Duration.ofMillis(Math.round(capped * spread));
        if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
            return retryAfter.get().compareTo(maxBackoff.multipliedBy(4)) > 0 ? maxBackoff.multipliedBy(4) : retryAfter.get();
        }
        return wait;
    }
}
