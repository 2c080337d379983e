package dev.tickettriage.pipeline;

import java.time.Duration;
import java.util.Objects;

/** What a drain did: tickets that reached PROCESSED and FAILED, notifications delivered, and how long it took. */
public record DrainReport(long processed, long failed, long notificationsDelivered, Duration elapsed) {

    public DrainReport {
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
