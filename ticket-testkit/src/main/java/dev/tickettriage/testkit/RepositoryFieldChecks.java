package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.FieldStats;
import dev.tickettriage.port.TicketQuery;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Custom classification field checks of {@link TicketRepositoryContract} (query filters and field stats); not API. */
abstract class RepositoryFieldChecks extends RepositoryCrudChecks {

    private List<TicketId> matching(TicketQuery.Builder query) {
        return ids(repository.query(query.limit(TicketQuery.MAX_LIMIT).build()).items());
    }

    private Ticket enterprise;
    private Ticket free;
    private Ticket enterpriseRefund;
    private Ticket unfilled;
    private Ticket unclassified;

    /** Stores five tickets one second apart (so query order is fixed by createdAt). */
    private void storeFieldTickets() {
        enterprise = storeAndTick(TicketFixtures.aTicket().withField("plan", FieldValue.choice("enterprise"))
                .withField("areas", FieldValue.choices("billing", "web")).withField("seats", FieldValue.number(120))
                .withField("refund_requested", FieldValue.of(false)));
        free = storeAndTick(TicketFixtures.aTicket().withField("plan", FieldValue.choice("free"))
                .withField("areas", FieldValue.choices("web")).withField("note", FieldValue.text("Pro Max")));
        enterpriseRefund = storeAndTick(TicketFixtures.aTicket().withField("plan", FieldValue.choice("enterprise"))
                .withField("refund_requested", FieldValue.of(true)).withField("seats", FieldValue.number(2.5)));
        unfilled = storeAndTick(TicketFixtures.aTicket().classifiedAs("card_arrival", dev.tickettriage.domain.Sentiment.NEUTRAL,
                dev.tickettriage.domain.Priority.LOW));
        unclassified = storeAndTick(TicketFixtures.aTicket());
    }

    private Ticket storeAndTick(TicketFixtures.TicketBuilder builder) {
        Ticket stored = store(builder);
        clock.advance(java.time.Duration.ofSeconds(1));
        return stored;
    }

    @Test
    void should_filter_by_custom_field_value_when_query_names_one() {
        storeFieldTickets();

        assertThat(matching(TicketQuery.builder().fieldEquals("plan", "enterprise")))
                .containsExactly(enterprise.id(), enterpriseRefund.id());
        assertThat(matching(TicketQuery.builder().fieldEquals("plan", "free", "business"))).containsExactly(free.id());
        assertThat(matching(TicketQuery.builder().fieldEquals("plan", "Enterprise"))).as("exact canonical values").isEmpty();
        assertThat(matching(TicketQuery.builder().fieldEquals("areas", "web"))).containsExactly(enterprise.id(), free.id());
        assertThat(matching(TicketQuery.builder().fieldEquals("refund_requested", "true"))).containsExactly(enterpriseRefund.id());
        assertThat(matching(TicketQuery.builder().fieldEquals("seats", "2.5"))).containsExactly(enterpriseRefund.id());
        assertThat(matching(TicketQuery.builder().fieldEquals("note", "Pro Max"))).containsExactly(free.id());
        assertThat(matching(TicketQuery.builder().fieldEquals("plan", "enterprise").fieldEquals("refund_requested", "false")))
                .containsExactly(enterprise.id());
    }

    @Test
    void should_filter_by_filled_custom_field_when_query_asks_for_it() {
        storeFieldTickets();

        assertThat(matching(TicketQuery.builder().fieldFilled("refund_requested")))
                .containsExactly(enterprise.id(), enterpriseRefund.id());
        assertThat(matching(TicketQuery.builder().fieldFilled("churn_risk"))).isEmpty();
        assertThat(matching(TicketQuery.builder())).contains(unfilled.id(), unclassified.id());
    }

    @Test
    void should_count_tickets_by_custom_field_value_when_asked_for_field_stats() {
        storeFieldTickets();

        FieldStats plan = repository.fieldStats(TicketQuery.all(), "plan");
        FieldStats areas = repository.fieldStats(TicketQuery.all(), "areas");
        FieldStats refunds = repository.fieldStats(TicketQuery.builder().fieldEquals("plan", "enterprise").build(), "refund_requested");
        FieldStats seats = repository.fieldStats(TicketQuery.all(), "seats");
        FieldStats note = repository.fieldStats(TicketQuery.all(), "note");

        assertThat(plan.total()).isEqualTo(5);
        assertThat(plan.filled()).isEqualTo(3);
        assertThat(plan.notFilled()).isEqualTo(2);
        assertThat(plan.byValue()).containsOnly(java.util.Map.entry("enterprise", 2L), java.util.Map.entry("free", 1L));
        assertThat(areas.byValue()).containsOnly(java.util.Map.entry("web", 2L), java.util.Map.entry("billing", 1L));
        assertThat(refunds.total()).isEqualTo(2);
        assertThat(refunds.count("true")).isEqualTo(1);
        assertThat(refunds.count("false")).isEqualTo(1);
        assertThat(seats.byValue()).containsOnly(java.util.Map.entry("120", 1L), java.util.Map.entry("2.5", 1L));
        assertThat(note.filled()).isEqualTo(1);
        assertThat(note.byValue()).as("free text is not counted by value").isEmpty();
    }

    @Test
    void should_read_back_every_kind_of_custom_field_value_when_stored() {
        Ticket stored = store(TicketFixtures.aTicket().withClassification(TicketFixtures.aFullClassification().build()));

        Ticket found = repository.findById(stored.id()).orElseThrow();

        assertThat(found.classification().orElseThrow().fields())
                .isEqualTo(TicketFixtures.aFullClassification().build().fields());
    }
}
