package dev.tickettriage.pipeline;

import dev.tickettriage.domain.IdempotencyKey;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.DeadLetter;
import dev.tickettriage.port.NotificationOutbox;
import dev.tickettriage.port.OutboxEntry;
import dev.tickettriage.port.Page;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.port.TicketRepository;
import dev.tickettriage.port.TicketStats;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** A repository that delegates everything and counts successful outbox lease extensions (heartbeats). */
final class ObservedRepository implements TicketRepository, NotificationOutbox {

    private final TicketRepository delegate;
    private final AtomicInteger leaseExtensions = new AtomicInteger();

    ObservedRepository(TicketRepository delegate) {
        this.delegate = delegate;
    }

    int leaseExtensions() {
        return leaseExtensions.get();
    }

    private NotificationOutbox out() {
        return delegate.outbox();
    }

    @Override public InsertResult insert(Ticket ticket, @Nullable IdempotencyKey key) { return delegate.insert(ticket, key); }
    @Override public Optional<Ticket> findById(TicketId id) { return delegate.findById(id); }
    @Override public Ticket update(TicketChange change) { return delegate.update(change); }
    @Override public Page<Ticket> query(TicketQuery query) { return delegate.query(query); }
    @Override public TicketStats stats(TicketQuery query) { return delegate.stats(query); }
    @Override public List<AuditEntry> auditTrail(TicketId id) { return delegate.auditTrail(id); }
    @Override public List<Ticket> claim(String owner, int limit, Duration lease) { return delegate.claim(owner, limit, lease); }
    @Override public boolean extendLease(TicketId id, String owner, Duration lease) { return delegate.extendLease(id, owner, lease); }
    @Override public boolean release(TicketId id, String owner) { return delegate.release(id, owner); }
    @Override public NotificationOutbox outbox() { return this; }

    @Override public List<OutboxEntry> claimDue(String owner, int limit, Duration lease) { return out().claimDue(owner, limit, lease); }

    @Override
    public boolean extendLease(UUID id, String owner, Duration lease) {
        boolean extended = out().extendLease(id, owner, lease);
        if (extended) leaseExtensions.incrementAndGet();
        return extended;
    }

    @Override public boolean markDelivered(UUID id, String owner) { return out().markDelivered(id, owner); }
    @Override public boolean markRetry(UUID id, String owner, Instant notBefore, String reason) { return out().markRetry(id, owner, notBefore, reason); }
    @Override public boolean defer(UUID id, String owner, Instant until, String reason) { return out().defer(id, owner, until, reason); }
    @Override public boolean markFailed(UUID id, String owner, String reason) { return out().markFailed(id, owner, reason); }
    @Override public long pendingCount() { return out().pendingCount(); }
    @Override public long deferredCount() { return out().deferredCount(); }
    @Override public List<DeadLetter> deadLetters(int limit) { return out().deadLetters(limit); }
    @Override public List<DeadLetter> deadLettersAfter(DeadLetter after, int limit) { return out().deadLettersAfter(after, limit); }
    @Override public Optional<DeadLetter> deadLetter(UUID id) { return out().deadLetter(id); }
    @Override public boolean requeueDeadLetter(UUID id) { return out().requeueDeadLetter(id); }
    @Override public int requeueAllDeadLetters() { return out().requeueAllDeadLetters(); }
}
