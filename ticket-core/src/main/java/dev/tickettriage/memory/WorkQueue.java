package dev.tickettriage.memory;

import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.PageCursor;
import java.time.Instant;
import java.util.Comparator;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Which tickets may be claimable: waiting tickets by age, retries by due time, leases by expiry. Entries
 * are hints: a claimer re-checks the ticket under its map entry before taking it. The repository calls
 * {@link #onStored}, {@link #leased} and {@link #isClaimable} inside the ticket's map entry update, so they
 * are serialised per ticket. Thread-safe.
 */
final class WorkQueue {

    /** Who holds a claimed ticket, and until when. */
    record Lease(String owner, Instant expiresAt) {
    }

    private record Timed(Instant at, TicketId id) {
    }

    private static final Comparator<Timed> BY_TIME = (left, right) -> {
        int byTime = left.at().compareTo(right.at());
        return byTime != 0 ? byTime : left.id().compareTo(right.id());
    };

    private final ConcurrentSkipListSet<PageCursor> ready = new ConcurrentSkipListSet<>((a, b) -> a.compareTo(b.createdAt(), b.id()));
    private final ConcurrentSkipListSet<Timed> delayed = new ConcurrentSkipListSet<>(BY_TIME);
    private final ConcurrentSkipListSet<Timed> leaseExpiries = new ConcurrentSkipListSet<>(BY_TIME);

    /**
     * Keeps the queues in step with a stored ticket state.
     *
     * @return the lease the stored entry keeps: the current one while PROCESSING, else none
     */
    @Nullable Lease onStored(Ticket next, @Nullable Ticket previous, @Nullable Lease lease, Instant now) {
        TicketId id = next.id();
        if (previous != null && previous.processingState() == ProcessingState.NEW) {
            ready.remove(PageCursor.after(previous));
            previous.processing().retryAt().ifPresent(at -> delayed.remove(new Timed(at, id)));
        }
        if (next.processingState() == ProcessingState.PROCESSING) {
            if (lease != null) return lease;
            // PROCESSING without a lease (stored that way by a caller): claimable at once
            Lease expired = new Lease("", now);
            leaseExpiries.add(new Timed(now, id));
            return expired;
        }
        if (lease != null) leaseExpiries.remove(new Timed(lease.expiresAt(), id));
        if (next.processingState() == ProcessingState.NEW) {
            Instant notBefore = next.processing().retryAt().orElse(null);
            if (notBefore == null || !notBefore.isAfter(now)) {
                ready.add(PageCursor.after(next));
            } else {
                delayed.add(new Timed(notBefore, id));
            }
        }
        return null;
    }

    /**
     * Moves tickets whose retry time has come, and tickets whose lease expired, to the ready set, so both kinds
     * are claimed oldest createdAt first (the order a SQL store gets from {@code ORDER BY created_at, id}).
     */
    void promoteDue(Instant now, Function<TicketId, @Nullable Ticket> lookup) {
        promote(delayed, now, lookup);
        promote(leaseExpiries, now, lookup);
    }

    private void promote(ConcurrentSkipListSet<Timed> timed, Instant now, Function<TicketId, @Nullable Ticket> lookup) {
        while (true) {
            Timed first = firstOrNull(timed);
            if (first == null || first.at().isAfter(now)) return;
            if (timed.remove(first)) {
                Ticket ticket = lookup.apply(first.id());
                if (ticket != null) ready.add(PageCursor.after(ticket));
            }
        }
    }

    /** The next ticket worth trying to claim: the oldest ready one (new, due for a retry, or with an expired lease). */
    @Nullable TicketId nextCandidate(Instant now) {
        PageCursor oldest = ready.pollFirst();
        return oldest == null ? null : oldest.id();
    }

    private static @Nullable Timed firstOrNull(ConcurrentSkipListSet<Timed> set) {
        try {
            return set.first();
        } catch (NoSuchElementException e) {   // emptied by another thread since we looked
            return null;
        }
    }

    /**
     * Whether a candidate may be claimed now. A NEW ticket whose retry time is still ahead (it failed after
     * this claim started) goes back to the delayed set, so taking it out of the ready set never loses it.
     */
    boolean isClaimable(Ticket ticket, @Nullable Lease lease, Instant now) {
        switch (ticket.processingState()) {
            case NEW:
                Instant notBefore = ticket.processing().retryAt().orElse(null);
                if (notBefore != null && notBefore.isAfter(now)) {
                    delayed.add(new Timed(notBefore, ticket.id()));
                    return false;
                }
                return true;
            case PROCESSING:
                return lease == null || !lease.expiresAt().isAfter(now);
            default:
                return false;
        }
    }

    /** Records that {@code next} replaced {@code previous} as the ticket's lease. */
    void leased(TicketId id, @Nullable Lease previous, Lease next) {
        if (previous != null) leaseExpiries.remove(new Timed(previous.expiresAt(), id));
        leaseExpiries.add(new Timed(next.expiresAt(), id));
    }

    static boolean holds(@Nullable Lease lease, String owner, Instant now) {
        return lease != null && lease.owner().equals(owner) && lease.expiresAt().isAfter(now);
    }
}
