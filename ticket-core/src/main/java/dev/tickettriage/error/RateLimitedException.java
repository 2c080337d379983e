package dev.tickettriage.error;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The classifier's provider is throttling us (HTTP 429 with Retry-After, a quota window): no call should be
 * made before {@link #until()}. This is not a failure of the ticket: the pipeline pauses new calls to this
 * classifier until then and tries the ticket again without spending its attempt budget. Always retryable.
 */
public final class RateLimitedException extends ClassificationException {

    private static final long serialVersionUID = 1L;

    private final Instant until;

    /**
     * @param message what was throttled (never ticket text or secrets)
     * @param until   when calls may resume
     * @param now     the current time, to derive {@link #retryAfter()}
     */
    public RateLimitedException(String message, Instant until, Instant now) {
        super(message, null, true, positive(Duration.between(Objects.requireNonNull(now, "now"), Objects.requireNonNull(until, "until"))));
        this.until = until;
    }

    private static Duration positive(Duration wait) {
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** When calls may resume. */
    public Instant until() {
        return until;
    }
}
