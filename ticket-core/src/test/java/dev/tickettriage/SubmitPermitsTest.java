package dev.tickettriage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketFactory;
import dev.tickettriage.domain.TicketLimits;
import dev.tickettriage.memory.InMemoryTicketRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmitPermitsTest {

    @Test
    void should_give_back_the_permits_of_tickets_finished_elsewhere_one_page_per_reconciliation() {
        InMemoryTicketRepository repository = InMemoryTicketRepository.create();
        TicketFactory factory = new TicketFactory(TicketLimits.ofDefaults());
        SubmitPermits permits = new SubmitPermits(2_000);
        List<Ticket> stored = new ArrayList<>();
        Instant createdAt = Instant.parse("2026-01-01T09:00:00Z");
        for (int i = 0; i < 1_200; i++) {
            permits.acquire(java.time.Duration.ZERO, () -> { });
            Ticket ticket = repository.insert(factory.create(NewTicket.of("ticket " + i), createdAt.plusMillis(i)));
            permits.track(ticket);
            stored.add(ticket);
        }
        // another node finishes every even ticket: 600 stay unfinished, more than one reconciliation page
        for (int i = 0; i < 1_200; i += 2) {
            Ticket ticket = stored.get(i);
            repository.update(ticket.toBuilder().processing(ticket.processing().processed()).build());
        }

        int first = permits.reconcile(repository);
        int released = first;
        for (int run = 0; run < 3; run++) released += permits.reconcile(repository);

        assertThat(first).as("one page of " + SubmitPermits.RECONCILE_PAGE + " unfinished tickets covers about 1,000").isBetween(490, 510);
        assertThat(released).isEqualTo(600);
        assertThat(permits.inFlight()).isEqualTo(600);
    }
}
