package dev.tickettriage.memory;

import dev.tickettriage.port.DeadLetter;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory outbox behind {@link InMemoryTicketRepository}. Pending entries sit in one of two ordered sets:
 * {@code waiting} (by due time: queued for later, retries, deferrals, live leases) and {@code ready} (by
 * createdAt: claimable now). A claim first moves what has come due from waiting to ready, then takes the oldest
 * ready entries and parks them in waiting until their lease expires. Dead letters are kept in failedAt order,
 * at most {@link #MAX_DEAD_LETTERS}. Every operation is short and runs under this object's lock. Thread-safe.
 */
final class InMemoryOutbox {

    /** How many dead letters are kept; the oldest is dropped beyond that (the heap stays bounded). */
    static final int MAX_DEAD_LETTERS = 10_000;

    private static final Comparator<Slot> BY_DUE = Comparator.comparing((Slot slot) -> slot.dueAt).thenComparingLong(slot -> slot.sequence);
    private static final Comparator<Slot> BY_AGE = Comparator.comparing((Slot slot) -> slot.createdAt).thenComparingLong(slot -> slot.sequence);
    private static final Comparator<Slot> BY_FAILURE = Comparator.comparing((Slot slot) -> slot.failedAt).thenComparing(slot -> slot.id);

    /** One entry; its sort keys change only while it is out of the ordered sets. */
    private static final class Slot {
        final UUID id;
        final Notification notification;
        final Instant createdAt;
        final long sequence;
        int attempts;
        boolean dead;
        Instant dueAt;
        @Nullable String owner;
        @Nullable Instant leaseExpiresAt;
        String lastError = "";
        Instant failedAt = Instant.EPOCH;

        Slot(UUID id, Notification notification, Instant createdAt, long sequence) {
            this.id = id;
            this.notification = notification;
            this.createdAt = createdAt;
            this.sequence = sequence;
            this.dueAt = createdAt;
        }

        boolean claimedBy(String candidate) {
            return !dead && candidate.equals(owner);
        }

        DeadLetter deadLetter() {
            return new DeadLetter(id, notification, attempts, lastError, failedAt);
        }
    }

    private final Clock clock;
    private final Map<UUID, Slot> slots = new HashMap<>();
    private final TreeSet<Slot> waiting = new TreeSet<>(BY_DUE);
    private final TreeSet<Slot> ready = new TreeSet<>(BY_AGE);
    /** Deferred and not yet due; pruned as their time comes. */
    private final TreeSet<Slot> deferred = new TreeSet<>(BY_DUE);
    private final TreeSet<Slot> dead = new TreeSet<>(BY_FAILURE);
    private long sequence;
    private long pending;

    InMemoryOutbox(Clock clock) {
        this.clock = clock;
    }

    synchronized void add(Notification notification) {
        Instant now = clock.instant();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // a random (version 4) UUID without SecureRandom: ids need to be unique here, not unguessable
        UUID id = new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        Slot slot = new Slot(id, notification, now, sequence++);
        slots.put(id, slot);
        pending++;
        ready.add(slot);
    }

    synchronized List<OutboxEntry> claimDue(String owner, int limit, Duration leaseDuration) {
        Instant now = clock.instant();
        promoteDue(now);
        Instant expiresAt = now.plus(leaseDuration);
        List<OutboxEntry> claimed = new ArrayList<>(Math.min(limit, 64));
        while (claimed.size() < limit && !ready.isEmpty()) {
            Slot slot = ready.pollFirst();
            slot.owner = owner;
            slot.leaseExpiresAt = expiresAt;
            slot.dueAt = expiresAt;
            waiting.add(slot);
            claimed.add(new OutboxEntry(slot.id, slot.notification, slot.attempts, slot.createdAt, owner, expiresAt));
        }
        return claimed;
    }

    private void promoteDue(Instant now) {
        while (!waiting.isEmpty() && !waiting.first().dueAt.isAfter(now)) {
            Slot slot = waiting.pollFirst();
            deferred.remove(slot);
            ready.add(slot);
        }
    }

    synchronized boolean extendLease(UUID id, String owner, Duration leaseDuration) {
        Slot slot = slots.get(id);
        if (slot == null || !slot.claimedBy(owner)) return false;
        unlink(slot);
        slot.leaseExpiresAt = clock.instant().plus(leaseDuration);
        slot.dueAt = slot.leaseExpiresAt;
        waiting.add(slot);
        return true;
    }

    synchronized boolean markDelivered(UUID id, String owner) {
        Slot slot = slots.get(id);
        if (slot == null || !slot.claimedBy(owner)) return false;
        unlink(slot);
        slots.remove(id);
        pending--;
        return true;
    }

    synchronized boolean markRetry(UUID id, String owner, Instant notBefore, String reason) {
        Slot slot = slots.get(id);
        if (slot == null || !slot.claimedBy(owner)) return false;
        unlink(slot);
        slot.attempts++;
        slot.lastError = reason;
        schedule(slot, notBefore, false);
        return true;
    }

    synchronized boolean defer(UUID id, String owner, Instant until, String reason) {
        Slot slot = slots.get(id);
        if (slot == null || !slot.claimedBy(owner)) return false;
        unlink(slot);
        schedule(slot, until, true);
        return true;
    }

    /** Releases the claim and queues the entry for {@code at}. */
    private void schedule(Slot slot, Instant at, boolean isDeferral) {
        slot.owner = null;
        slot.leaseExpiresAt = null;
        slot.dueAt = at;
        waiting.add(slot);
        if (isDeferral && at.isAfter(clock.instant())) deferred.add(slot);
    }

    synchronized boolean markFailed(UUID id, String owner, String reason) {
        Slot slot = slots.get(id);
        if (slot == null || !slot.claimedBy(owner)) return false;
        unlink(slot);
        pending--;
        slot.attempts++;
        slot.lastError = reason;
        slot.owner = null;
        slot.leaseExpiresAt = null;
        slot.dead = true;
        slot.failedAt = clock.instant();
        dead.add(slot);
        while (dead.size() > MAX_DEAD_LETTERS) slots.remove(dead.pollFirst().id);
        return true;
    }

    /** Removes every entry (pending or dead) of {@code ticketId}; returns how many (erasure and retention). */
    synchronized long removeForTicket(dev.tickettriage.domain.TicketId ticketId) {
        long removed = 0;
        for (java.util.Iterator<Slot> it = slots.values().iterator(); it.hasNext(); ) {
            Slot slot = it.next();
            if (!slot.notification.ticketId().equals(ticketId)) continue;
            if (slot.dead) {
                dead.remove(slot);
            } else {
                unlink(slot);
                pending--;
            }
            it.remove();
            removed++;
        }
        return removed;
    }

    /** Takes a pending slot out of the ordered sets before its keys change. */
    private void unlink(Slot slot) {
        if (!waiting.remove(slot)) ready.remove(slot);
        deferred.remove(slot);
    }

    synchronized long pendingCount() {
        return pending - deferredCount();
    }

    synchronized long deferredCount() {
        Instant now = clock.instant();
        while (!deferred.isEmpty() && !deferred.first().dueAt.isAfter(now)) deferred.pollFirst();
        return deferred.size();
    }

    synchronized List<DeadLetter> deadLetters(int limit) {
        return page(dead, limit);
    }

    synchronized List<DeadLetter> deadLettersAfter(DeadLetter after, int limit) {
        Slot probe = new Slot(after.id(), after.notification(), Instant.EPOCH, 0);
        probe.failedAt = after.failedAt();
        return page(dead.tailSet(probe, false), limit);
    }

    private static List<DeadLetter> page(Iterable<Slot> slots, int limit) {
        List<DeadLetter> page = new ArrayList<>(Math.min(limit, 64));
        for (Slot slot : slots) {
            if (page.size() == limit) break;
            page.add(slot.deadLetter());
        }
        return page;
    }

    synchronized Optional<DeadLetter> deadLetter(UUID id) {
        Slot slot = slots.get(id);
        return slot != null && slot.dead ? Optional.of(slot.deadLetter()) : Optional.empty();
    }

    synchronized boolean requeueDeadLetter(UUID id) {
        Slot slot = slots.get(id);
        if (slot == null || !slot.dead) return false;
        revive(slot);
        return true;
    }

    synchronized int requeueAllDeadLetters() {
        List<Slot> all = new ArrayList<>(dead);
        all.forEach(this::revive);
        return all.size();
    }

    private void revive(Slot slot) {
        dead.remove(slot);
        slot.dead = false;
        slot.attempts = 0;
        pending++;
        schedule(slot, clock.instant(), false);
    }

    static void requireLimit(int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be >= 1, was " + limit);
    }
}
