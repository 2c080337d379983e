package dev.tickettriage.testkit;

import dev.tickettriage.port.NotificationOutbox;
import dev.tickettriage.port.TicketRepository;
import java.time.Clock;

/**
 * The contract every {@link TicketRepository} (and its {@link NotificationOutbox}) must pass: versions and
 * optimistic updates, idempotent inserts, batched inserts and updates ({@code insertAll}, {@code updateAll}), every query filter and keyset paging in both directions, stats,
 * the audit trail, right to erasure and retention purges, leases (claim order, expiry, extend, release, updates that keep a ticket PROCESSING,
 * concurrent claimers) and the outbox ({@link OutboxContract}: fenced marks, deferral, dead letters,
 * concurrent dispatchers).
 *
 * <p>Extend it in the implementation's tests and return a fresh, empty repository from {@link #newRepository(Clock)}.
 * The contract controls time through the {@link MutableClock} it passes in, so the repository must read "now"
 * only from that clock. A new instance of the test class is made per test; a repository that is
 * {@link AutoCloseable} is closed after each test.
 *
 * <pre>{@code
 * class InMemoryTicketRepositoryContractTest extends TicketRepositoryContract {
 *     @Override
 *     protected TicketRepository newRepository(Clock clock) {
 *         return InMemoryTicketRepository.builder().clock(clock).build();
 *     }
 * }
 * }</pre>
 */
public abstract class TicketRepositoryContract extends RepositoryRemovalChecks {

    /** A fresh, empty repository that reads time from {@code clock}; called once before each test. */
    @Override
    protected abstract TicketRepository newRepository(Clock clock);

    /** The outbox written by {@code repo}; the default is {@link TicketRepository#outbox()}. */
    @Override
    protected NotificationOutbox outboxOf(TicketRepository repo) {
        return super.outboxOf(repo);
    }
}
