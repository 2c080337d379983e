package dev.tickettriage.port;

import java.time.Duration;
import java.util.Objects;

/**
 * Queue health for a dashboard, from {@link TicketRepository#backlogStats}: how many tickets wait or are being worked
 * on (NEW or PROCESSING), how long the oldest of them has waited, and the time from creation to the stored
 * classification (mean and 95th percentile) over a sample of the most recently created classified tickets. Durations
 * are {@link Duration#ZERO} when there is nothing to measure ({@code backlog} or {@code sampled} is 0).
 */
public record BacklogStats(long backlog, Duration oldestUnprocessedAge, long sampled, Duration meanTimeToClassify,
                           Duration p95TimeToClassify) {

    /** How many classified tickets {@link TicketRepository#backlogStats} samples by default, newest first. */
    public static final int DEFAULT_SAMPLE = 1_000;

    public BacklogStats {
        Objects.requireNonNull(oldestUnprocessedAge, "oldestUnprocessedAge");
        Objects.requireNonNull(meanTimeToClassify, "meanTimeToClassify");
        Objects.requireNonNull(p95TimeToClassify, "p95TimeToClassify");
        if (backlog < 0 || sampled < 0) throw new IllegalArgumentException("counts must be >= 0");
    }

    /** Mean and p95 (nearest rank) of {@code durations}, which this sorts; zeros when empty. */
    public static BacklogStats of(long backlog, Duration oldestUnprocessedAge, long[] millis) {
        if (millis.length == 0) return new BacklogStats(backlog, oldestUnprocessedAge, 0, Duration.ZERO, Duration.ZERO);
        java.util.Arrays.sort(millis);
        long sum = 0;
        for (long value : millis) sum += value;
        int rank = (int) Math.ceil(millis.length * 0.95) - 1;
        return new BacklogStats(backlog, oldestUnprocessedAge, millis.length, Duration.ofMillis(sum / millis.length),
                Duration.ofMillis(millis[rank]));
    }
}
