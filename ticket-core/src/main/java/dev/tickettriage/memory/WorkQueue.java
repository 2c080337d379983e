package dev.tickettriage.memory;

import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.PageCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Which tickets are claimable and who holds which lease. Not thread-safe: the repository calls it under its lock.
 */
final class WorkQueue {

    private record Timed(Instant at, TicketId id) {
    }

    private record Lease(String owner, Instant expiresAt) {
    }

    private static final Comparator<Timed> BY_TIME = Comparator.comparing(Timed::at).thenComparing(Timed::id);

    private final TreeSet<PageCursor> ready = new TreeSet<>((a, b) -> a.compareTo(b.createdAt(), b.id()));
    private final Map<TicketId, PageCursor> readyKeys = new HashMap<>();
    private final TreeSet<Timed> delayed = new TreeSet<>(BY_TIME);
    private final Map<TicketId, Timed> delayedKeys = new HashMap<>();
    private final TreeSet<Timed> leaseExpiries = new TreeSet<>(BY_TIME);
    private final Map<TicketId, Lease> leases = new HashMap<>();
    private final Map<TicketId, PageCursor> creationOfDelayed = new HashMap<>();

    void addWaiting(Ticket ticket, @Nullable Instant notBefore) {
        PageCursor key = PageCursor.after(ticket);
        if (notBefore == null) {
            ready.add(key);
            readyKeys.put(ticket.id(), key);
        } else {
            Timed timed = new Timed(notBefore, ticket.id());
            delayed.add(timed);
            delayedKeys.put(ticket.id(), timed);
            creationOfDelayed.put(ticket.id(), key);
        }
    }

    void remove(TicketId id) {
        PageCursor readyKey = readyKeys.remove(id);
        if (readyKey != null) ready.remove(readyKey);
        Timed timed = delayedKeys.remove(id);
        if (timed != null) {
            delayed.remove(timed);
            creationOfDelayed.remove(id);
        }
        Lease lease = leases.remove(id);
        if (lease != null) leaseExpiries.remove(new Timed(lease.expiresAt(), id));
    }

    /** Expired leases first (oldest expiry first), then waiting tickets oldest first; removes what it returns. */
    List<TicketId> takeClaimable(Instant now, int limit) {
        promoteDue(now);
        List<TicketId> result = new ArrayList<>(Math.min(limit, 256));
        Iterator<Timed> expired = leaseExpiries.iterator();
        while (result.size() < limit && expired.hasNext()) {
            Timed timed = expired.next();
            if (timed.at().isAfter(now)) break;
            expired.remove();
            leases.remove(timed.id());
            result.add(timed.id());
        }
        while (result.size() < limit && !ready.isEmpty()) {
            PageCursor key = ready.pollFirst();
            readyKeys.remove(key.id());
            result.add(key.id());
        }
        return result;
    }

    private void promoteDue(Instant now) {
        while (!delayed.isEmpty() && !delayed.first().at().isAfter(now)) {
            Timed due = delayed.pollFirst();
            delayedKeys.remove(due.id());
            PageCursor key = creationOfDelayed.remove(due.id());
            ready.add(key);
            readyKeys.put(due.id(), key);
        }
    }

    void lease(TicketId id, String owner, Instant expiresAt) {
        Lease previous = leases.put(id, new Lease(owner, expiresAt));
        if (previous != null) leaseExpiries.remove(new Timed(previous.expiresAt(), id));
        leaseExpiries.add(new Timed(expiresAt, id));
    }

    /** Gives a lease-less PROCESSING ticket an already-expired lease, so it is claimable. */
    void ensureLeased(TicketId id, Instant now) {
        if (!leases.containsKey(id)) {
            remove(id);
            lease(id, "", now);
        }
    }

    boolean holds(TicketId id, String owner, Instant now) {
        Lease lease = leases.get(id);
        return lease != null && lease.owner().equals(owner) && lease.expiresAt().isAfter(now);
    }

    boolean extend(TicketId id, String owner, Instant now, Instant newExpiry) {
        if (!holds(id, owner, now)) return false;
        lease(id, owner, newExpiry);
        return true;
    }
}
