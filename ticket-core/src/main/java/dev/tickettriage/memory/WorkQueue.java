package dev.tickettriage.memory;

import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.PageCursor;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Which tickets may be claimable, and who holds which lease. Entries are hints: a claimer re-checks the
 * ticket under its map entry before taking it. {@link #onStored}, {@link #lease} run inside the owning
 * ticket's map entry update, so they are serialised per ticket. Thread-safe.
 */
final class WorkQueue {

    private record Timed(Instant at, TicketId id) {
    }

    private record Lease(String owner, Instant expiresAt) {
    }

    private static final Comparator<Timed> BY_TIME = Comparator.comparing(Timed::at).thenComparing(Timed::id);

    private final ConcurrentSkipListSet<PageCursor> ready = new ConcurrentSkipListSet<>((a, b) -> a.compareTo(b.createdAt(), b.id()));
    private final ConcurrentSkipListSet<Timed> delayed = new ConcurrentSkipListSet<>(BY_TIME);
    private final ConcurrentSkipListSet<Timed> leaseExpiries = new ConcurrentSkipListSet<>(BY_TIME);
    private final ConcurrentHashMap<TicketId, Lease> leases = new ConcurrentHashMap<>();

    /** Keeps the queues in step with a stored ticket state. */
    void onStored(Ticket next, @Nullable Ticket previous, Instant now) {
        TicketId id = next.id();
        if (previous != null && previous.processingState() == ProcessingState.NEW) {
            ready.remove(PageCursor.after(previous));
            previous.processing().retryAt().ifPresent(at -> delayed.remove(new Timed(at, id)));
        }
        if (next.processingState() == ProcessingState.PROCESSING) {
            // still (or newly) in progress: keep the live lease; without one the ticket is claimable at once
            if (!leases.containsKey(id)) lease(id, "", now);
            return;
        }
        dropLease(id);
        if (next.processingState() == ProcessingState.NEW) {
            Instant notBefore = next.processing().notBefore();
            if (notBefore == null || !notBefore.isAfter(now)) {
                ready.add(PageCursor.after(next));
            } else {
                delayed.add(new Timed(notBefore, id));
            }
        }
    }

    /** Moves tickets whose retry time has come to the ready set. */
    void promoteDue(Instant now, Function<TicketId, @Nullable Ticket> lookup) {
        while (true) {
            Timed first = delayed.isEmpty() ? null : delayed.first();
            if (first == null || first.at().isAfter(now)) return;
            if (delayed.remove(first)) {
                Ticket ticket = lookup.apply(first.id());
                if (ticket != null) ready.add(PageCursor.after(ticket));
            }
        }
    }

    /** The next ticket worth trying to claim: an expired lease first, else the oldest ready ticket. */
    @Nullable TicketId nextCandidate(Instant now) {
        while (!leaseExpiries.isEmpty()) {
            Timed first = leaseExpiries.first();
            if (first.at().isAfter(now)) break;
            if (leaseExpiries.remove(first)) return first.id();
        }
        PageCursor oldest = ready.pollFirst();
        return oldest == null ? null : oldest.id();
    }

    boolean isClaimable(Ticket ticket, Instant now) {
        switch (ticket.processingState()) {
            case NEW:
                Instant notBefore = ticket.processing().notBefore();
                return notBefore == null || !notBefore.isAfter(now);
            case PROCESSING:
                Lease lease = leases.get(ticket.id());
                return lease == null || !lease.expiresAt().isAfter(now);
            default:
                return false;
        }
    }

    void lease(TicketId id, String owner, Instant expiresAt) {
        Lease previous = leases.put(id, new Lease(owner, expiresAt));
        if (previous != null) leaseExpiries.remove(new Timed(previous.expiresAt(), id));
        leaseExpiries.add(new Timed(expiresAt, id));
    }

    private void dropLease(TicketId id) {
        Lease previous = leases.remove(id);
        if (previous != null) leaseExpiries.remove(new Timed(previous.expiresAt(), id));
    }

    boolean holds(TicketId id, String owner, Instant now) {
        Lease lease = leases.get(id);
        return lease != null && lease.owner().equals(owner) && lease.expiresAt().isAfter(now);
    }
}
