package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.StaleTicketException;
import dev.tickettriage.error.TicketNotFoundException;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.port.UpdateOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code insertAll} and {@code updateAll} checks of {@link TicketRepositoryContract}; not API. */
abstract class RepositoryBatchChecks extends OutboxContract {

    @Test
    void should_store_every_ticket_at_version_1_when_inserting_a_batch() {
        List<Ticket> fresh = new ArrayList<>();
        for (int i = 0; i < 5; i++) fresh.add(TicketFixtures.aTicket().createdAt(clock.instant()).withBody("Batch ticket " + i).build());

        List<Ticket> stored = repository.insertAll(fresh);

        assertThat(stored).extracting(Ticket::version).containsOnly(1L);
        assertThat(ids(stored)).containsExactlyElementsOf(ids(fresh));
        for (Ticket ticket : fresh) assertSameContent(repository.findById(ticket.id()).orElseThrow(), ticket);
    }

    @Test
    void should_reject_a_batch_holding_a_ticket_that_is_already_stored() {
        Ticket existing = store();
        Ticket other = TicketFixtures.aTicket().createdAt(clock.instant()).build();

        assertThatThrownBy(() -> repository.insertAll(List.of(other, existing.toBuilder().version(0).build())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(repository.findById(existing.id()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void should_store_the_fresh_changes_and_report_the_stale_one_when_updating_a_batch() {
        Ticket first = store();
        Ticket stale = store();
        Ticket third = store();
        repository.update(stale);   // now at version 2: the change below carries version 1

        List<UpdateOutcome> outcomes = repository.updateAll(List.of(
                new TicketChange(first.toBuilder().assignee("ana").build(), List.of(notificationFor(first, "k-first")),
                        List.of(audit(first, "assigned"))),
                new TicketChange(stale.toBuilder().assignee("bob").build(), List.of(notificationFor(stale, "k-stale")),
                        List.of(audit(stale, "assigned"))),
                TicketChange.of(third.toBuilder().assignee("eve").build())));

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0).ticket().orElseThrow().version()).isEqualTo(2);
        assertThat(outcomes.get(1).isStored()).isFalse();
        assertThat(outcomes.get(1).failure().orElseThrow()).isInstanceOf(StaleTicketException.class);
        assertThat(outcomes.get(2).ticket().orElseThrow().assignee()).contains("eve");
        assertThat(repository.findById(first.id()).orElseThrow().assignee()).contains("ana");
        assertThat(repository.findById(stale.id()).orElseThrow().assignee()).isEmpty();
        assertThat(repository.auditTrail(first.id())).extracting(entry -> entry.action()).containsExactly("assigned");
        assertThat(repository.auditTrail(stale.id())).isEmpty();
        assertThat(outbox().claimDue("dispatcher", 10, Duration.ofMinutes(1)))
                .extracting(entry -> entry.notification().idempotencyKey()).containsExactly("k-first");
    }

    @Test
    void should_report_a_missing_ticket_alone_when_updating_a_batch() {
        Ticket stored = store();
        Ticket missing = TicketFixtures.aTicket().createdAt(clock.instant()).build().toBuilder().version(1).build();

        List<UpdateOutcome> outcomes = repository.updateAll(List.of(TicketChange.of(missing), TicketChange.of(stored)));

        assertThat(outcomes.get(0).failure().orElseThrow()).isInstanceOf(TicketNotFoundException.class);
        assertThat(outcomes.get(1).ticket().orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void should_end_the_leases_of_completed_tickets_and_keep_the_others_when_updating_a_claimed_batch() {
        storeSeries(3);
        List<Ticket> claimed = repository.claim("worker-a", 3, Duration.ofMinutes(5));
        List<TicketChange> changes = new ArrayList<>();
        changes.add(TicketChange.of(claimed.get(0).toBuilder().processing(claimed.get(0).processing().processed())
                .updatedAt(clock.instant()).build()));
        changes.add(TicketChange.of(claimed.get(1).toBuilder().assignee("still-working").build()));

        List<UpdateOutcome> outcomes = repository.updateAll(changes);

        assertThat(outcomes).allMatch(UpdateOutcome::isStored);
        assertThat(repository.findById(claimed.get(0).id()).orElseThrow().processingState()).isEqualTo(ProcessingState.PROCESSED);
        // the one still PROCESSING keeps its lease: another owner cannot claim it, its owner can extend it
        clock.advance(Duration.ofMinutes(1));
        assertThat(repository.claim("worker-b", 10, Duration.ofMinutes(5))).isEmpty();
        assertThat(repository.extendLease(claimed.get(1).id(), "worker-a", Duration.ofMinutes(5))).isTrue();
        assertThat(repository.query(TicketQuery.builder().processingState(ProcessingState.PROCESSED).build()).items())
                .extracting(Ticket::id).containsExactly(claimed.get(0).id());
    }
}
