package dev.tickettriage.port;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A notification the dispatcher gave up on (permanent failure, retries used up, or no notifier for its
 * target), kept in the outbox until requeued: its outbox id, the notification, the attempts spent, the last
 * error as the notifier or dispatcher reported it (may echo the receiver: show it to operators, do not log it
 * above DEBUG), and when it was given up.
 */
public record DeadLetter(UUID id, Notification notification, int attempts, String lastError, Instant failedAt) {

    public DeadLetter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(failedAt, "failedAt");
        if (attempts < 0) throw new IllegalArgumentException("attempts must be >= 0, was " + attempts);
    }

    @Override
    public String toString() {
        // the last error may echo the receiver or the notification's text
        return "DeadLetter[id=" + id + ", notification=" + notification + ", attempts=" + attempts + ", failedAt=" + failedAt + "]";
    }
}
