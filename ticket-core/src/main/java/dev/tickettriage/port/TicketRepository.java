package dev.tickettriage.port;

import dev.tickettriage.domain.IdempotencyKey;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.StaleTicketException;
import dev.tickettriage.error.StorageException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where tickets live: insert (idempotent by key), find, optimistic update, query, stats, an audit
 * trail, and work leases that let several service instances share processing.
 *
 * <p><b>Versions.</b> {@link #insert} stores version 1. Every successful {@link #update} and every
 * {@link #claim} stores {@code version + 1} and returns the stored ticket. An update whose ticket carries
 * another version than the stored one throws {@link StaleTicketException} and changes nothing.
 *
 * <p><b>Leases.</b> {@link #claim} atomically moves up to {@code limit} claimable tickets (state NEW with
 * no retry time or one in the past, or state PROCESSING whose lease has expired) to PROCESSING under a
 * lease held by {@code owner} until now + {@code leaseDuration}, oldest {@code createdAt} first (ties by id) across
 * both kinds, as {@code ORDER BY created_at, id} gives. Two concurrent claims never return the same ticket while
 * its lease is live. An update that keeps the ticket PROCESSING keeps its lease (same owner, same expiry); an
 * update that moves it out of PROCESSING ends the lease.
 *
 * <p><b>Outbox.</b> The notifications and audit entries in a {@link TicketChange} are stored in the same
 * atomic step as the ticket (a transactional outbox); they are delivered later through {@link #outbox()}.
 *
 * <p>Implementations are thread-safe, use the repository's clock for "now" (UTC), and report failures as
 * {@link StorageException}. Implementations must pass {@code TicketRepositoryContract} in ticket-testkit.
 */
public interface TicketRepository {

    /**
     * Stores a new ticket (its version must be 0), or, when {@code key} was seen before, returns the
     * ticket stored under it and stores nothing.
     */
    InsertResult insert(Ticket ticket, @Nullable IdempotencyKey key);

    /** The ticket with this id, if any. */
    Optional<Ticket> findById(TicketId id);

    /**
     * Replaces the stored ticket if its version equals {@code change.ticket().version()}, appending the
     * change's notifications to the outbox and its audit entries to the trail in the same atomic step.
     *
     * @return the stored ticket with the version incremented
     * @throws StaleTicketException when the stored version differs
     * @throws dev.tickettriage.error.TicketNotFoundException when there is no such ticket
     */
    Ticket update(TicketChange change);

    /** One page of tickets matching the query's filters, ordered by (createdAt, id). */
    Page<Ticket> query(TicketQuery query);

    /** Counts of the tickets matching the query's filters (its cursor and limit are ignored). */
    TicketStats stats(TicketQuery query);

    /**
     * Counts for custom classification field {@code field} over the tickets matching the query's filters (its cursor
     * and limit are ignored): matched, filled, and per value; see {@link FieldStats}.
     *
     * <p>The default pages through {@link #query} and counts in memory, which is right for any store but reads every
     * matching ticket; a SQL store should override it with a grouped query over the stored values (for example JSON
     * functions on a column holding the classification's fields) that gives the same counts.
     *
     * @throws IllegalArgumentException when {@code field} is not a valid field name
     */
    default FieldStats fieldStats(TicketQuery query, String field) {
        java.util.Objects.requireNonNull(query, "query");
        FieldStats.Counter counter = FieldStats.counter(field);
        TicketQuery page = query.toBuilder().after(null).limit(TicketQuery.MAX_LIMIT).build();
        while (true) {
            Page<Ticket> result = query(page);
            result.items().forEach(counter::add);
            if (result.next().isEmpty()) return counter.build();
            page = page.next(result.next().get());
        }
    }

    /**
     * Backlog size, oldest unprocessed age (as of {@code now}) and time to classify over the tickets matching the query
     * (its processing-state filter, cursor and limit are ignored): the time to classify of a ticket is from its
     * creation to its first {@link AuditEntry#CLASSIFIED} audit entry, sampled over the {@code sample} most recently
     * created classified tickets. The default reads those tickets and their audit trails (fine in memory); a SQL store
     * should override it with grouped queries.
     *
     * @throws IllegalArgumentException when sample is below 1
     */
    default BacklogStats backlogStats(TicketQuery query, java.time.Instant now, int sample) {
        java.util.Objects.requireNonNull(query, "query");
        java.util.Objects.requireNonNull(now, "now");
        if (sample < 1) throw new IllegalArgumentException("sample must be >= 1, was " + sample);
        TicketQuery unprocessed = query.toBuilder().after(null).anyProcessingState()
                .processingState(dev.tickettriage.domain.ProcessingState.NEW, dev.tickettriage.domain.ProcessingState.PROCESSING)
                .limit(1).build();
        long backlog = stats(unprocessed).total();
        java.time.Duration oldest = query(unprocessed).items().stream().findFirst()
                .map(ticket -> java.time.Duration.between(ticket.createdAt(), now)).orElse(java.time.Duration.ZERO);
        long[] millis = new long[sample];
        int count = 0;
        TicketQuery classified = query.toBuilder().after(null).anyProcessingState()
                .processingState(dev.tickettriage.domain.ProcessingState.PROCESSED).newestFirst()
                .limit(Math.min(sample, TicketQuery.MAX_LIMIT)).build();
        while (count < sample) {
            Page<Ticket> page = query(classified);
            for (Ticket ticket : page.items()) {
                if (count == sample) break;
                for (AuditEntry entry : auditTrail(ticket.id())) {
                    if (entry.action().equals(AuditEntry.CLASSIFIED)) {
                        millis[count++] = java.time.Duration.between(ticket.createdAt(), entry.at()).toMillis();
                        break;
                    }
                }
            }
            if (page.next().isEmpty()) break;
            classified = classified.next(page.next().get());
        }
        return BacklogStats.of(backlog, oldest, java.util.Arrays.copyOf(millis, count));
    }

    /** Audit entries of one ticket, oldest first. */
    List<AuditEntry> auditTrail(TicketId id);

    /**
     * Claims up to {@code limit} claimable tickets for {@code owner}, oldest first, as described above.
     *
     * @return the claimed tickets, now PROCESSING; empty when there is nothing to do
     */
    List<Ticket> claim(String owner, int limit, Duration leaseDuration);

    /**
     * Extends the lease {@code owner} holds on a ticket to now + {@code leaseDuration}.
     *
     * @return false when the owner no longer holds the lease (it expired and was taken, or the ticket moved on)
     */
    boolean extendLease(TicketId id, String owner, Duration leaseDuration);

    /**
     * Gives a claimed ticket back: if {@code owner} holds its lease, the ticket returns to NEW (attempts
     * unchanged) for any instance to claim.
     *
     * @return false when the owner no longer holds the lease
     */
    boolean release(TicketId id, String owner);

    /**
     * The notification outbox this repository writes in the same atomic step as {@link #update(TicketChange)};
     * the outbox belongs to its store, so there is no way to wire one apart from it.
     */
    NotificationOutbox outbox();

    /**
     * Stores several new tickets (each with version 0 and no idempotency key), as {@link #insert(Ticket)} would one by
     * one. A store may write them in one transaction (one commit instead of one per ticket); then either all of them
     * are stored or, when the call throws, none. The default inserts them one by one.
     *
     * @return the stored tickets (version 1), in order
     * @throws IllegalArgumentException when a ticket's version is not 0 or its id is already stored
     */
    default List<Ticket> insertAll(List<Ticket> tickets) {
        java.util.Objects.requireNonNull(tickets, "tickets");
        List<Ticket> stored = new java.util.ArrayList<>(tickets.size());
        for (Ticket ticket : tickets) stored.add(insert(java.util.Objects.requireNonNull(ticket, "ticket")));
        return List.copyOf(stored);
    }

    /**
     * Applies several changes, each exactly as {@link #update(TicketChange)} would and each on its own: a change that
     * fails (stale version, ticket gone, invalid value) is not written at all, and never affects the others. A store
     * may write the successful ones in one transaction (fewer round trips and commits: how a worker completes a
     * claimed batch); the default applies them one by one.
     *
     * @return one outcome per change, in the order of {@code changes}
     * @throws StorageException only when the store failed as a whole before any change could be judged
     */
    default List<UpdateOutcome> updateAll(List<TicketChange> changes) {
        java.util.Objects.requireNonNull(changes, "changes");
        List<UpdateOutcome> outcomes = new java.util.ArrayList<>(changes.size());
        for (TicketChange change : changes) {
            try {
                outcomes.add(UpdateOutcome.stored(update(java.util.Objects.requireNonNull(change, "change"))));
            } catch (dev.tickettriage.error.TriageException e) {
                outcomes.add(UpdateOutcome.failed(e));
            }
        }
        return List.copyOf(outcomes);
    }

    /**
     * Asks the store to tell {@code listener} when work may have become available through another instance sharing it,
     * so idle workers wake at once instead of at their next poll (the JDBC store does it with PostgreSQL
     * {@code LISTEN/NOTIFY}). Optional: the default tells nothing and returns {@link WorkSubscription#NONE}, and a
     * pipeline always keeps polling as the fallback (notifications may be lost, for example while the store reconnects).
     * The listener may be called on any thread, must return quickly and may be told more than once for the same work.
     *
     * @return the subscription; closing it stops the notifications and releases what the store held for them
     */
    default WorkSubscription onWorkAvailable(java.util.function.Consumer<WorkAvailable> listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        return WorkSubscription.NONE;
    }

    /** A subscription from {@link #onWorkAvailable}; closing it is idempotent and throws nothing. */
    @FunctionalInterface
    interface WorkSubscription extends AutoCloseable {
        /** A subscription that delivers nothing: the store has no way to tell. */
        WorkSubscription NONE = () -> { };

        @Override
        void close();
    }

    /**
     * Right to erasure: deletes every ticket of {@code customer}, their audit trails, idempotency keys and outbox entries
     * (pending, delivered or dead) in one atomic step, and records for each erased ticket id one audit entry (action
     * {@code customer-erased}, by {@code actor}, no personal data in it) so {@link #auditTrail} shows that it happened.
     * Tickets being processed are erased too (the worker's later write finds no ticket). Idempotent: a second call
     * erases nothing more. The default throws {@link UnsupportedOperationException}: a store that cannot erase must
     * say so rather than pretend.
     *
     * @return what was removed
     */
    default ErasureReport eraseCustomer(CustomerKey customer, String actor) {
        java.util.Objects.requireNonNull(customer, "customer");
        java.util.Objects.requireNonNull(actor, "actor");
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support erasure");
    }

    /**
     * Retention: deletes up to {@code limit} finished tickets (support status RESOLVED or CLOSED, processing PROCESSED
     * or FAILED) last changed before {@code cutoff}, oldest first, with their audit trails, idempotency keys and outbox
     * entries. Call it again until it returns 0: each call is one bounded, atomic step. The default throws
     * {@link UnsupportedOperationException}.
     *
     * @return how many tickets were deleted
     * @throws IllegalArgumentException when limit is below 1
     */
    default int purgeFinished(java.time.Instant cutoff, int limit) {
        java.util.Objects.requireNonNull(cutoff, "cutoff");
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support retention purges");
    }

    /** Inserts with no idempotency key. */
    default Ticket insert(Ticket ticket) {
        return insert(ticket, null).ticket();
    }

    /** Updates the ticket alone, with no notifications or audit entries. */
    default Ticket update(Ticket ticket) {
        return update(TicketChange.of(ticket));
    }

    /** Result of {@link #insert}: the stored ticket and whether this call created it. */
    record InsertResult(Ticket ticket, boolean created) {
        public InsertResult {
            java.util.Objects.requireNonNull(ticket, "ticket");
        }
    }
}
