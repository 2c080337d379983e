package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.domain.Processing;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Claim, lease and release checks of {@link TicketRepositoryContract}; not API. */
abstract class RepositoryLeaseChecks extends RepositoryQueryChecks {

    static final Duration LEASE = Duration.ofMinutes(1);

    @Test
    void should_claim_oldest_new_tickets_first_up_to_limit() {
        List<Ticket> tickets = storeSeries(3);

        List<Ticket> claimed = repository.claim("worker-1", 2, LEASE);

        assertThat(ids(claimed)).containsExactly(tickets.get(0).id(), tickets.get(1).id());
        assertThat(claimed).allSatisfy(ticket -> {
            assertThat(ticket.processingState()).isEqualTo(ProcessingState.PROCESSING);
            assertThat(ticket.version()).isEqualTo(2);
        });
        assertThat(repository.findById(tickets.get(0).id()).orElseThrow().processingState()).isEqualTo(ProcessingState.PROCESSING);
        assertThat(ids(repository.claim("worker-2", 5, LEASE))).containsExactly(tickets.get(2).id());
    }

    @Test
    void should_claim_nothing_when_no_ticket_is_claimable() {
        assertThat(repository.claim("worker-1", 10, LEASE)).isEmpty();
        Ticket done = store();
        repository.update(done.toBuilder().processing(done.processing().processed()).build());
        Ticket failed = store();
        repository.update(failed.toBuilder().processing(failed.processing().failed("gave up")).build());

        assertThat(repository.claim("worker-1", 10, LEASE)).isEmpty();
    }

    @Test
    void should_skip_ticket_until_its_retry_time_when_not_before_is_in_the_future() {
        Ticket waiting = store(TicketFixtures.aTicket()
                .withProcessing(new Processing(ProcessingState.NEW, 1, "classifier timed out", clock.instant().plus(Duration.ofMinutes(5)))));

        assertThat(repository.claim("worker-1", 10, LEASE)).isEmpty();

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        List<Ticket> claimed = repository.claim("worker-1", 10, LEASE);
        assertThat(ids(claimed)).containsExactly(waiting.id());
        assertThat(claimed.get(0).processing().attempts()).isEqualTo(1);
    }

    @Test
    void should_not_hand_out_a_ticket_twice_while_its_lease_is_live() {
        Ticket ticket = store();
        repository.claim("worker-1", 10, LEASE);

        clock.advance(LEASE.minusSeconds(1));

        assertThat(repository.claim("worker-2", 10, LEASE)).isEmpty();
        assertThat(repository.findById(ticket.id()).orElseThrow().processingState()).isEqualTo(ProcessingState.PROCESSING);
    }

    @Test
    void should_reclaim_ticket_when_lease_expired() {
        Ticket ticket = store();
        repository.claim("worker-1", 10, LEASE);

        clock.advance(LEASE.plusSeconds(1));
        List<Ticket> reclaimed = repository.claim("worker-2", 10, LEASE);

        assertThat(ids(reclaimed)).containsExactly(ticket.id());
        assertThat(reclaimed.get(0).version()).isEqualTo(3);
        assertThat(repository.extendLease(ticket.id(), "worker-1", LEASE)).isFalse();
        assertThat(repository.extendLease(ticket.id(), "worker-2", LEASE)).isTrue();
        assertThat(repository.release(ticket.id(), "worker-1")).isFalse();
    }

    @Test
    void should_keep_ticket_leased_when_owner_extends_lease() {
        Ticket ticket = store();
        repository.claim("worker-1", 10, LEASE);
        clock.advance(Duration.ofSeconds(50));

        boolean extended = repository.extendLease(ticket.id(), "worker-1", LEASE);
        clock.advance(Duration.ofSeconds(50));   // past the first lease, inside the extended one

        assertThat(extended).isTrue();
        assertThat(repository.claim("worker-2", 10, LEASE)).isEmpty();
    }

    @Test
    void should_refuse_to_extend_when_caller_is_not_the_owner() {
        Ticket ticket = store();
        repository.claim("worker-1", 10, LEASE);

        assertThat(repository.extendLease(ticket.id(), "worker-2", LEASE)).isFalse();
        assertThat(repository.extendLease(TicketId.generate(clock.instant()), "worker-1", LEASE)).isFalse();
    }

    @Test
    void should_return_ticket_to_new_when_owner_releases_it() {
        Ticket ticket = store(TicketFixtures.aTicket().withProcessing(new Processing(ProcessingState.NEW, 2, "earlier failure", null)));
        repository.claim("worker-1", 10, LEASE);

        assertThat(repository.release(ticket.id(), "worker-2")).isFalse();
        assertThat(repository.findById(ticket.id()).orElseThrow().processingState()).isEqualTo(ProcessingState.PROCESSING);
        assertThat(repository.release(ticket.id(), "worker-1")).isTrue();

        Ticket released = repository.findById(ticket.id()).orElseThrow();
        assertThat(released.processingState()).isEqualTo(ProcessingState.NEW);
        assertThat(released.processing().attempts()).isEqualTo(2);
        assertThat(ids(repository.claim("worker-2", 10, LEASE))).containsExactly(ticket.id());
    }

    @Test
    void should_end_lease_when_update_moves_ticket_to_processed() {
        Ticket ticket = store();
        Ticket claimed = repository.claim("worker-1", 10, LEASE).get(0);

        repository.update(claimed.toBuilder().processing(claimed.processing().processed()).build());
        clock.advance(LEASE.multipliedBy(2));

        assertThat(repository.claim("worker-2", 10, LEASE)).isEmpty();
        assertThat(repository.extendLease(ticket.id(), "worker-1", LEASE)).isFalse();
        assertThat(repository.findById(ticket.id()).orElseThrow().processingState()).isEqualTo(ProcessingState.PROCESSED);
    }

    @Test
    void should_claim_oldest_created_first_when_expired_leases_and_new_tickets_mix() {
        // given: A and B claimed, A released (NEW again), B's lease expired, then D created after C
        List<Ticket> tickets = storeSeries(3);
        repository.claim("worker-1", 2, LEASE);
        repository.release(tickets.get(0).id(), "worker-1");
        clock.advance(LEASE.plusSeconds(1));
        Ticket newest = store();

        // when
        List<Ticket> claimed = repository.claim("worker-2", 10, LEASE);

        // then: one order across both kinds, oldest createdAt first (an SQL store: ORDER BY created_at, id)
        assertThat(ids(claimed)).containsExactly(tickets.get(0).id(), tickets.get(1).id(), tickets.get(2).id(), newest.id());
    }

    @Test
    void should_keep_owner_and_expiry_of_the_lease_when_update_keeps_ticket_processing() {
        // given: two claimed tickets, each updated while still PROCESSING (a progress write, a tag)
        Ticket first = store();
        Ticket second = store();
        List<Ticket> claimed = repository.claim("worker-1", 2, LEASE);
        clock.advance(Duration.ofSeconds(30));
        for (Ticket ticket : claimed) {
            Ticket stored = repository.update(ticket.toBuilder().tags(Set.of("in-progress")).updatedAt(clock.instant()).build());
            assertThat(stored.processingState()).isEqualTo(ProcessingState.PROCESSING);
        }

        // then: nobody else can claim them, the owner still holds them, and the expiry did not move
        assertThat(repository.claim("worker-2", 10, LEASE)).isEmpty();
        assertThat(repository.extendLease(first.id(), "worker-2", LEASE)).isFalse();
        assertThat(repository.release(second.id(), "worker-1")).as("worker-1 still owns the lease").isTrue();
        clock.advance(LEASE.minusSeconds(31));   // one second before the claim's expiry
        assertThat(repository.claim("worker-2", 10, LEASE)).extracting(Ticket::id).containsExactly(second.id());
        clock.advance(Duration.ofSeconds(2));    // one second after it
        assertThat(repository.claim("worker-3", 10, LEASE)).extracting(Ticket::id).containsExactly(first.id());
    }

    @Test
    void should_never_give_a_ticket_to_two_claimers_when_4_threads_claim_500_tickets() throws Exception {
        Set<TicketId> all = new HashSet<>();
        for (int i = 0; i < 500; i++) all.add(store().id());
        AtomicInteger workers = new AtomicInteger();

        List<List<TicketId>> claims = concurrently(4, () -> {
            String owner = "worker-" + workers.incrementAndGet();
            List<TicketId> mine = new ArrayList<>();
            List<Ticket> batch;
            while (!(batch = repository.claim(owner, 7, Duration.ofMinutes(10))).isEmpty()) mine.addAll(ids(batch));
            return mine;
        });

        List<TicketId> union = new ArrayList<>();
        claims.forEach(union::addAll);
        assertThat(union).doesNotHaveDuplicates();
        assertThat(union).containsExactlyInAnyOrderElementsOf(all);
    }
}
