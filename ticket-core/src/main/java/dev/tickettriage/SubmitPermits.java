package dev.tickettriage;

import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.TriageOverloadedException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the tickets submitted through this pipeline that are not finished yet. A submit takes a permit
 * (waiting up to the submit timeout); the permit comes back when the ticket reaches PROCESSED or FAILED.
 */
final class SubmitPermits {

    private final int capacity;
    private final Semaphore permits;
    private final Set<TicketId> open = ConcurrentHashMap.newKeySet();

    SubmitPermits(int capacity) {
        this.capacity = capacity;
        this.permits = new Semaphore(capacity);
    }

    void acquire(Duration timeout) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TriageOverloadedException(capacity, Duration.ZERO);
        }
        if (!acquired) throw new TriageOverloadedException(capacity, timeout);
    }

    /** A permit taken for a submit that stored nothing new. */
    void giveBack() {
        permits.release();
    }

    void track(TicketId id) {
        open.add(id);
    }

    void finished(TicketId id) {
        if (open.remove(id)) permits.release();
    }

    Set<TicketId> open() {
        return Set.copyOf(open);
    }

    int inFlight() {
        return capacity - permits.availablePermits();
    }
}
