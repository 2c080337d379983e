package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.IdempotencyKey;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.StaleTicketException;
import dev.tickettriage.error.TicketNotFoundException;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.port.TicketRepository.InsertResult;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Insert, find, update and audit checks of {@link TicketRepositoryContract}; not API. */
abstract class RepositoryCrudChecks extends RepositoryContractSupport {

    @Test
    void should_store_version_1_and_round_trip_every_field_when_inserting() {
        Ticket ticket = TicketFixtures.fullyPopulatedTicket(clock.instant());

        Ticket stored = repository.insert(ticket);

        assertThat(stored.version()).isEqualTo(1);
        assertSameContent(stored, ticket);
        Ticket found = repository.findById(ticket.id()).orElseThrow();
        assertThat(found.version()).isEqualTo(1);
        assertSameContent(found, ticket);
        assertThat(found.body()).isEqualTo(ticket.body());
        assertThat(found.classification().orElseThrow().provenance().cost().orElseThrow())
                .isEqualByComparingTo(ticket.classification().orElseThrow().provenance().cost().orElseThrow());
    }

    @Test
    void should_round_trip_minimal_ticket_when_optional_fields_are_absent() {
        Ticket ticket = TicketFixtures.aTicket().createdAt(clock.instant()).withSubject(null).build();

        Ticket found = repository.findById(repository.insert(ticket).id()).orElseThrow();

        assertSameContent(found, ticket);
        assertThat(found.subject()).isEmpty();
        assertThat(found.classification()).isEmpty();
        assertThat(found.priority()).isEmpty();
        assertThat(found.assignee()).isEmpty();
        assertThat(found.customer().isAnonymous()).isTrue();
    }

    @Test
    void should_create_ticket_when_idempotency_key_is_new() {
        Ticket ticket = TicketFixtures.aTicket().createdAt(clock.instant()).build();

        InsertResult result = repository.insert(ticket, IdempotencyKey.of("form-submit-1"));

        assertThat(result.created()).isTrue();
        assertThat(result.ticket().id()).isEqualTo(ticket.id());
        assertThat(result.ticket().version()).isEqualTo(1);
    }

    @Test
    void should_return_first_ticket_and_store_nothing_when_idempotency_key_is_reused() {
        IdempotencyKey key = IdempotencyKey.of("form-submit-1");
        Ticket first = repository.insert(TicketFixtures.aTicket().createdAt(clock.instant()).build(), key).ticket();
        Ticket second = TicketFixtures.aTicket().createdAt(clock.instant()).withBody("A retried submit").build();

        InsertResult result = repository.insert(second, key);

        assertThat(result.created()).isFalse();
        assertThat(result.ticket().id()).isEqualTo(first.id());
        assertThat(repository.findById(second.id())).isEmpty();
        assertThat(repository.query(TicketQuery.all()).items()).hasSize(1);
    }

    @Test
    void should_store_one_ticket_when_8_threads_insert_with_the_same_key() throws Exception {
        IdempotencyKey key = IdempotencyKey.of("concurrent-submit");

        List<InsertResult> results = concurrently(8,
                () -> repository.insert(TicketFixtures.aTicket().createdAt(clock.instant()).build(), key));

        assertThat(results).filteredOn(InsertResult::created).hasSize(1);
        Set<TicketId> ids = results.stream().map(result -> result.ticket().id()).collect(Collectors.toSet());
        assertThat(ids).hasSize(1);
        assertThat(repository.query(TicketQuery.all()).items()).extracting(Ticket::id).containsExactlyElementsOf(ids);
    }

    @Test
    void should_store_both_when_different_keys_or_no_key_are_used() {
        repository.insert(TicketFixtures.aTicket().createdAt(clock.instant()).build(), IdempotencyKey.of("a"));
        repository.insert(TicketFixtures.aTicket().createdAt(clock.instant()).build(), IdempotencyKey.of("b"));
        repository.insert(TicketFixtures.aTicket().createdAt(clock.instant()).build(), null);
        repository.insert(TicketFixtures.aTicket().createdAt(clock.instant()).build(), null);

        assertThat(repository.query(TicketQuery.all()).items()).hasSize(4);
    }

    @Test
    void should_find_nothing_when_id_is_unknown() {
        store();

        assertThat(repository.findById(TicketId.generate(clock.instant()))).isEmpty();
    }

    @Test
    void should_bump_version_and_store_changes_when_updating() {
        Ticket stored = store();

        Ticket updated = repository.update(stored.toBuilder().assignee("alice").status(SupportStatus.IN_PROGRESS).build());
        Ticket again = repository.update(updated.toBuilder().assignee("bob").build());

        assertThat(updated.version()).isEqualTo(2);
        assertThat(again.version()).isEqualTo(3);
        Ticket found = repository.findById(stored.id()).orElseThrow();
        assertThat(found.version()).isEqualTo(3);
        assertThat(found.assignee()).contains("bob");
        assertThat(found.status()).isEqualTo(SupportStatus.IN_PROGRESS);
    }

    @Test
    void should_throw_stale_and_change_nothing_when_version_is_old() {
        Ticket stored = store();
        repository.update(stored.toBuilder().assignee("alice").build());
        Ticket stale = stored.toBuilder().assignee("mallory").build();
        TicketChange change = new TicketChange(stale, List.of(notificationFor(stale, "stale-key")), List.of(audit(stale, "stale")));

        assertThatThrownBy(() -> repository.update(change))
                .isInstanceOfSatisfying(StaleTicketException.class, e -> assertThat(e.ticketId()).isEqualTo(stored.id()));

        Ticket found = repository.findById(stored.id()).orElseThrow();
        assertThat(found.version()).isEqualTo(2);
        assertThat(found.assignee()).contains("alice");
        assertThat(repository.auditTrail(stored.id())).extracting(AuditEntry::action).doesNotContain("stale");
    }

    @Test
    void should_throw_not_found_when_updating_unknown_ticket() {
        Ticket unknown = TicketFixtures.aTicket().createdAt(clock.instant()).withVersion(1).build();

        assertThatThrownBy(() -> repository.update(unknown))
                .isInstanceOfSatisfying(TicketNotFoundException.class, e -> assertThat(e.ticketId()).isEqualTo(unknown.id()));
        assertThat(repository.findById(unknown.id())).isEmpty();
    }

    @Test
    void should_append_audit_entries_in_order_when_update_carries_them() {
        Ticket stored = store();
        Ticket other = store();
        AuditEntry first = audit(stored, "classified");
        AuditEntry second = audit(stored, "status-changed");

        repository.update(new TicketChange(stored, List.of(), List.of(first, second)));
        repository.update(new TicketChange(other, List.of(), List.of(audit(other, "other-ticket"))));

        List<AuditEntry> trail = repository.auditTrail(stored.id());
        assertThat(trail).containsSubsequence(first, second);
        assertThat(trail).extracting(AuditEntry::action).doesNotContain("other-ticket");
    }

    @Test
    void should_return_empty_trail_when_ticket_is_unknown() {
        assertThat(repository.auditTrail(TicketId.generate(clock.instant()))).isEmpty();
    }
}
