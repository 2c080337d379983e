package dev.tickettriage.memory;

import dev.tickettriage.domain.IdempotencyKey;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.StaleTicketException;
import dev.tickettriage.error.TicketNotFoundException;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.CustomerKey;
import dev.tickettriage.port.ErasureReport;
import dev.tickettriage.port.DeadLetter;
import dev.tickettriage.port.FieldStats;
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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default {@link TicketRepository} and {@link NotificationOutbox}: everything in the heap,
 * nothing survives the JVM. Right for tests, demos and single-process use; use the JDBC store to share work
 * between instances or to keep tickets across restarts.
 *
 * <p>Lock-free between tickets: each ticket's changes are serialised on its own map entry, so submitters and
 * workers rarely wait for each other. A ticket change and the notifications it triggers are applied together
 * (the outbox entries become visible right after the ticket). With {@link Builder#retainAtMost(int)} the
 * oldest tickets that reached a terminal state (PROCESSED or FAILED) are evicted, with their audit trail and
 * idempotency key, so a long-running process keeps a bounded heap. Thread-safe.
 */
public final class InMemoryTicketRepository implements TicketRepository, NotificationOutbox {

    /** Default: keep everything. */
    public static final int DEFAULT_RETAIN_AT_MOST = Integer.MAX_VALUE;
    /** How many dead letters are kept; beyond that the oldest is dropped, so the heap stays bounded. */
    public static final int MAX_DEAD_LETTERS = InMemoryOutbox.MAX_DEAD_LETTERS;

    private final Clock clock;
    private final int retainAtMost;
    /** A stored ticket with its live lease (if claimed) and its audit trail; replaced whole on every change. */
    private record Entry(Ticket ticket, WorkQueue.@Nullable Lease lease, List<AuditEntry> audit) {
        Entry with(Ticket next) {
            return new Entry(next, lease, audit);
        }
    }

    private final ConcurrentHashMap<TicketId, Entry> tickets = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<PageCursor, TicketId> byCreation = new ConcurrentSkipListMap<>(InMemoryTicketRepository::compare);
    private final ConcurrentHashMap<IdempotencyKey, TicketId> idempotencyKeys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<TicketId, IdempotencyKey> keyOfTicket = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<TicketId> terminalOrder = new ConcurrentLinkedQueue<>();
    private final WorkQueue work = new WorkQueue();
    private final InMemoryOutbox outbox;
    /** The audit entries recording erasures, kept after the tickets are gone. */
    private final ConcurrentHashMap<TicketId, List<AuditEntry>> erasureRecords = new ConcurrentHashMap<>();
    private final Object removals = new Object();

    private InMemoryTicketRepository(Builder builder) {
        this.clock = builder.clock;
        this.retainAtMost = builder.retainAtMost;
        this.outbox = new InMemoryOutbox(clock);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A repository with the system UTC clock that keeps every ticket. */
    public static InMemoryTicketRepository create() {
        return builder().build();
    }

    private static int compare(PageCursor left, PageCursor right) {
        return left.compareTo(right.createdAt(), right.id());
    }

    @Override
    public InsertResult insert(Ticket ticket, @Nullable IdempotencyKey key) {
        Objects.requireNonNull(ticket, "ticket");
        if (ticket.version() != 0) {
            throw new IllegalArgumentException("a new ticket must have version 0, was " + ticket.version());
        }
        if (key != null) {
            Optional<Ticket> existing = findByKey(key);
            if (existing.isPresent()) return new InsertResult(existing.get(), false);
        }
        Ticket stored = ticket.toBuilder().version(1).build();
        if (tickets.putIfAbsent(stored.id(), new Entry(stored, null, List.of())) != null) {
            throw new IllegalArgumentException("ticket " + stored.id() + " already exists");
        }
        if (key != null) {
            TicketId winner = idempotencyKeys.putIfAbsent(key, stored.id());
            if (winner != null) {   // another insert with the same key got there first: undo ours, return theirs
                tickets.remove(stored.id());
                return new InsertResult(tickets.get(winner).ticket(), false);
            }
            keyOfTicket.put(stored.id(), key);
        }
        byCreation.put(PageCursor.after(stored), stored.id());
        tickets.computeIfPresent(stored.id(), (id, entry) -> {
            work.onStored(entry.ticket(), null, null, clock.instant());
            return entry;
        });
        evictIfNeeded();
        return new InsertResult(stored, true);
    }

    private Optional<Ticket> findByKey(IdempotencyKey key) {
        TicketId id = idempotencyKeys.get(key);
        return id == null ? Optional.empty() : findById(id);
    }

    @Override
    public Optional<Ticket> findById(TicketId id) {
        Entry entry = tickets.get(Objects.requireNonNull(id, "id"));
        return entry == null ? Optional.empty() : Optional.of(entry.ticket());
    }

    @Override
    public Ticket update(TicketChange change) {
        Objects.requireNonNull(change, "change");
        Ticket ticket = change.ticket();
        Entry updated = tickets.compute(ticket.id(), (id, current) -> {
            if (current == null) throw new TicketNotFoundException(id);
            Ticket previous = current.ticket();
            if (previous.version() != ticket.version()) throw new StaleTicketException(id, ticket.version());
            Ticket next = ticket.toBuilder().version(previous.version() + 1).build();
            WorkQueue.Lease lease = work.onStored(next, previous, current.lease(), clock.instant());
            if (next.processingState().isTerminal() && !previous.processingState().isTerminal()) terminalOrder.add(id);
            change.notifications().forEach(outbox::add);
            return new Entry(next, lease, appended(current.audit(), change.auditEntries()));
        });
        evictIfNeeded();
        return updated.ticket();
    }

    private static List<AuditEntry> appended(List<AuditEntry> trail, List<AuditEntry> more) {
        if (more.isEmpty()) return trail;
        List<AuditEntry> all = new ArrayList<>(trail.size() + more.size());
        all.addAll(trail);
        all.addAll(more);
        return List.copyOf(all);
    }

    private void evictIfNeeded() {
        if (retainAtMost == Integer.MAX_VALUE) return;
        while (tickets.size() > retainAtMost) {
            TicketId oldest = terminalOrder.poll();
            if (oldest == null) return;
            Ticket[] evicted = new Ticket[1];
            tickets.computeIfPresent(oldest, (id, current) -> {
                if (!current.ticket().processingState().isTerminal()) return current;   // re-queued since it finished
                evicted[0] = current.ticket();
                return null;
            });
            if (evicted[0] == null) continue;
            byCreation.remove(PageCursor.after(evicted[0]));
            IdempotencyKey key = keyOfTicket.remove(oldest);
            if (key != null) idempotencyKeys.remove(key, oldest);
        }
    }

    @Override
    public Page<Ticket> query(TicketQuery query) {
        Objects.requireNonNull(query, "query");
        NavigableMap<PageCursor, TicketId> view = query.newestFirst() ? byCreation.descendingMap() : byCreation;
        if (query.after().isPresent()) view = view.tailMap(query.after().get(), false);
        List<Ticket> page = new ArrayList<>(Math.min(query.limit(), 64));
        Iterator<TicketId> iterator = view.values().iterator();
        boolean more = false;
        while (iterator.hasNext()) {
            Entry entry = tickets.get(iterator.next());
            if (entry == null || !query.matches(entry.ticket())) continue;
            if (page.size() == query.limit()) {
                more = true;
                break;
            }
            page.add(entry.ticket());
        }
        return Page.of(page, more ? PageCursor.after(page.get(page.size() - 1)) : null);
    }

    @Override
    public TicketStats stats(TicketQuery query) {
        Objects.requireNonNull(query, "query");
        StatsCounter counter = new StatsCounter();
        for (Entry entry : tickets.values()) {
            if (query.matches(entry.ticket())) counter.add(entry.ticket());
        }
        return counter.toStats();
    }

    @Override
    public FieldStats fieldStats(TicketQuery query, String field) {
        Objects.requireNonNull(query, "query");
        FieldStats.Counter counter = FieldStats.counter(field);
        for (Entry entry : tickets.values()) {
            if (query.matches(entry.ticket())) counter.add(entry.ticket());
        }
        return counter.build();
    }

    @Override
    public List<AuditEntry> auditTrail(TicketId id) {
        Entry entry = tickets.get(Objects.requireNonNull(id, "id"));
        return entry == null ? erasureRecords.getOrDefault(id, List.of()) : entry.audit();
    }

    @Override
    public ErasureReport eraseCustomer(CustomerKey customer, String actor) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(actor, "actor");
        synchronized (removals) {
            Instant now = clock.instant();
            long erased = 0;
            long audit = 0;
            long notifications = 0;
            for (Entry candidate : List.copyOf(tickets.values())) {
                if (!customer.matches(candidate.ticket().customer())) continue;
                Entry removed = remove(candidate.ticket().id());
                if (removed == null) continue;
                TicketId id = removed.ticket().id();
                erased++;
                audit += removed.audit().size();
                notifications += outbox.removeForTicket(id);
                erasureRecords.put(id, List.of(new AuditEntry(id, now, actor, "customer-erased",
                        "the ticket and everything stored about its customer were erased on request")));
            }
            return new ErasureReport(erased, audit, notifications);
        }
    }

    @Override
    public int purgeFinished(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (limit < 1) throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        synchronized (removals) {
            List<Ticket> due = new ArrayList<>();
            for (Entry entry : tickets.values()) {
                Ticket ticket = entry.ticket();
                if (isFinished(ticket) && ticket.updatedAt().isBefore(cutoff)) due.add(ticket);
            }
            due.sort(java.util.Comparator.comparing(Ticket::updatedAt).thenComparing(Ticket::id));
            int purged = 0;
            for (Ticket ticket : due.subList(0, Math.min(limit, due.size()))) {
                if (remove(ticket.id()) == null) continue;
                outbox.removeForTicket(ticket.id());
                erasureRecords.remove(ticket.id());
                purged++;
            }
            return purged;
        }
    }

    private static boolean isFinished(Ticket ticket) {
        return ticket.processingState().isTerminal()
                && (ticket.status() == dev.tickettriage.domain.SupportStatus.RESOLVED
                || ticket.status() == dev.tickettriage.domain.SupportStatus.CLOSED);
    }

    /** Removes a ticket with its audit trail and idempotency key; returns the removed entry, if there was one. */
    private @Nullable Entry remove(TicketId id) {
        Entry removed = tickets.remove(id);
        if (removed == null) return null;
        byCreation.remove(PageCursor.after(removed.ticket()));
        IdempotencyKey key = keyOfTicket.remove(id);
        if (key != null) idempotencyKeys.remove(key, id);
        return removed;
    }

    @Override
    public List<Ticket> claim(String owner, int limit, Duration leaseDuration) {
        Objects.requireNonNull(owner, "owner");
        requirePositive(limit, leaseDuration);
        Instant now = clock.instant();
        WorkQueue.Lease lease = new WorkQueue.Lease(owner, now.plus(leaseDuration));
        List<Ticket> claimed = new ArrayList<>(Math.min(limit, 256));
        work.promoteDue(now, id -> {
            Entry entry = tickets.get(id);
            return entry == null ? null : entry.ticket();
        });
        while (claimed.size() < limit) {
            TicketId candidate = work.nextCandidate(now);
            if (candidate == null) break;
            tickets.computeIfPresent(candidate, (id, current) -> {
                if (!work.isClaimable(current.ticket(), current.lease(), now)) return current;
                Ticket next = current.ticket().toBuilder().version(current.ticket().version() + 1)
                        .processing(current.ticket().processing().withState(ProcessingState.PROCESSING)).updatedAt(now).build();
                work.leased(id, current.lease(), lease);
                claimed.add(next);
                return new Entry(next, lease, current.audit());
            });
        }
        return claimed;
    }

    @Override
    public boolean extendLease(TicketId id, String owner, Duration leaseDuration) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        requirePositive(1, leaseDuration);
        Instant now = clock.instant();
        boolean[] extended = new boolean[1];
        tickets.computeIfPresent(id, (key, current) -> {
            if (current.ticket().processingState() != ProcessingState.PROCESSING || !WorkQueue.holds(current.lease(), owner, now)) {
                return current;
            }
            WorkQueue.Lease longer = new WorkQueue.Lease(owner, now.plus(leaseDuration));
            work.leased(key, current.lease(), longer);
            extended[0] = true;
            return new Entry(current.ticket(), longer, current.audit());
        });
        return extended[0];
    }

    @Override
    public boolean release(TicketId id, String owner) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Instant now = clock.instant();
        boolean[] released = new boolean[1];
        tickets.computeIfPresent(id, (key, current) -> {
            Ticket ticket = current.ticket();
            if (ticket.processingState() != ProcessingState.PROCESSING || !WorkQueue.holds(current.lease(), owner, now)) {
                return current;
            }
            Ticket next = ticket.toBuilder().version(ticket.version() + 1)
                    .processing(ticket.processing().withState(ProcessingState.NEW)).updatedAt(now).build();
            WorkQueue.Lease lease = work.onStored(next, ticket, current.lease(), now);
            released[0] = true;
            return new Entry(next, lease, current.audit());
        });
        return released[0];
    }

    /** This repository is its own outbox. */
    @Override
    public NotificationOutbox outbox() {
        return this;
    }

    @Override
    public List<OutboxEntry> claimDue(String owner, int limit, Duration leaseDuration) {
        Objects.requireNonNull(owner, "owner");
        requirePositive(limit, leaseDuration);
        return outbox.claimDue(owner, limit, leaseDuration);
    }

    @Override
    public boolean extendLease(UUID id, String owner, Duration leaseDuration) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        requirePositive(1, leaseDuration);
        return outbox.extendLease(id, owner, leaseDuration);
    }

    @Override
    public boolean markDelivered(UUID id, String owner) {
        return outbox.markDelivered(Objects.requireNonNull(id, "id"), Objects.requireNonNull(owner, "owner"));
    }

    @Override
    public boolean markRetry(UUID id, String owner, Instant notBefore, String reason) {
        return outbox.markRetry(Objects.requireNonNull(id, "id"), Objects.requireNonNull(owner, "owner"),
                Objects.requireNonNull(notBefore, "notBefore"), Objects.requireNonNull(reason, "reason"));
    }

    @Override
    public boolean defer(UUID id, String owner, Instant until, String reason) {
        return outbox.defer(Objects.requireNonNull(id, "id"), Objects.requireNonNull(owner, "owner"),
                Objects.requireNonNull(until, "until"), Objects.requireNonNull(reason, "reason"));
    }

    @Override
    public boolean markFailed(UUID id, String owner, String reason) {
        return outbox.markFailed(Objects.requireNonNull(id, "id"), Objects.requireNonNull(owner, "owner"),
                Objects.requireNonNull(reason, "reason"));
    }

    @Override
    public long pendingCount() {
        return outbox.pendingCount();
    }

    @Override
    public long deferredCount() {
        return outbox.deferredCount();
    }

    /** {@inheritDoc} The in-memory store keeps at most {@value #MAX_DEAD_LETTERS}; the oldest are dropped beyond that. */
    @Override
    public List<DeadLetter> deadLetters(int limit) {
        InMemoryOutbox.requireLimit(limit);
        return outbox.deadLetters(limit);
    }

    @Override
    public List<DeadLetter> deadLettersAfter(DeadLetter after, int limit) {
        Objects.requireNonNull(after, "after");
        InMemoryOutbox.requireLimit(limit);
        return outbox.deadLettersAfter(after, limit);
    }

    @Override
    public Optional<DeadLetter> deadLetter(UUID id) {
        return outbox.deadLetter(Objects.requireNonNull(id, "id"));
    }

    @Override
    public boolean requeueDeadLetter(UUID id) {
        return outbox.requeueDeadLetter(Objects.requireNonNull(id, "id"));
    }

    @Override
    public int requeueAllDeadLetters() {
        return outbox.requeueAllDeadLetters();
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
