package dev.tickettriage;

import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.error.TriageOverloadedException;
import dev.tickettriage.port.Page;
import dev.tickettriage.port.PageCursor;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.port.TicketRepository;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Bounds the tickets submitted through this pipeline that are not finished yet. A submit takes a permit
 * (waiting up to the submit timeout); the permit comes back when this node finishes the ticket, or when
 * {@link #reconcile} finds that another node finished it.
 *
 * <p>Reconciling costs one {@link TicketRepository#query} per call, whatever the backlog: it pages through the
 * store's unfinished tickets (NEW or PROCESSING) from the oldest ticket still open here, at most
 * {@value #RECONCILE_PAGE} per call, and gives back the permits of open tickets in the covered range that are no
 * longer unfinished. The next call continues where this one stopped, and wraps around. Thread-safe.
 */
final class SubmitPermits {

    static final int RECONCILE_PAGE = 500;
    /** A permit count no submit will ever reach: released at close to wake every waiting submit. */
    private static final int CLOSING_PERMITS = Integer.MAX_VALUE / 2;

    /** A ticket submitted here and not finished yet: its position in the store's order, and when it was tracked. */
    private record Open(PageCursor cursor, long trackedNanos) {
    }

    private final int capacity;
    private final Semaphore permits;
    /** A hash map, not a sorted one: submit and finish stay O(1); reconciling (every few seconds) scans it. */
    private final Map<TicketId, Open> open = new ConcurrentHashMap<>();
    private final Object reconcileLock = new Object();
    private @Nullable PageCursor resumeAfter;   // guarded by reconcileLock
    private volatile boolean closed;

    SubmitPermits(int capacity) {
        this.capacity = capacity;
        this.permits = new Semaphore(capacity);
    }

    /**
     * Takes a permit, waiting up to {@code timeout}; when none is free, runs {@code reconcile} (which the caller rate
     * limits) once a second while it waits.
     *
     * @throws TriageOverloadedException when no permit came free in time
     * @throws IllegalStateException     when the pipeline closed meanwhile
     */
    void acquire(Duration timeout, Runnable reconcile) {
        if (closed) throw closedException();
        if (permits.tryAcquire()) return;
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean acquired = false;
        try {
            while (!acquired) {
                reconcile.run();
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                acquired = permits.tryAcquire(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TriageOverloadedException(capacity, Duration.ZERO);
        }
        if (!acquired) throw new TriageOverloadedException(capacity, timeout);
        if (closed) {
            permits.release();
            throw closedException();
        }
    }

    private static IllegalStateException closedException() {
        return new IllegalStateException("The pipeline closed while this submit waited for backlog room; nothing was stored");
    }

    /** Wakes every submit waiting for a permit; they fail with an IllegalStateException and store nothing. */
    void close() {
        closed = true;
        permits.release(CLOSING_PERMITS);
    }

    /** A permit taken for a submit that stored nothing new. */
    void giveBack() {
        permits.release();
    }

    /**
     * Tracks a ticket this submit stored. Called after the insert, so reconciling can see it in the store; a ticket
     * a fast worker finished before it was tracked gets its permit back from the next reconciliation.
     */
    void track(Ticket ticket) {
        open.put(ticket.id(), new Open(PageCursor.after(ticket), System.nanoTime()));
    }

    void finished(TicketId id) {
        if (open.remove(id) != null) permits.release();
    }

    /**
     * Gives back the permits of tickets other nodes finished, with one query, as described in the class comment.
     *
     * @return how many permits came back
     */
    int reconcile(TicketRepository repository) {
        synchronized (reconcileLock) {
            long startedNanos = System.nanoTime();
            PageCursor first = oldestOpenAfter(resumeAfter);
            if (first == null && resumeAfter != null) first = oldestOpenAfter(null);   // wrap around
            if (first == null) {
                resumeAfter = null;
                return 0;
            }
            TicketQuery query = TicketQuery.builder().processingState(ProcessingState.NEW, ProcessingState.PROCESSING)
                    .after(new PageCursor(first.createdAt().minusNanos(1), first.id())).limit(RECONCILE_PAGE).build();
            Page<Ticket> page = repository.query(query);
            Set<TicketId> unfinished = new HashSet<>();
            for (Ticket ticket : page.items()) unfinished.add(ticket.id());
            PageCursor coveredTo = page.next().isPresent() && !page.items().isEmpty()
                    ? PageCursor.after(page.items().get(page.items().size() - 1)) : null;
            int released = 0;
            for (Map.Entry<TicketId, Open> entry : open.entrySet()) {
                Open tracked = entry.getValue();
                if (tracked.trackedNanos() - startedNanos >= 0) continue;   // tracked after the query began: not known yet
                if (before(tracked.cursor(), first) || (coveredTo != null && before(coveredTo, tracked.cursor()))) continue;
                if (!unfinished.contains(entry.getKey()) && open.remove(entry.getKey(), tracked)) {
                    permits.release();
                    released++;
                }
            }
            resumeAfter = coveredTo;
            return released;
        }
    }

    private @Nullable PageCursor oldestOpenAfter(@Nullable PageCursor after) {
        PageCursor oldest = null;
        for (Open tracked : open.values()) {
            PageCursor cursor = tracked.cursor();
            if (after != null && !before(after, cursor)) continue;
            if (oldest == null || before(cursor, oldest)) oldest = cursor;
        }
        return oldest;
    }

    private static boolean before(PageCursor left, PageCursor right) {
        return left.compareTo(right.createdAt(), right.id()) < 0;
    }

    int inFlight() {
        return open.size();
    }

    int capacity() {
        return capacity;
    }
}
