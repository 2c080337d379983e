package dev.tickettriage.error;

import java.time.Instant;
import java.util.Objects;

/** A correctly signed alert acknowledgement token whose validity has ended. Not retryable. */
public final class ExpiredAcknowledgementTokenException extends InvalidAcknowledgementTokenException {

    private static final long serialVersionUID = 1L;

    private final Instant expiredAt;

    public ExpiredAcknowledgementTokenException(Instant expiredAt) {
        super("The acknowledgement link expired at " + Objects.requireNonNull(expiredAt, "expiredAt") + "; acknowledge from the ticket instead");
        this.expiredAt = expiredAt;
    }

    /** When the token stopped being valid. */
    public Instant expiredAt() {
        return expiredAt;
    }
}
