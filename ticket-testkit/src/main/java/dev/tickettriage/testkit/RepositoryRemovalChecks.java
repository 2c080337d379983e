package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.domain.Customer;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.CustomerKey;
import dev.tickettriage.port.ErasureReport;
import dev.tickettriage.port.OutboxEntry;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.TicketQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Right-to-erasure and retention checks of {@link TicketRepositoryContract}; not API. */
abstract class RepositoryRemovalChecks extends RepositoryBatchChecks {

    private Ticket storeFor(Customer customer, String body) {
        Ticket ticket = store(TicketFixtures.aTicket().withCustomer(customer).withBody(body));
        return repository.update(new TicketChange(ticket, List.of(notificationFor(ticket, "key-" + ticket.id())),
                List.of(audit(ticket, "classified"))));
    }

    @Test
    void should_erase_every_ticket_audit_entry_and_notification_of_a_customer_and_record_that_it_happened() {
        Ticket first = storeFor(new Customer("Ana", "Ana.Perez@Example.com", null), "First ticket of Ana");
        Ticket second = storeFor(new Customer(null, "ana.perez@example.com", "crm-1"), "Second ticket of Ana");
        Ticket other = storeFor(new Customer("Bob", "bob@example.com", null), "Ticket of Bob");

        ErasureReport report = repository.eraseCustomer(CustomerKey.email("ANA.PEREZ@example.com"), "dpo@company");

        assertThat(report).isEqualTo(new ErasureReport(2, 2, 2));
        assertThat(repository.findById(first.id())).isEmpty();
        assertThat(repository.findById(second.id())).isEmpty();
        assertThat(repository.query(TicketQuery.all()).items()).extracting(Ticket::id).containsExactly(other.id());
        List<AuditEntry> trail = repository.auditTrail(first.id());
        assertThat(trail).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("customer-erased");
            assertThat(entry.actor()).isEqualTo("dpo@company");
            assertThat(entry.detail()).doesNotContainIgnoringCase("ana");
        });
        assertThat(outbox().claimDue("dispatcher", 10, Duration.ofMinutes(1))).extracting(OutboxEntry::notification)
                .extracting(notification -> notification.ticketId()).containsExactly(other.id());
        assertThat(repository.stats(TicketQuery.all()).total()).isEqualTo(1);
    }

    @Test
    void should_erase_by_external_id_once_and_nothing_more_the_second_time() {
        Ticket ticket = storeFor(new Customer("Eve", null, "crm-42"), "Ticket of Eve");
        storeFor(new Customer("Eve", null, "crm-421"), "Another customer whose id starts the same");

        ErasureReport first = repository.eraseCustomer(CustomerKey.externalId("crm-42"), "support-lead");
        ErasureReport second = repository.eraseCustomer(CustomerKey.externalId("crm-42"), "support-lead");

        assertThat(first.tickets()).isEqualTo(1);
        assertThat(second).isEqualTo(new ErasureReport(0, 0, 0));
        assertThat(repository.findById(ticket.id())).isEmpty();
        assertThat(repository.query(TicketQuery.all()).items()).hasSize(1);
    }

    @Test
    void should_purge_finished_tickets_older_than_the_cutoff_in_bounded_batches() {
        List<Ticket> old = storeSeries(5);
        for (Ticket ticket : old) {
            repository.update(ticket.toBuilder().status(SupportStatus.CLOSED).processing(ticket.processing().processed())
                    .updatedAt(clock.instant()).build());
        }
        Ticket stillOpen = repository.update(old.get(0).toBuilder().version(2).status(SupportStatus.OPEN).build());
        Ticket unprocessed = store(TicketFixtures.aTicket().withBody("Waiting for a worker"));
        clock.advance(Duration.ofDays(40));
        Ticket recent = store(TicketFixtures.aTicket().withBody("Closed yesterday"));
        repository.update(recent.toBuilder().status(SupportStatus.RESOLVED).processing(recent.processing().processed())
                .updatedAt(clock.instant()).build());
        Instant cutoff = clock.instant().minus(Duration.ofDays(30));

        int firstBatch = repository.purgeFinished(cutoff, 3);
        int secondBatch = repository.purgeFinished(cutoff, 3);
        int third = repository.purgeFinished(cutoff, 3);

        assertThat(firstBatch).isEqualTo(3);
        assertThat(secondBatch).isEqualTo(1);
        assertThat(third).isZero();
        assertThat(repository.query(TicketQuery.all()).items()).extracting(Ticket::id)
                .containsExactlyInAnyOrder(stillOpen.id(), unprocessed.id(), recent.id());
        assertThat(repository.auditTrail(old.get(4).id())).isEmpty();
    }
}
