package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.StaleTicketException;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.NotificationOutbox;
import dev.tickettriage.port.OutboxEntry;
import dev.tickettriage.port.TicketRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TicketRepository} (and its {@link NotificationOutbox}) must pass: versions and
 * optimistic updates, idempotent inserts, every query filter and keyset paging in both directions, stats,
 * the audit trail, leases (claim, expiry, extend, release, concurrent claimers) and the outbox.
 *
 * <p>Extend it in the implementation's tests and return a fresh, empty repository from {@link #newRepository(Clock)}.
 * The contract controls time through the {@link MutableClock} it passes in, so the repository must read "now"
 * only from that clock. A new instance of the test class is made per test; a repository that is
 * {@link AutoCloseable} is closed after each test.
 *
 * <pre>{@code
 * class InMemoryTicketRepositoryContractTest extends TicketRepositoryContract {
 *     @Override protected TicketRepository newRepository(Clock clock) { return new InMemoryTicketRepository(clock); }
 * }
 * }</pre>
 */
public abstract class TicketRepositoryContract extends RepositoryLeaseChecks {

    /** A fresh, empty repository that reads time from {@code clock}; called once before each test. */
    @Override
    protected abstract TicketRepository newRepository(Clock clock);

    /**
     * The outbox written by {@code repo}. The default casts when the repository implements
     * {@link NotificationOutbox} and otherwise skips the outbox checks (JUnit assumption).
     */
    @Override
    protected NotificationOutbox outboxOf(TicketRepository repo) {
        return super.outboxOf(repo);
    }

    /** Three notifications on three tickets, queued one second apart; returned oldest first. */
    private List<Notification> queueThree() {
        Notification first = queue("key-1");
        Notification second = queue("key-2");
        Notification third = queue("key-3");
        return List.of(first, second, third);
    }

    private Notification queue(String key) {
        Ticket ticket = store();
        Notification notification = notificationFor(ticket, key);
        updateWith(ticket, List.of(notification));
        clock.advance(Duration.ofSeconds(1));
        return notification;
    }

    @Test
    void should_put_notifications_in_outbox_when_update_carries_them() {
        NotificationOutbox outbox = outbox();
        Ticket ticket = store();
        Notification alert = notificationFor(ticket, "ticket-routed");
        Notification digest = notificationFor(ticket, "ticket-digest");

        updateWith(ticket, List.of(alert, digest));

        assertThat(outbox.pendingCount()).isEqualTo(2);
        List<OutboxEntry> entries = outbox.claimDue("dispatcher-1", 10, Duration.ofMinutes(1));
        assertThat(entries).extracting(OutboxEntry::notification).containsExactlyInAnyOrder(alert, digest);
        assertThat(entries).allSatisfy(entry -> assertThat(entry.attempts()).isZero());
    }

    @Test
    void should_leave_outbox_empty_when_update_fails_as_stale() {
        NotificationOutbox outbox = outbox();
        Ticket ticket = store();
        repository.update(ticket);

        assertThatThrownBy(() -> updateWith(ticket, List.of(notificationFor(ticket, "lost-race"))))
                .isInstanceOf(StaleTicketException.class);

        assertThat(outbox.pendingCount()).isZero();
        assertThat(outbox.claimDue("dispatcher-1", 10, Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void should_claim_due_entries_oldest_first_up_to_limit() {
        NotificationOutbox outbox = outbox();
        List<Notification> queued = queueThree();

        List<OutboxEntry> entries = outbox.claimDue("dispatcher-1", 2, Duration.ofMinutes(1));

        assertThat(entries).extracting(OutboxEntry::notification).containsExactly(queued.get(0), queued.get(1));
        assertThat(entries.get(0).createdAt()).isBefore(entries.get(1).createdAt());
    }

    @Test
    void should_not_hand_out_leased_entries_until_the_lease_expires() {
        NotificationOutbox outbox = outbox();
        queueThree();
        List<OutboxEntry> first = outbox.claimDue("dispatcher-1", 10, Duration.ofMinutes(1));

        assertThat(first).hasSize(3);
        assertThat(outbox.claimDue("dispatcher-2", 10, Duration.ofMinutes(1))).isEmpty();

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(outbox.claimDue("dispatcher-2", 10, Duration.ofMinutes(1))).extracting(OutboxEntry::id)
                .containsExactlyInAnyOrderElementsOf(first.stream().map(OutboxEntry::id).toList());
    }

    @Test
    void should_make_entry_due_again_at_not_before_when_marked_for_retry() {
        NotificationOutbox outbox = outbox();
        queue("retry-me");
        OutboxEntry entry = outbox.claimDue("dispatcher-1", 10, Duration.ofSeconds(10)).get(0);

        outbox.markRetry(entry.id(), clock.instant().plus(Duration.ofMinutes(5)), "HTTP 503");
        clock.advance(Duration.ofMinutes(1));   // past the lease, before the retry time

        assertThat(outbox.claimDue("dispatcher-1", 10, Duration.ofSeconds(10))).isEmpty();
        assertThat(outbox.pendingCount()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(4).plusSeconds(1));
        List<OutboxEntry> again = outbox.claimDue("dispatcher-2", 10, Duration.ofSeconds(10));
        assertThat(again).extracting(OutboxEntry::id).containsExactly(entry.id());
        assertThat(again.get(0).attempts()).isEqualTo(entry.attempts() + 1);
    }

    @Test
    void should_remove_entry_from_pending_when_marked_delivered() {
        NotificationOutbox outbox = outbox();
        queueThree();
        OutboxEntry entry = outbox.claimDue("dispatcher-1", 1, Duration.ofSeconds(10)).get(0);

        outbox.markDelivered(entry.id());
        clock.advance(Duration.ofHours(1));

        assertThat(outbox.pendingCount()).isEqualTo(2);
        assertThat(outbox.claimDue("dispatcher-1", 10, Duration.ofSeconds(10))).extracting(OutboxEntry::id)
                .hasSize(2).doesNotContain(entry.id());
    }

    @Test
    void should_never_claim_entry_again_when_marked_failed() {
        NotificationOutbox outbox = outbox();
        queue("dead-letter");
        OutboxEntry entry = outbox.claimDue("dispatcher-1", 10, Duration.ofSeconds(10)).get(0);

        outbox.markFailed(entry.id(), "HTTP 400: bad topic");
        clock.advance(Duration.ofDays(1));

        assertThat(outbox.pendingCount()).isZero();
        assertThat(outbox.claimDue("dispatcher-1", 10, Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void should_count_pending_entries_when_queued() {
        NotificationOutbox outbox = outbox();
        assertThat(outbox.pendingCount()).isZero();

        queueThree();

        assertThat(outbox.pendingCount()).isEqualTo(3);
        outbox.claimDue("dispatcher-1", 10, Duration.ofSeconds(10));
        assertThat(outbox.pendingCount()).as("claimed but not finished entries stay pending").isEqualTo(3);
    }
}
