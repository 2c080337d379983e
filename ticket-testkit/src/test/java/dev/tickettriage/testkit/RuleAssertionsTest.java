package dev.tickettriage.testkit;

import static dev.tickettriage.domain.Priority.HIGH;
import static dev.tickettriage.domain.Priority.LOW;
import static dev.tickettriage.domain.Priority.URGENT;
import static dev.tickettriage.rules.Actions.addTag;
import static dev.tickettriage.rules.Actions.assignTo;
import static dev.tickettriage.rules.Actions.escalate;
import static dev.tickettriage.rules.Actions.notifyTarget;
import static dev.tickettriage.rules.Actions.setPriority;
import static dev.tickettriage.rules.Conditions.containsAnyKeyword;
import static dev.tickettriage.rules.Conditions.olderThan;
import static dev.tickettriage.testkit.RuleAssertions.assertThatRules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Language;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.rules.RoutingRules;
import dev.tickettriage.rules.SlaPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RuleAssertionsTest {

    private static final Instant CREATED = Instant.parse("2026-03-02T10:00:00Z");
    private static final TicketId ID = TicketId.of(UUID.fromString("0190a5f2-7c3e-7000-8000-0000000000aa"));

    private static final RoutingRules RULES = RoutingRules.builder()
            .rule("outage").when(containsAnyKeyword("outage", "caída")).then(setPriority(URGENT), addTag("outage"))
            .rule("stale").when(olderThan(Duration.ofHours(8))).then(notifyTarget("leads", "Stale ticket {id}", "Waiting since {subject}"))
            .rule("refund").when(containsAnyKeyword("reembolso", "refund")).then(assignTo("finance"))
            .rule("legal").when(containsAnyKeyword("lawyer", "abogado")).then(escalate())
            .build();

    private static Ticket.Builder ticket(String body) {
        return Ticket.builder().id(ID).createdAt(CREATED).subject("Help").body(body);
    }

    private static Ticket classified(Sentiment sentiment) {
        Classification classification = Classification.builder().category(Category.of("billing")).sentiment(sentiment)
                .priority(Priority.MEDIUM).language(Language.SPANISH).summary("Cobro duplicado en la tarjeta")
                .confidence(ClassificationField.CATEGORY, Confidence.of(0.9, ConfidenceSource.MODEL))
                .provenance(Provenance.of("test", "v1", Duration.ZERO)).build();
        return ticket("Me cobraron dos veces").classification(classification).build();
    }

    @Test
    void should_pass_issue_example_when_defaults_see_very_negative_ticket() {
        RoutingRules rules = RoutingRules.defaults();
        Ticket ticket = classified(Sentiment.VERY_NEGATIVE);

        assertThatRules(rules).given(ticket).notifies("support-alerts").withPriority(URGENT);
    }

    @Test
    void should_fail_when_expected_notification_priority_differs() {
        Ticket ticket = classified(Sentiment.NEGATIVE);

        assertThatThrownBy(() -> assertThatRules(RoutingRules.defaults()).given(ticket).notifies("support-alerts").withPriority(URGENT))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("with priority URGENT")
                .hasMessageContaining("priority HIGH");
    }

    @Test
    void should_fail_listing_what_rules_did_when_target_not_notified() {
        assertThatThrownBy(() -> assertThatRules(RULES).given(ticket("Total outage").build()).notifies("support-alerts"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected a notification to 'support-alerts'")
                .hasMessageContaining("fired rules:   [outage]")
                .hasMessageContaining("<none> -> URGENT")
                .hasMessageContaining("[] -> [outage]");
    }

    @Test
    void should_chain_title_and_message_checks_on_same_notification() {
        Ticket ticket = classified(Sentiment.NEGATIVE);

        assertThatRules(RoutingRules.defaults()).given(ticket).notifies("support-alerts")
                .withPriority(HIGH).withTitleContaining("billing").withMessageContaining("Cobro duplicado")
                .withIdempotencyKey(ID + "/negative-sentiment-alert/support-alerts/v0")
                .and().fires("negative-sentiment-alert");
        assertThatThrownBy(() -> assertThatRules(RoutingRules.defaults()).given(ticket).notifies("support-alerts")
                .withTitleContaining("no such words"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("title containing \"no such words\"");
        assertThatThrownBy(() -> assertThatRules(RoutingRules.defaults()).given(ticket).notifies("support-alerts")
                .withMessageContaining("nada"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void should_route_at_created_at_by_default_and_at_given_instant_on_request() {
        Ticket ticket = ticket("Any news?").build();

        assertThatRules(RULES).given(ticket).doesNotNotify().doesNotFire("stale").firesNothing();
        assertThatRules(RULES).given(ticket).at(CREATED.plus(Duration.ofHours(9))).fires("stale").notifies("leads")
                .withTitleContaining(ID.toString());
        assertThatRules(RULES).given(ticket).withClock(Clock.fixed(CREATED.plus(Duration.ofHours(9)), ZoneOffset.UTC))
                .notifies("leads");
    }

    @Test
    void should_fail_when_unexpected_notification_or_rule_fires() {
        Ticket stale = ticket("Any news?").build();
        Instant late = CREATED.plus(Duration.ofHours(9));

        assertThatThrownBy(() -> assertThatRules(RULES).given(stale).at(late).doesNotNotify())
                .isInstanceOf(AssertionError.class).hasMessageContaining("to 'leads'");
        assertThatThrownBy(() -> assertThatRules(RULES).given(stale).at(late).doesNotNotify("leads"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertThatRules(RULES).given(stale).at(late).doesNotFire("stale"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Expected rule 'stale' not to fire");
        assertThatThrownBy(() -> assertThatRules(RULES).given(stale).fires("stale"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("fired rules:   []");
        assertThatRules(RULES).given(stale).at(late).doesNotNotify("support-alerts");
    }

    @Test
    void should_check_priority_tag_and_assignee_changes() {
        assertThatRules(RULES).given(ticket("Hay una caída y quiero un reembolso").build())
                .fires("outage").fires("refund").setsPriority(URGENT).addsTag("outage").assigns("finance");
    }

    @Test
    void should_fail_when_priority_was_already_set_or_differs() {
        Ticket alreadyUrgent = ticket("outage").priority(URGENT).build();

        assertThatThrownBy(() -> assertThatRules(RULES).given(alreadyUrgent).setsPriority(URGENT))
                .isInstanceOf(AssertionError.class).hasMessageContaining("URGENT (unchanged)");
        assertThatThrownBy(() -> assertThatRules(RULES).given(ticket("outage").build()).setsPriority(LOW))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Expected the rules to set priority LOW");
    }

    @Test
    void should_fail_when_tag_or_assignee_not_added_by_rules() {
        assertThatThrownBy(() -> assertThatRules(RULES).given(ticket("outage").tag("outage").build()).addsTag("outage"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertThatRules(RULES).given(ticket("refund please").assignee("ana").build()).assigns("finance"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("assignee:      ana (unchanged)");
    }

    @Test
    void should_detect_escalation() {
        assertThatRules(RULES).given(ticket("Mi abogado le escribirá").priority(HIGH).build()).escalates();
        assertThatRules(RULES).given(ticket("Mi abogado le escribirá").build()).escalates();
        assertThatThrownBy(() -> assertThatRules(RULES).given(ticket("Gracias").build()).escalates())
                .isInstanceOf(AssertionError.class).hasMessageContaining("Expected the rules to escalate");
    }

    @Test
    void should_fire_sla_escalation_once_using_assertions() {
        RoutingRules sla = RoutingRules.slaEscalation(SlaPolicy.ofDefaults(), "support-leads");
        Ticket urgent = ticket("Site down").priority(URGENT).build();
        Instant late = CREATED.plus(Duration.ofHours(2));

        RuleOutcomeAssert first = assertThatRules(sla).given(urgent).at(late);
        first.fires("sla-breached").addsTag("sla-breached").escalates().notifies("support-leads").withPriority(URGENT);
        Ticket stored = first.outcome().ticket();

        assertThatRules(sla).given(stored).at(late.plus(Duration.ofHours(1))).firesNothing().doesNotNotify();
    }

    @Test
    void should_check_rule_names() {
        assertThatRules(RULES).hasRule("refund").hasRulesInOrder("outage", "stale", "refund", "legal");
        assertThatThrownBy(() -> assertThatRules(RULES).hasRule("missing"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("[outage, stale, refund, legal]");
        assertThatThrownBy(() -> assertThatRules(RULES).hasRulesInOrder("stale", "outage"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void should_expose_outcome_for_custom_checks() {
        assertThat(assertThatRules(RoutingRules.none()).given(classified(Sentiment.VERY_NEGATIVE)).outcome().anyFired()).isFalse();
    }
}
