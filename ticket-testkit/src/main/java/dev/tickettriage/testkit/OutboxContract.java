package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.StaleTicketException;
import dev.tickettriage.port.DeadLetter;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.NotificationOutbox;
import dev.tickettriage.port.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The outbox part of {@link TicketRepositoryContract}: what {@link NotificationOutbox} must do for the dispatcher
 * of several instances sharing one store. Transactional writes with the ticket update, claims oldest first under a
 * lease, fenced marks (a non-owner, or an owner whose expired claim was taken by another, changes nothing),
 * lease extension, deferral (no attempt spent, not claimable before its time), dead letters (list with a cursor,
 * requeue one or all) and concurrent dispatchers (never the same entry twice, each delivered once).
 *
 * <p>Do not extend this class directly: extend {@link TicketRepositoryContract}, which runs these checks with the
 * repository's own {@link dev.tickettriage.port.TicketRepository#outbox()}.
 */
public abstract class OutboxContract extends RepositoryLeaseChecks {

    static final Duration OUTBOX_LEASE = Duration.ofMinutes(1);

    OutboxContract() {
    }

    /** Queues one notification through a ticket update, then moves the clock one second. */
    private Notification queue(String key) {
        Ticket ticket = store();
        Notification notification = notificationFor(ticket, key);
        updateWith(ticket, List.of(notification));
        clock.advance(Duration.ofSeconds(1));
        return notification;
    }

    /** Three notifications on three tickets, queued one second apart; returned oldest first. */
    private List<Notification> queueThree() {
        return List.of(queue("key-1"), queue("key-2"), queue("key-3"));
    }

    private OutboxEntry claimOne(String owner) {
        List<OutboxEntry> claimed = outbox().claimDue(owner, 1, OUTBOX_LEASE);
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    private static List<UUID> entryIds(List<OutboxEntry> entries) {
        return entries.stream().map(OutboxEntry::id).toList();
    }

    @Test
    void should_put_notifications_in_outbox_when_update_carries_them() {
        NotificationOutbox outbox = outbox();
        Ticket ticket = store();
        Notification alert = notificationFor(ticket, "ticket-routed");
        Notification digest = notificationFor(ticket, "ticket-digest");

        updateWith(ticket, List.of(alert, digest));

        assertThat(outbox.pendingCount()).isEqualTo(2);
        List<OutboxEntry> entries = outbox.claimDue("dispatcher-1", 10, OUTBOX_LEASE);
        assertThat(entries).extracting(OutboxEntry::notification).containsExactlyInAnyOrder(alert, digest);
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.attempts()).isZero();
            assertThat(entry.owner()).isEqualTo("dispatcher-1");
            assertThat(entry.leaseExpiresAt()).isEqualTo(clock.instant().plus(OUTBOX_LEASE));
        });
    }

    @Test
    void should_leave_outbox_empty_when_update_fails_as_stale() {
        NotificationOutbox outbox = outbox();
        Ticket ticket = store();
        repository.update(ticket);

        assertThatThrownBy(() -> updateWith(ticket, List.of(notificationFor(ticket, "lost-race"))))
                .isInstanceOf(StaleTicketException.class);

        assertThat(outbox.pendingCount()).isZero();
        assertThat(outbox.claimDue("dispatcher-1", 10, OUTBOX_LEASE)).isEmpty();
    }

    @Test
    void should_claim_due_entries_oldest_first_up_to_limit() {
        NotificationOutbox outbox = outbox();
        List<Notification> queued = queueThree();

        List<OutboxEntry> entries = outbox.claimDue("dispatcher-1", 2, OUTBOX_LEASE);

        assertThat(entries).extracting(OutboxEntry::notification).containsExactly(queued.get(0), queued.get(1));
        assertThat(entries.get(0).createdAt()).isBefore(entries.get(1).createdAt());
    }

    @Test
    void should_claim_oldest_created_first_when_retries_expired_leases_and_new_entries_mix() {
        // given: the oldest entry waits for a retry, the second one's lease expires, then a new entry is queued
        NotificationOutbox outbox = outbox();
        List<Notification> queued = queueThree();
        List<OutboxEntry> first = outbox.claimDue("dispatcher-1", 2, OUTBOX_LEASE);
        outbox.markRetry(first.get(0).id(), "dispatcher-1", clock.instant().plusSeconds(30), "HTTP 503");
        clock.advance(OUTBOX_LEASE.plusSeconds(1));
        Notification newest = queue("key-4");

        // when
        List<OutboxEntry> claimed = outbox.claimDue("dispatcher-2", 10, OUTBOX_LEASE);

        // then: oldest createdAt first across all kinds
        assertThat(claimed).extracting(OutboxEntry::notification).containsExactly(queued.get(0), queued.get(1), queued.get(2), newest);
    }

    @Test
    void should_not_hand_out_leased_entries_until_the_lease_expires() {
        NotificationOutbox outbox = outbox();
        queueThree();
        List<OutboxEntry> first = outbox.claimDue("dispatcher-1", 10, OUTBOX_LEASE);

        assertThat(first).hasSize(3);
        clock.advance(OUTBOX_LEASE.minusSeconds(1));
        assertThat(outbox.claimDue("dispatcher-2", 10, OUTBOX_LEASE)).isEmpty();

        clock.advance(Duration.ofSeconds(2));
        List<OutboxEntry> again = outbox.claimDue("dispatcher-2", 10, OUTBOX_LEASE);
        assertThat(entryIds(again)).containsExactlyInAnyOrderElementsOf(entryIds(first));
        assertThat(again).allSatisfy(entry -> assertThat(entry.owner()).isEqualTo("dispatcher-2"));
    }

    @Test
    void should_make_entry_due_again_at_not_before_and_count_an_attempt_when_marked_for_retry() {
        NotificationOutbox outbox = outbox();
        queue("retry-me");
        OutboxEntry entry = outbox.claimDue("dispatcher-1", 10, Duration.ofSeconds(10)).get(0);

        assertThat(outbox.markRetry(entry.id(), "dispatcher-1", clock.instant().plus(Duration.ofMinutes(5)), "HTTP 503")).isTrue();
        clock.advance(Duration.ofMinutes(1));   // past the lease, before the retry time

        assertThat(outbox.claimDue("dispatcher-1", 10, Duration.ofSeconds(10))).isEmpty();
        assertThat(outbox.pendingCount()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(4).plusSeconds(1));
        List<OutboxEntry> again = outbox.claimDue("dispatcher-2", 10, Duration.ofSeconds(10));
        assertThat(entryIds(again)).containsExactly(entry.id());
        assertThat(again.get(0).attempts()).isEqualTo(entry.attempts() + 1);
    }

    @Test
    void should_remove_entry_from_pending_when_marked_delivered() {
        NotificationOutbox outbox = outbox();
        queueThree();
        OutboxEntry entry = outbox.claimDue("dispatcher-1", 1, Duration.ofSeconds(10)).get(0);

        assertThat(outbox.markDelivered(entry.id(), "dispatcher-1")).isTrue();
        clock.advance(Duration.ofHours(1));

        assertThat(outbox.pendingCount()).isEqualTo(2);
        assertThat(entryIds(outbox.claimDue("dispatcher-1", 10, Duration.ofSeconds(10)))).hasSize(2).doesNotContain(entry.id());
        assertThat(outbox.deadLetters(10)).isEmpty();
    }

    @Test
    void should_keep_entry_as_dead_letter_and_never_claim_it_when_marked_failed() {
        NotificationOutbox outbox = outbox();
        Notification notification = queue("dead-letter");
        OutboxEntry entry = outbox.claimDue("dispatcher-1", 10, Duration.ofSeconds(10)).get(0);
        Instant failedAt = clock.instant();

        assertThat(outbox.markFailed(entry.id(), "dispatcher-1", "HTTP 400: bad topic")).isTrue();
        clock.advance(Duration.ofDays(1));

        assertThat(outbox.pendingCount()).isZero();
        assertThat(outbox.claimDue("dispatcher-1", 10, Duration.ofSeconds(10))).isEmpty();
        DeadLetter expected = new DeadLetter(entry.id(), notification, 1, "HTTP 400: bad topic", failedAt);
        assertThat(outbox.deadLetters(10)).containsExactly(expected);
        assertThat(outbox.deadLetter(entry.id())).contains(expected);
    }

    @Test
    void should_count_pending_entries_when_queued() {
        NotificationOutbox outbox = outbox();
        assertThat(outbox.pendingCount()).isZero();

        queueThree();

        assertThat(outbox.pendingCount()).isEqualTo(3);
        outbox.claimDue("dispatcher-1", 10, Duration.ofSeconds(10));
        assertThat(outbox.pendingCount()).as("claimed but not finished entries stay pending").isEqualTo(3);
        assertThat(outbox.deferredCount()).isZero();
    }

    @Test
    void should_reject_a_claim_when_limit_or_lease_is_not_positive() {
        NotificationOutbox outbox = outbox();

        assertThatThrownBy(() -> outbox.claimDue("dispatcher-1", 0, OUTBOX_LEASE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.claimDue("dispatcher-1", 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.deadLetters(0)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- fencing ----

    @Test
    void should_refuse_every_mark_and_change_nothing_when_caller_is_not_the_owner() {
        NotificationOutbox outbox = outbox();
        queue("fenced");
        OutboxEntry entry = claimOne("dispatcher-1");
        Instant later = clock.instant().plus(Duration.ofHours(1));

        assertThat(outbox.markDelivered(entry.id(), "intruder")).isFalse();
        assertThat(outbox.markRetry(entry.id(), "intruder", later, "HTTP 503")).isFalse();
        assertThat(outbox.defer(entry.id(), "intruder", later, "quiet hours")).isFalse();
        assertThat(outbox.markFailed(entry.id(), "intruder", "HTTP 400")).isFalse();
        assertThat(outbox.extendLease(entry.id(), "intruder", Duration.ofHours(1))).isFalse();
        assertThat(outbox.markDelivered(UUID.randomUUID(), "dispatcher-1")).as("unknown id").isFalse();

        assertThat(outbox.pendingCount()).isEqualTo(1);
        assertThat(outbox.deadLetters(10)).isEmpty();
        clock.advance(OUTBOX_LEASE.plusSeconds(1));   // the intruder's extension did not apply
        OutboxEntry reclaimed = claimOne("dispatcher-2");
        assertThat(reclaimed.id()).isEqualTo(entry.id());
        assertThat(reclaimed.attempts()).isZero();
    }

    @Test
    void should_refuse_marks_of_the_first_owner_when_its_lease_expired_and_another_dispatcher_claimed_the_entry() {
        NotificationOutbox outbox = outbox();
        queue("slow-smtp");
        OutboxEntry first = claimOne("dispatcher-1");
        clock.advance(OUTBOX_LEASE.plusSeconds(1));
        OutboxEntry second = claimOne("dispatcher-2");

        assertThat(outbox.markDelivered(first.id(), "dispatcher-1")).isFalse();
        assertThat(outbox.markRetry(first.id(), "dispatcher-1", clock.instant(), "timeout")).isFalse();
        assertThat(outbox.markFailed(first.id(), "dispatcher-1", "timeout")).isFalse();
        assertThat(outbox.defer(first.id(), "dispatcher-1", clock.instant(), "later")).isFalse();
        assertThat(outbox.extendLease(first.id(), "dispatcher-1", OUTBOX_LEASE)).isFalse();

        assertThat(outbox.markDelivered(second.id(), "dispatcher-2")).isTrue();
        assertThat(outbox.pendingCount()).isZero();
        assertThat(outbox.deadLetters(10)).isEmpty();
    }

    @Test
    void should_accept_the_owners_mark_when_its_lease_expired_but_nobody_claimed_the_entry_again() {
        NotificationOutbox outbox = outbox();
        queue("late-but-alone");
        OutboxEntry entry = claimOne("dispatcher-1");
        clock.advance(OUTBOX_LEASE.plusSeconds(1));

        assertThat(outbox.markDelivered(entry.id(), "dispatcher-1")).isTrue();

        assertThat(outbox.pendingCount()).isZero();
        assertThat(outbox.claimDue("dispatcher-2", 10, OUTBOX_LEASE)).isEmpty();
    }

    @Test
    void should_refuse_a_second_mark_when_the_first_mark_ended_the_claim() {
        NotificationOutbox outbox = outbox();
        queue("marked-once");
        OutboxEntry entry = claimOne("dispatcher-1");

        assertThat(outbox.markRetry(entry.id(), "dispatcher-1", clock.instant().plusSeconds(30), "HTTP 503")).isTrue();

        assertThat(outbox.markDelivered(entry.id(), "dispatcher-1")).isFalse();
        assertThat(outbox.extendLease(entry.id(), "dispatcher-1", OUTBOX_LEASE)).isFalse();
        assertThat(outbox.pendingCount()).isEqualTo(1);
    }

    @Test
    void should_keep_entry_claimed_when_owner_extends_lease() {
        NotificationOutbox outbox = outbox();
        queue("slow-notifier");
        OutboxEntry entry = claimOne("dispatcher-1");
        clock.advance(Duration.ofSeconds(50));

        assertThat(outbox.extendLease(entry.id(), "dispatcher-1", OUTBOX_LEASE)).isTrue();
        clock.advance(Duration.ofSeconds(50));   // past the first lease, inside the extended one

        assertThat(outbox.claimDue("dispatcher-2", 10, OUTBOX_LEASE)).isEmpty();
        clock.advance(Duration.ofSeconds(11));   // past the extended lease
        assertThat(entryIds(outbox.claimDue("dispatcher-2", 10, OUTBOX_LEASE))).containsExactly(entry.id());
    }

    // ---- deferral ----

    @Test
    void should_spend_no_attempt_and_hold_entry_back_until_its_time_when_deferred() {
        NotificationOutbox outbox = outbox();
        queue("quiet-hours");
        OutboxEntry entry = claimOne("dispatcher-1");
        Instant until = clock.instant().plus(Duration.ofHours(8));

        assertThat(outbox.defer(entry.id(), "dispatcher-1", until, "quiet hours")).isTrue();

        assertThat(outbox.pendingCount()).as("deferred entries are not pending work").isZero();
        assertThat(outbox.deferredCount()).isEqualTo(1);
        clock.set(until.minusSeconds(1));
        assertThat(outbox.claimDue("dispatcher-2", 10, OUTBOX_LEASE)).isEmpty();
        clock.set(until);
        assertThat(outbox.deferredCount()).isZero();
        assertThat(outbox.pendingCount()).isEqualTo(1);
        OutboxEntry again = claimOne("dispatcher-2");
        assertThat(again.id()).isEqualTo(entry.id());
        assertThat(again.attempts()).isZero();
    }

    @Test
    void should_never_turn_into_a_dead_letter_when_deferred_many_times() {
        NotificationOutbox outbox = outbox();
        queue("digest");
        OutboxEntry entry = claimOne("dispatcher-1");
        outbox.markRetry(entry.id(), "dispatcher-1", clock.instant(), "HTTP 503");

        for (int i = 0; i < 50; i++) {
            OutboxEntry claimed = claimOne("dispatcher-" + i);
            assertThat(outbox.defer(claimed.id(), "dispatcher-" + i, clock.instant().plusSeconds(60), "throttled")).isTrue();
            clock.advance(Duration.ofSeconds(60));
        }

        OutboxEntry last = claimOne("dispatcher-last");
        assertThat(last.attempts()).as("only the retry counted").isEqualTo(1);
        assertThat(outbox.deadLetters(10)).isEmpty();
    }

    // ---- dead letters ----

    /** Dead-letters one new entry per key, one minute apart; returns them oldest first. */
    private List<DeadLetter> deadLetterEach(String... keys) {
        List<DeadLetter> dead = new ArrayList<>();
        for (String key : keys) {
            queue(key);
            OutboxEntry entry = claimOne("dispatcher-1");
            outbox().markFailed(entry.id(), "dispatcher-1", "failed " + key);
            dead.add(outbox().deadLetter(entry.id()).orElseThrow());
            clock.advance(Duration.ofMinutes(1));
        }
        return dead;
    }

    @Test
    void should_list_dead_letters_oldest_first_and_page_with_a_cursor() {
        NotificationOutbox outbox = outbox();
        List<DeadLetter> dead = deadLetterEach("dl-1", "dl-2", "dl-3");

        List<DeadLetter> firstPage = outbox.deadLetters(2);
        List<DeadLetter> secondPage = outbox.deadLettersAfter(firstPage.get(1), 2);

        assertThat(firstPage).containsExactly(dead.get(0), dead.get(1));
        assertThat(secondPage).containsExactly(dead.get(2));
        assertThat(outbox.deadLettersAfter(dead.get(2), 2)).isEmpty();
        assertThat(firstPage.get(0).failedAt()).isBefore(firstPage.get(1).failedAt());
        assertThat(firstPage.get(0).lastError()).isEqualTo("failed dl-1");
    }

    @Test
    void should_requeue_dead_letter_with_fresh_attempts_due_now() {
        NotificationOutbox outbox = outbox();
        queue("retried-then-dead");
        OutboxEntry entry = claimOne("dispatcher-1");
        outbox.markRetry(entry.id(), "dispatcher-1", clock.instant(), "HTTP 503");
        outbox.markFailed(claimOne("dispatcher-2").id(), "dispatcher-2", "HTTP 400");
        assertThat(outbox.deadLetter(entry.id()).orElseThrow().attempts()).isEqualTo(2);

        assertThat(outbox.requeueDeadLetter(entry.id())).isTrue();

        assertThat(outbox.deadLetters(10)).isEmpty();
        assertThat(outbox.deadLetter(entry.id())).isEmpty();
        assertThat(outbox.pendingCount()).isEqualTo(1);
        OutboxEntry again = claimOne("dispatcher-3");
        assertThat(again.id()).isEqualTo(entry.id());
        assertThat(again.attempts()).isZero();
        assertThat(outbox.requeueDeadLetter(entry.id())).as("a pending entry is not a dead letter").isFalse();
        assertThat(outbox.requeueDeadLetter(UUID.randomUUID())).isFalse();
    }

    @Test
    void should_requeue_every_dead_letter_when_requeueing_all() {
        NotificationOutbox outbox = outbox();
        List<DeadLetter> dead = deadLetterEach("all-1", "all-2", "all-3");

        assertThat(outbox.requeueAllDeadLetters()).isEqualTo(3);

        assertThat(outbox.deadLetters(10)).isEmpty();
        assertThat(outbox.requeueAllDeadLetters()).isZero();
        List<OutboxEntry> claimed = outbox.claimDue("dispatcher-2", 10, OUTBOX_LEASE);
        assertThat(entryIds(claimed)).containsExactlyElementsOf(dead.stream().map(DeadLetter::id).toList());
        assertThat(claimed).allSatisfy(entry -> assertThat(entry.attempts()).isZero());
    }

    // ---- concurrent dispatchers ----

    @Test
    void should_give_each_entry_to_one_dispatcher_and_deliver_it_once_when_4_dispatchers_race() throws Exception {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            Ticket ticket = store();
            Notification notification = notificationFor(ticket, "race-" + i);
            updateWith(ticket, List.of(notification));
            keys.add(notification.idempotencyKey());
        }
        AtomicInteger dispatchers = new AtomicInteger();
        NotificationOutbox outbox = outbox();

        List<List<String>> deliveries = concurrently(4, () -> {
            String owner = "dispatcher-" + dispatchers.incrementAndGet();
            List<String> delivered = new ArrayList<>();
            List<OutboxEntry> batch;
            while (!(batch = outbox.claimDue(owner, 7, Duration.ofMinutes(10))).isEmpty()) {
                for (OutboxEntry entry : batch) {
                    if (outbox.markDelivered(entry.id(), owner)) delivered.add(entry.notification().idempotencyKey());
                }
            }
            return delivered;
        });

        List<String> all = new ArrayList<>();
        deliveries.forEach(all::addAll);
        assertThat(all).doesNotHaveDuplicates();
        assertThat(all).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(outbox.pendingCount()).isZero();
    }
}
