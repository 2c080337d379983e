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

    // ---- backlog stats (kept here with the other whole-store operations) ----

    private Ticket classifiedAfter(Ticket ticket, Duration after) {
        Instant at = ticket.createdAt().plus(after);
        return repository.update(new TicketChange(ticket.toBuilder().processing(ticket.processing().processed()).updatedAt(at).build(),
                List.of(), List.of(new AuditEntry(ticket.id(), at, "classifier:test", AuditEntry.CLASSIFIED, "category=billing"))));
    }

    @Test
    void should_report_backlog_oldest_unprocessed_age_and_time_to_classify() {
        Instant start = clock.instant();
        Ticket first = store();
        clock.advance(Duration.ofMinutes(1));
        Ticket second = store();
        clock.advance(Duration.ofMinutes(1));
        store();   // claimed below: the oldest unprocessed
        clock.advance(Duration.ofMinutes(1));
        store();   // stays NEW
        classifiedAfter(first, Duration.ofSeconds(10));
        classifiedAfter(second, Duration.ofSeconds(30));
        assertThat(repository.claim("worker", 1, Duration.ofMinutes(10))).hasSize(1);

        dev.tickettriage.port.BacklogStats stats = repository.backlogStats(TicketQuery.all(), start.plus(Duration.ofMinutes(5)), 100);

        assertThat(stats.backlog()).isEqualTo(2);
        assertThat(stats.oldestUnprocessedAge()).isEqualTo(Duration.ofMinutes(3));
        assertThat(stats.sampled()).isEqualTo(2);
        assertThat(stats.meanTimeToClassify()).isEqualTo(Duration.ofSeconds(20));
        assertThat(stats.p95TimeToClassify()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void should_report_an_empty_backlog_as_zeros() {
        dev.tickettriage.port.BacklogStats stats = repository.backlogStats(TicketQuery.all(), clock.instant(), 10);

        assertThat(stats).isEqualTo(new dev.tickettriage.port.BacklogStats(0, Duration.ZERO, 0, Duration.ZERO, Duration.ZERO));
    }
}
