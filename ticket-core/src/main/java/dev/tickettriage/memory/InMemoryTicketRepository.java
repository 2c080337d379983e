package dev.tickettriage.memory;

import dev.tickettriage.domain.IdempotencyKey;
import dev.tickettriage.domain.Processing;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.StaleTicketException;
import dev.tickettriage.error.TicketNotFoundException;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.NotificationOutbox;
import dev.tickettriage.port.OutboxEntry;
import dev.tickettriage.port.Page;
import dev.tickettriage.port.PageCursor;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.port.TicketRepository;
import dev.tickettriage.port.TicketStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default {@link TicketRepository} and {@link NotificationOutbox}: everything in the heap,
 * nothing survives the JVM. Right for tests, demos and single-process use; use the JDBC store to share work
 * between instances or to keep tickets across restarts.
 *
 * <p>Writes are serialised by one lock (an insert, update or claim takes well under a microsecond);
 * reads are lock-free. With {@link Builder#retainAtMost(int)} the oldest tickets that reached a terminal
 * state (PROCESSED or FAILED) are evicted, together with their audit trail and idempotency key, so a
 * long-running process keeps a bounded heap. Thread-safe.
 */
public final class InMemoryTicketRepository implements TicketRepository, NotificationOutbox {

    /** Default: keep everything. */
    public static final int DEFAULT_RETAIN_AT_MOST = Integer.MAX_VALUE;

    private final Clock clock;
    private final int retainAtMost;
    private final Object lock = new Object();
    private final ConcurrentHashMap<TicketId, Ticket> tickets = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<PageCursor, Ticket> byCreation = new ConcurrentSkipListMap<>(InMemoryTicketRepository::compareCursors);
    private final ConcurrentHashMap<IdempotencyKey, TicketId> idempotencyKeys = new ConcurrentHashMap<>();
    private final Map<TicketId, IdempotencyKey> keyOfTicket = new HashMap<>();
    private final ConcurrentHashMap<TicketId, List<AuditEntry>> audit = new ConcurrentHashMap<>();
    private final WorkQueue work = new WorkQueue();
    private final Deque<TicketId> terminalOrder = new ArrayDeque<>();
    private final InMemoryOutbox outbox;

    private InMemoryTicketRepository(Builder builder) {
        this.clock = builder.clock;
        this.retainAtMost = builder.retainAtMost;
        this.outbox = new InMemoryOutbox(lock, clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A repository with the system UTC clock that keeps every ticket. */
    public static InMemoryTicketRepository create() {
        return builder().build();
    }

    private static int compareCursors(PageCursor left, PageCursor right) {
        return left.compareTo(right.createdAt(), right.id());
    }

    @Override
    public InsertResult insert(Ticket ticket, @Nullable IdempotencyKey key) {
        Objects.requireNonNull(ticket, "ticket");
        if (ticket.version() != 0) {
            throw new IllegalArgumentException("a new ticket must have version 0, was " + ticket.version());
        }
        synchronized (lock) {
            if (key != null) {
                TicketId existing = idempotencyKeys.get(key);
                if (existing != null) {
                    Ticket stored = tickets.get(existing);
                    if (stored != null) return new InsertResult(stored, false);
                }
            }
            if (tickets.containsKey(ticket.id())) {
                throw new IllegalArgumentException("ticket " + ticket.id() + " already exists");
            }
            Ticket stored = ticket.toBuilder().version(1).build();
            store(null, stored);
            if (key != null) {
                idempotencyKeys.put(key, stored.id());
                keyOfTicket.put(stored.id(), key);
            }
            evictIfNeeded();
            return new InsertResult(stored, true);
        }
    }

    @Override
    public Optional<Ticket> findById(TicketId id) {
        return Optional.ofNullable(tickets.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public Ticket update(TicketChange change) {
        Objects.requireNonNull(change, "change");
        Ticket ticket = change.ticket();
        synchronized (lock) {
            Ticket current = tickets.get(ticket.id());
            if (current == null) throw new TicketNotFoundException(ticket.id());
            if (current.version() != ticket.version()) throw new StaleTicketException(ticket.id(), ticket.version());
            Ticket stored = ticket.toBuilder().version(current.version() + 1).build();
            store(current, stored);
            for (AuditEntry entry : change.auditEntries()) {
                audit.computeIfAbsent(entry.ticketId(), id -> Collections.synchronizedList(new ArrayList<>())).add(entry);
            }
            change.notifications().forEach(outbox::add);
            evictIfNeeded();
            return stored;
        }
    }

    /** Stores {@code next}, keeping the work queue and indexes in step with its processing state. Caller holds the lock. */
    private void store(@Nullable Ticket previous, Ticket next) {
        tickets.put(next.id(), next);
        byCreation.put(PageCursor.after(next), next);
        Processing processing = next.processing();
        if (processing.state() == ProcessingState.PROCESSING) {
            // still (or newly) in progress: keep a live lease; without one the ticket is claimable at once
            work.ensureLeased(next.id(), clock.instant());
        } else {
            work.remove(next.id());
            if (processing.state() == ProcessingState.NEW) {
                work.addWaiting(next, processing.retryAt().orElse(null));
            }
        }
        boolean wasTerminal = previous != null && previous.processingState().isTerminal();
        if (processing.state().isTerminal() && !wasTerminal) {
            terminalOrder.addLast(next.id());
        }
    }

    private void evictIfNeeded() {
        while (tickets.size() > retainAtMost && !terminalOrder.isEmpty()) {
            TicketId oldest = terminalOrder.pollFirst();
            Ticket ticket = tickets.get(oldest);
            if (ticket == null || !ticket.processingState().isTerminal()) continue;   // re-queued since
            tickets.remove(oldest);
            byCreation.remove(PageCursor.after(ticket));
            audit.remove(oldest);
            IdempotencyKey key = keyOfTicket.remove(oldest);
            if (key != null) idempotencyKeys.remove(key);
        }
    }

    @Override
    public Page<Ticket> query(TicketQuery query) {
        Objects.requireNonNull(query, "query");
        NavigableMap<PageCursor, Ticket> view = query.newestFirst() ? byCreation.descendingMap() : byCreation;
        if (query.after().isPresent()) view = view.tailMap(query.after().get(), false);
        List<Ticket> page = new ArrayList<>(Math.min(query.limit(), 64));
        Iterator<Ticket> iterator = view.values().iterator();
        while (iterator.hasNext() && page.size() < query.limit()) {
            Ticket ticket = iterator.next();
            if (query.matches(ticket)) page.add(ticket);
        }
        boolean more = false;
        while (iterator.hasNext()) {
            if (query.matches(iterator.next())) {
                more = true;
                break;
            }
        }
        PageCursor next = more ? PageCursor.after(page.get(page.size() - 1)) : null;
        return Page.of(page, next);
    }

    @Override
    public TicketStats stats(TicketQuery query) {
        Objects.requireNonNull(query, "query");
        StatsCounter counter = new StatsCounter();
        for (Ticket ticket : tickets.values()) {
            if (query.matches(ticket)) counter.add(ticket);
        }
        return counter.toStats();
    }

    @Override
    public List<AuditEntry> auditTrail(TicketId id) {
        List<AuditEntry> entries = audit.get(Objects.requireNonNull(id, "id"));
        if (entries == null) return List.of();
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    @Override
    public List<Ticket> claim(String owner, int limit, Duration leaseDuration) {
        Objects.requireNonNull(owner, "owner");
        requirePositive(limit, leaseDuration);
        Instant now = clock.instant();
        synchronized (lock) {
            List<TicketId> ids = work.takeClaimable(now, limit);
            List<Ticket> claimed = new ArrayList<>(ids.size());
            for (TicketId id : ids) {
                Ticket current = tickets.get(id);
                if (current == null) continue;
                Ticket leased = current.toBuilder().version(current.version() + 1)
                        .processing(current.processing().withState(ProcessingState.PROCESSING)).updatedAt(now).build();
                tickets.put(id, leased);
                byCreation.put(PageCursor.after(leased), leased);
                work.lease(id, owner, now.plus(leaseDuration));
                claimed.add(leased);
            }
            return claimed;
        }
    }

    @Override
    public boolean extendLease(TicketId id, String owner, Duration leaseDuration) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        requirePositive(1, leaseDuration);
        Instant now = clock.instant();
        synchronized (lock) {
            return work.extend(id, owner, now, now.plus(leaseDuration));
        }
    }

    @Override
    public boolean release(TicketId id, String owner) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Instant now = clock.instant();
        synchronized (lock) {
            Ticket current = tickets.get(id);
            if (current == null || current.processingState() != ProcessingState.PROCESSING || !work.holds(id, owner, now)) {
                return false;
            }
            Ticket released = current.toBuilder().version(current.version() + 1)
                    .processing(current.processing().withState(ProcessingState.NEW)).updatedAt(now).build();
            store(current, released);
            return true;
        }
    }

    @Override
    public List<OutboxEntry> claimDue(String owner, int limit, Duration leaseDuration) {
        Objects.requireNonNull(owner, "owner");
        requirePositive(limit, leaseDuration);
        return outbox.claimDue(owner, limit, leaseDuration);
    }

    @Override
    public void markDelivered(UUID entryId) {
        outbox.markDelivered(entryId);
    }

    @Override
    public void markRetry(UUID entryId, Instant notBefore, String reason) {
        outbox.markRetry(entryId, notBefore, reason);
    }

    @Override
    public void markFailed(UUID entryId, String reason) {
        outbox.markFailed(entryId, reason);
    }

    @Override
    public long pendingCount() {
        return outbox.pendingCount();
    }

    /** Notifications given up on (dead letters), oldest first, with their last failure reason. */
    public List<InMemoryOutbox.DeadLetter> deadLetters() {
        return outbox.deadLetters();
    }

    /** How many tickets are stored now. */
    public int size() {
        return tickets.size();
    }

    private static void requirePositive(int limit, Duration leaseDuration) {
        if (limit < 1) throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        if (leaseDuration.isNegative() || leaseDuration.isZero()) {
            throw new IllegalArgumentException("leaseDuration must be positive, was " + leaseDuration);
        }
    }

    @Override
    public String toString() {
        return "InMemoryTicketRepository[tickets=" + tickets.size() + ", retainAtMost=" + retainAtMost + "]";
    }

    /** Builds an {@link InMemoryTicketRepository}; not thread-safe. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private int retainAtMost = DEFAULT_RETAIN_AT_MOST;

        private Builder() {
        }

        /** The clock for timestamps and leases; default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Keep at most this many tickets by evicting the oldest PROCESSED or FAILED ones (with their audit
         * trail and idempotency key). Tickets still being worked on are never evicted. Default: keep all.
         */
        public Builder retainAtMost(int maxTickets) {
            if (maxTickets < 1) throw new IllegalArgumentException("retainAtMost must be >= 1, was " + maxTickets);
            this.retainAtMost = maxTickets;
            return this;
        }

        public InMemoryTicketRepository build() {
            return new InMemoryTicketRepository(this);
        }
    }
}
