package dev.tickettriage.spring;

import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TriageListener;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts what the pipeline did, from its events, for the health indicators: classifications and failures (with the
 * length of the current run of failures), notifications delivered and dead-lettered. Thread-safe.
 */
public final class TriageActivity implements TriageListener {

    private final AtomicLong classified = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong failuresInARow = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong deadLettersInARow = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final AtomicReference<Instant> lastClassifiedAt = new AtomicReference<>();

    @Override
    public void onEvent(TicketEvent event) {
        if (event instanceof TicketEvent.Classified classifiedEvent) {
            classified.incrementAndGet();
            failuresInARow.set(0);
            lastClassifiedAt.set(classifiedEvent.at());
        } else if (event instanceof TicketEvent.Failed failedEvent) {
            failed.incrementAndGet();
            failuresInARow.incrementAndGet();
            lastFailure.set(failedEvent.reason());
        } else if (event instanceof TicketEvent.NotificationDelivered) {
            delivered.incrementAndGet();
            deadLettersInARow.set(0);
        } else if (event instanceof TicketEvent.NotificationDeadLettered) {
            deadLettered.incrementAndGet();
            deadLettersInARow.incrementAndGet();
        }
    }

    public long classified() { return classified.get(); }

    /** Classification attempts that failed (each retry counts). */
    public long failed() { return failed.get(); }

    /** Failed attempts since the last successful classification. */
    public long failuresInARow() { return failuresInARow.get(); }

    public Optional<String> lastFailure() { return Optional.ofNullable(lastFailure.get()); }

    public Optional<Instant> lastClassifiedAt() { return Optional.ofNullable(lastClassifiedAt.get()); }

    public long delivered() { return delivered.get(); }

    public long deadLettered() { return deadLettered.get(); }

    /** Dead letters since the last delivered notification. */
    public long deadLettersInARow() { return deadLettersInARow.get(); }
}
