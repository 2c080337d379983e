package dev.tickettriage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.domain.Processing;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.testkit.MutableClock;
import dev.tickettriage.testkit.TicketFixtures;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Behaviour specific to the in-memory store, beyond TicketRepositoryContract. */
class InMemoryTicketRepositoryTest {

    private final MutableClock clock = MutableClock.start();

    @Test
    void should_not_lose_a_retry_that_is_not_yet_due_when_a_claim_sees_it_early() {
        // given: a retry stored as due (the store's clock is past notBefore) ...
        InMemoryTicketRepository repository = InMemoryTicketRepository.builder().clock(clock).build();
        Ticket ticket = repository.insert(TicketFixtures.aTicket().build());
        Instant retryAt = clock.instant().plusSeconds(5);
        clock.advance(Duration.ofSeconds(10));
        repository.update(ticket.toBuilder().processing(new Processing(ProcessingState.NEW, 1, "busy", retryAt)).build());

        // ... and a claim that started before the retry time (a worker that read its clock earlier)
        clock.set(retryAt.minusSeconds(2));
        assertThat(repository.claim("early", 10, Duration.ofMinutes(1))).isEmpty();

        // then: once due it is still claimable
        clock.set(retryAt.plusSeconds(1));
        assertThat(repository.claim("later", 10, Duration.ofMinutes(1))).extracting(Ticket::id).containsExactly(ticket.id());
    }

    @Test
    void should_evict_oldest_finished_tickets_but_keep_unfinished_ones_when_retention_is_reached() {
        InMemoryTicketRepository repository = InMemoryTicketRepository.builder().clock(clock).retainAtMost(2).build();
        Ticket unfinished = repository.insert(TicketFixtures.aTicket().build());
        Ticket done = repository.insert(TicketFixtures.aTicket().build());
        repository.update(done.toBuilder().processing(Processing.NEW.processed()).build());

        Ticket third = repository.insert(TicketFixtures.aTicket().build());

        assertThat(repository.size()).isEqualTo(2);
        assertThat(repository.findById(done.id())).isEmpty();
        assertThat(repository.findById(unfinished.id())).isPresent();
        assertThat(repository.findById(third.id())).isPresent();
    }
}
