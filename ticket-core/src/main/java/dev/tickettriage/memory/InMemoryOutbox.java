package dev.tickettriage.memory;

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
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The in-memory outbox behind {@link InMemoryTicketRepository}: pending entries ordered by due time, leased
 * to dispatchers, with a bounded dead-letter list. Shares the repository's lock so a ticket change and its
 * notifications are stored in one step.
 */
public final class InMemoryOutbox {

    /** How many given-up notifications are kept for inspection; older ones are dropped. */
    public static final int MAX_DEAD_LETTERS = 10_000;

    /** A notification given up on, with the reason of its last failure. */
    public record DeadLetter(OutboxEntry entry, String reason, Instant failedAt) {
        public DeadLetter {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(failedAt, "failedAt");
        }
    }

    private static final class Slot {
        final OutboxEntry entry;
        final long sequence;
        Instant dueAt;
        int attempts;

        Slot(OutboxEntry entry, long sequence, Instant dueAt) {
            this.entry = entry;
            this.sequence = sequence;
            this.dueAt = dueAt;
        }

        OutboxEntry snapshot() {
            return new OutboxEntry(entry.id(), entry.notification(), attempts, entry.createdAt());
        }
    }

    private final Object lock;
    private final Clock clock;
    private final Map<UUID, Slot> slots = new HashMap<>();
    private final TreeSet<Slot> byDue = new TreeSet<>(Comparator.<Slot, Instant>comparing(slot -> slot.dueAt)
            .thenComparingLong(slot -> slot.sequence));
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private long sequence;

    InMemoryOutbox(Object lock, Clock clock) {
        this.lock = lock;
        this.clock = clock;
    }

    /** Caller holds the lock. */
    void add(Notification notification) {
        Instant now = clock.instant();
        Slot slot = new Slot(new OutboxEntry(UUID.randomUUID(), notification, 0, now), sequence++, now);
        slots.put(slot.entry.id(), slot);
        byDue.add(slot);
    }

    List<OutboxEntry> claimDue(String owner, int limit, Duration leaseDuration) {
        Instant now = clock.instant();
        synchronized (lock) {
            List<OutboxEntry> claimed = new ArrayList<>(Math.min(limit, 64));
            while (claimed.size() < limit && !byDue.isEmpty() && !byDue.first().dueAt.isAfter(now)) {
                Slot slot = byDue.pollFirst();
                slot.dueAt = now.plus(leaseDuration);   // leased: due again only if the dispatcher never reports back
                byDue.add(slot);
                claimed.add(slot.snapshot());
            }
            return claimed;
        }
    }

    void markDelivered(UUID entryId) {
        synchronized (lock) {
            Slot slot = slots.remove(Objects.requireNonNull(entryId, "entryId"));
            if (slot != null) byDue.remove(slot);
        }
    }

    void markRetry(UUID entryId, Instant notBefore, String reason) {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(reason, "reason");
        synchronized (lock) {
            Slot slot = slots.get(Objects.requireNonNull(entryId, "entryId"));
            if (slot == null) return;
            byDue.remove(slot);
            slot.attempts++;
            slot.dueAt = notBefore;
            byDue.add(slot);
        }
    }

    void markFailed(UUID entryId, String reason) {
        Objects.requireNonNull(reason, "reason");
        synchronized (lock) {
            Slot slot = slots.remove(Objects.requireNonNull(entryId, "entryId"));
            if (slot == null) return;
            byDue.remove(slot);
            slot.attempts++;
            if (deadLetters.size() >= MAX_DEAD_LETTERS) deadLetters.remove(0);
            deadLetters.add(new DeadLetter(slot.snapshot(), reason, clock.instant()));
        }
    }

    long pendingCount() {
        synchronized (lock) {
            return slots.size();
        }
    }

    List<DeadLetter> deadLetters() {
        synchronized (lock) {
            return List.copyOf(deadLetters);
        }
    }
}
