package dev.tickettriage.memory;

import dev.tickettriage.port.Notification;
import dev.tickettriage.port.OutboxEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-memory outbox behind {@link InMemoryTicketRepository}: pending entries ordered by due time, leased
 * to dispatchers by moving their due time past the lease, with a bounded dead-letter list. Thread-safe.
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

    private record DueKey(Instant dueAt, long sequence) {
    }

    private static final class Slot {
        final OutboxEntry entry;
        DueKey key;
        int attempts;

        Slot(OutboxEntry entry, DueKey key) {
            this.entry = entry;
            this.key = key;
        }

        OutboxEntry snapshot() {
            return new OutboxEntry(entry.id(), entry.notification(), attempts, entry.createdAt());
        }
    }

    private final Clock clock;
    private final ConcurrentHashMap<UUID, Slot> slots = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<DueKey, UUID> due = new ConcurrentSkipListMap<>(
            Comparator.comparing(DueKey::dueAt).thenComparingLong(DueKey::sequence));
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentLinkedDeque<DeadLetter> deadLetters = new ConcurrentLinkedDeque<>();
    private final AtomicInteger deadLetterCount = new AtomicInteger();

    InMemoryOutbox(Clock clock) {
        this.clock = clock;
    }

    void add(Notification notification) {
        Instant now = clock.instant();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // a random (version 4) UUID without SecureRandom: ids need to be unique here, not unguessable
        UUID id = new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        DueKey key = new DueKey(now, sequence.getAndIncrement());
        slots.put(id, new Slot(new OutboxEntry(id, notification, 0, now), key));
        due.put(key, id);
    }

    List<OutboxEntry> claimDue(int limit, Duration leaseDuration) {
        Instant now = clock.instant();
        List<OutboxEntry> claimed = new ArrayList<>(Math.min(limit, 64));
        while (claimed.size() < limit) {
            Map.Entry<DueKey, UUID> first = due.firstEntry();
            if (first == null || first.getKey().dueAt().isAfter(now)) break;
            if (!due.remove(first.getKey(), first.getValue())) continue;   // another dispatcher took it
            slots.computeIfPresent(first.getValue(), (id, slot) -> {
                if (slot.key.equals(first.getKey())) {
                    // leased: due again only if the dispatcher never reports back
                    slot.key = new DueKey(now.plus(leaseDuration), sequence.getAndIncrement());
                    due.put(slot.key, id);
                    claimed.add(slot.snapshot());
                }
                return slot;
            });
        }
        return claimed;
    }

    void markDelivered(UUID entryId) {
        slots.computeIfPresent(Objects.requireNonNull(entryId, "entryId"), (id, slot) -> {
            due.remove(slot.key, id);
            return null;
        });
    }

    void markRetry(UUID entryId, Instant notBefore, String reason) {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(reason, "reason");
        slots.computeIfPresent(Objects.requireNonNull(entryId, "entryId"), (id, slot) -> {
            due.remove(slot.key, id);
            slot.attempts++;
            slot.key = new DueKey(notBefore, sequence.getAndIncrement());
            due.put(slot.key, id);
            return slot;
        });
    }

    void markFailed(UUID entryId, String reason) {
        Objects.requireNonNull(reason, "reason");
        slots.computeIfPresent(Objects.requireNonNull(entryId, "entryId"), (id, slot) -> {
            due.remove(slot.key, id);
            slot.attempts++;
            deadLetters.addLast(new DeadLetter(slot.snapshot(), reason, clock.instant()));
            if (deadLetterCount.incrementAndGet() > MAX_DEAD_LETTERS && deadLetters.pollFirst() != null) {
                deadLetterCount.decrementAndGet();
            }
            return null;
        });
    }

    long pendingCount() {
        return slots.size();
    }

    List<DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }
}
