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
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
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

    private final int capacity;
    private final Semaphore permits;
    /** Tickets submitted here and not finished yet, in (createdAt, id) order, with the time they were tracked. */
    private final ConcurrentSkipListMap<PageCursor, Long> open =
            new ConcurrentSkipListMap<>((left, right) -> left.compareTo(right.createdAt(), right.id()));
    private final Map<TicketId, PageCursor> cursorOf = new ConcurrentHashMap<>();
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

    /** Tracks a ticket this submit stored (call after the insert, so reconciling can see it in the store). */
    void track(Ticket ticket) {
        PageCursor cursor = PageCursor.after(ticket);
        open.put(cursor, System.nanoTime());
        cursorOf.put(ticket.id(), cursor);
        // finished before it was tracked (a fast worker): reconcile gives the permit back later
    }

    void finished(TicketId id) {
        PageCursor cursor = cursorOf.remove(id);
        if (cursor != null && open.remove(cursor) != null) permits.release();
    }

    /**
     * Gives back the permits of tickets other nodes finished, with one query, as described in the class comment.
     *
     * @return how many permits came back
     */
    int reconcile(TicketRepository repository) {
        synchronized (reconcileLock) {
            long startedNanos = System.nanoTime();
            NavigableMap<PageCursor, Long> view = resumeAfter == null ? open : open.tailMap(resumeAfter, false);
            if (view.isEmpty()) {
                resumeAfter = null;
                if (open.isEmpty()) return 0;
                view = open;
            }
            PageCursor first = view.firstKey();
            TicketQuery query = TicketQuery.builder().processingState(ProcessingState.NEW, ProcessingState.PROCESSING)
                    .after(new PageCursor(first.createdAt().minusNanos(1), first.id())).limit(RECONCILE_PAGE).build();
            Page<Ticket> page = repository.query(query);
            Set<TicketId> unfinished = new HashSet<>();
            for (Ticket ticket : page.items()) unfinished.add(ticket.id());
            PageCursor coveredTo = page.next().isPresent() && !page.items().isEmpty()
                    ? PageCursor.after(page.items().get(page.items().size() - 1)) : null;
            NavigableMap<PageCursor, Long> covered = coveredTo == null ? view.tailMap(first, true) : view.subMap(first, true, coveredTo, true);
            int released = 0;
            for (Map.Entry<PageCursor, Long> entry : covered.entrySet()) {
                if (entry.getValue() - startedNanos >= 0) continue;   // tracked after the query began: not known yet
                if (!unfinished.contains(entry.getKey().id())) {
                    TicketId id = entry.getKey().id();
                    if (cursorOf.remove(id) != null && open.remove(entry.getKey()) != null) {
                        permits.release();
                        released++;
                    }
                }
            }
            resumeAfter = coveredTo;
            return released;
        }
    }

    int inFlight() {
        return open.size();
    }

    int capacity() {
        return capacity;
    }
}
