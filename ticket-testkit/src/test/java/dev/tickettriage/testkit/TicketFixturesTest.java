package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Channel;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TicketFixturesTest {

    @Test
    void should_build_new_ticket_with_given_values() {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");

        Ticket ticket = TicketFixtures.aTicket().withSubject("S").withBody("B").withChannel(Channel.CHAT)
                .withCustomerEmail("a@example.com").classifiedAs("refund_not_showing_up", Sentiment.NEGATIVE, Priority.HIGH)
                .createdAt(at).build();

        assertThat(ticket.subject()).contains("S");
        assertThat(ticket.body()).isEqualTo("B");
        assertThat(ticket.channel()).isEqualTo(Channel.CHAT);
        assertThat(ticket.customer().email()).contains("a@example.com");
        assertThat(ticket.classification().orElseThrow().category()).isEqualTo(Category.of("refund_not_showing_up"));
        assertThat(ticket.priority()).contains(Priority.HIGH);
        assertThat(ticket.createdAt()).isEqualTo(at);
        assertThat(ticket.version()).isZero();
        assertThat(ticket.processingState()).isEqualTo(ProcessingState.NEW);
    }

    @Test
    void should_give_each_ticket_its_own_id() {
        assertThat(TicketFixtures.aTicket().build().id()).isNotEqualTo(TicketFixtures.aTicket().build().id());
    }

    @Test
    void should_use_labels_of_banking_taxonomy_in_ready_made_data() {
        assertThat(TicketFixtures.bankingTaxonomy().contains(TicketFixtures.aClassification().build().category())).isTrue();
        assertThat(TicketFixtures.bankingTaxonomy().contains(TicketFixtures.aFullClassification().build().category())).isTrue();
        assertThat(TicketFixtures.bankingTaxonomy().resolve("Reembolso")).contains(Category.of("refund_not_showing_up"));
        assertThat(TicketFixtures.bankingTaxonomy().fallback()).contains(Category.of("other"));
    }

    @Test
    void should_create_valid_ticket_from_new_ticket_fixture() {
        Ticket ticket = TicketFactory.ofDefaults().create(TicketFixtures.newTicket().build(), Instant.EPOCH);

        assertThat(ticket.customer().email()).contains("alex.doe@example.com");
    }

    @Test
    void should_provide_english_and_spanish_samples() {
        assertThat(TicketFixtures.angryCustomer().body()).containsIgnoringCase("refund");
        assertThat(TicketFixtures.spanishTicket().body()).contains("tarjeta");
        Ticket full = TicketFixtures.fullyPopulatedTicket(Instant.EPOCH);
        assertThat(full.tags()).containsExactly("vip", "card", "español");
        assertThat(full.classification().orElseThrow().provenance().cost()).isPresent();
    }
}
