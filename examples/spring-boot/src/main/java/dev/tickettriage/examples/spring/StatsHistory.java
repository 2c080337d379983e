package dev.tickettriage.examples.spring;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TicketStats;
import dev.tickettriage.port.TriageListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The last hour, minute by minute, for the dashboard's charts: backlog (tickets new or processing, sampled every
 * 10 s, the minute's last sample kept) and classify latency (median and 95th percentile of the minute's
 * classifications, from the pipeline's events). Kept in memory: it starts empty on restart. Thread-safe.
 */
@Component
class StatsHistory implements TriageListener {

    static final int MINUTES = 60;
    private static final int MAX_SAMPLES_PER_MINUTE = 10_000;

    /** One minute of history. */
    record Minute(Instant minute, long backlog, long classified, long latencyP50Millis, long latencyP95Millis) {
    }

    private static final class Bucket {
        final Instant minute;
        long backlog = -1;
        final List<Long> latencies = new ArrayList<>();
        long classified;

        Bucket(Instant minute) {
            this.minute = minute;
        }

        Minute view() {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(sorted);
            return new Minute(minute, Math.max(backlog, 0), classified, percentile(sorted, 0.50), percentile(sorted, 0.95));
        }
    }

    private final Deque<Bucket> buckets = new ArrayDeque<>();
    private final ObjectProvider<TicketTriage> triage;
    private final Clock clock;

    @Autowired
    StatsHistory(ObjectProvider<TicketTriage> triage) {
        this(triage, Clock.systemUTC());
    }

    StatsHistory(ObjectProvider<TicketTriage> triage, Clock clock) {
        this.triage = triage;
        this.clock = clock;
    }

    @Override
    public void onEvent(TicketEvent event) {
        if (event instanceof TicketEvent.Classified classified) {
            Duration latency = classified.classification().provenance().latency();
            synchronized (buckets) {
                Bucket bucket = current();
                bucket.classified++;
                if (bucket.latencies.size() < MAX_SAMPLES_PER_MINUTE) bucket.latencies.add(latency.toMillis());
            }
        }
    }

    /** Samples the backlog; every 10 s. */
    @Scheduled(fixedDelay = 10_000, initialDelay = 1_000)
    void sampleBacklog() {
        TicketStats stats = triage.getObject().stats();
        long backlog = stats.count(ProcessingState.NEW) + stats.count(ProcessingState.PROCESSING);
        synchronized (buckets) {
            current().backlog = backlog;
        }
    }

    /** The minutes of the last hour that have data, oldest first. */
    List<Minute> lastHour() {
        synchronized (buckets) {
            current();
            return buckets.stream().map(Bucket::view).toList();
        }
    }

    private Bucket current() {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Bucket last = buckets.peekLast();
        if (last == null || last.minute.isBefore(minute)) {
            last = new Bucket(minute);
            buckets.addLast(last);
        }
        Instant oldest = minute.minus(Duration.ofMinutes(MINUTES - 1L));
        while (!buckets.isEmpty() && buckets.peekFirst().minute.isBefore(oldest)) buckets.removeFirst();
        return last;
    }

    private static long percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) return 0;
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
