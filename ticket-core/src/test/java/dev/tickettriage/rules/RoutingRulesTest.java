package dev.tickettriage.rules;

import static dev.tickettriage.domain.ClassificationField.CATEGORY;
import static dev.tickettriage.domain.Priority.HIGH;
import static dev.tickettriage.domain.Priority.LOW;
import static dev.tickettriage.domain.Priority.MEDIUM;
import static dev.tickettriage.domain.Priority.URGENT;
import static dev.tickettriage.domain.Sentiment.NEGATIVE;
import static dev.tickettriage.rules.Actions.addTag;
import static dev.tickettriage.rules.Actions.assign;
import static dev.tickettriage.rules.Actions.notifyTarget;
import static dev.tickettriage.rules.Actions.setPriority;
import static dev.tickettriage.rules.AssignmentStrategy.byCategory;
import static dev.tickettriage.rules.Conditions.category;
import static dev.tickettriage.rules.Conditions.confidenceAtLeast;
import static dev.tickettriage.rules.Conditions.containsAnyKeyword;
import static dev.tickettriage.rules.Conditions.hasTag;
import static dev.tickettriage.rules.Conditions.priorityAtLeast;
import static dev.tickettriage.rules.Conditions.sentimentAtMost;
import static dev.tickettriage.rules.TestTickets.CREATED;
import static dev.tickettriage.rules.TestTickets.atCreation;
import static dev.tickettriage.rules.TestTickets.classification;
import static dev.tickettriage.rules.TestTickets.clockAt;
import static dev.tickettriage.rules.TestTickets.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.Notification;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingRulesTest {

    @Test
    void should_list_every_target_the_rules_can_notify_when_asked_for_notification_targets() {
        RoutingRules rules = RoutingRules.builder()
                .rule("alert").when(sentimentAtMost(NEGATIVE)).then(notifyTarget("support-alerts", "t", "m"), setPriority(HIGH))
                .rule("page").when(priorityAtLeast(URGENT)).then(Actions.escalateTo("pager"))
                .rule("escalate").when(hasTag("vip")).then(Actions.escalate())
                .rule("tag").when(hasTag("x")).then(addTag("y"))
                .escalationTarget("managers")
                .build();

        assertThat(rules.notificationTargets()).containsExactly("support-alerts", "pager", "managers");
        assertThat(RoutingRules.defaults().notificationTargets()).containsExactly(RoutingRules.DEFAULT_ALERT_TARGET);
        assertThat(RoutingRules.none().notificationTargets()).isEmpty();
        assertThat(RoutingRules.builder().rule("escalate").when(hasTag("vip")).then(Actions.escalate()).build().notificationTargets())
                .as("escalate without an escalation target notifies nobody").isEmpty();
    }

    private static final RoutingRules EXAMPLE = RoutingRules.builder()
            .rule("angry-customer").when(sentimentAtMost(NEGATIVE)).then(notifyTarget("support-alerts", "Angry customer: {category}", "{summary}"))
            .rule("outage").when(containsAnyKeyword("outage", "caída", "down")).then(setPriority(URGENT), addTag("outage"))
            .rule("billing-to-finance").when(category("billing").and(confidenceAtLeast(CATEGORY, 0.7)))
            .then(assign(byCategory(Map.of(Category.of("billing"), "finance-team"), "triage-desk")))
            .build();

    @Test
    void should_apply_every_matching_rule_in_declaration_order() {
        Ticket ticket = ticket().body("Hay una caída del servicio de pagos")
                .classification(classification().sentiment(NEGATIVE).build()).build();

        RoutingOutcome outcome = EXAMPLE.route(ticket, atCreation());

        assertThat(outcome.firedRules()).containsExactly("angry-customer", "outage", "billing-to-finance");
        assertThat(outcome.ticket().priority()).contains(URGENT);
        assertThat(outcome.ticket().tags()).containsExactly("outage");
        assertThat(outcome.ticket().assignee()).contains("finance-team");
        assertThat(outcome.notifications()).singleElement().satisfies(notification -> {
            assertThat(notification.target()).isEqualTo("support-alerts");
            assertThat(notification.title()).isEqualTo("Angry customer: billing");
            assertThat(notification.message()).isEqualTo("Customer was charged twice");
        });
    }

    @Test
    void should_return_input_unchanged_when_no_rule_fires() {
        Ticket ticket = ticket().build();

        RoutingOutcome outcome = EXAMPLE.route(ticket, atCreation());

        assertThat(outcome.ticket()).isSameAs(ticket);
        assertThat(outcome.anyFired()).isFalse();
        assertThat(outcome.notifications()).isEmpty();
    }

    @Test
    void should_let_later_rules_see_earlier_changes() {
        RoutingRules rules = RoutingRules.builder()
                .rule("vip").when(hasTag("vip")).then(setPriority(HIGH))
                .rule("page-on-high").when(priorityAtLeast(HIGH)).then(notifyTarget("pager", "High: {id}", "{priority}"))
                .build();

        RoutingOutcome outcome = rules.route(ticket().tag("vip").build(), atCreation());

        assertThat(outcome.firedRules()).containsExactly("vip", "page-on-high");
        assertThat(outcome.notifications()).extracting(Notification::priority).containsExactly(HIGH);
    }

    @Test
    void should_skip_later_rules_when_rule_stops_processing() {
        RoutingRules rules = RoutingRules.builder()
                .rule("spam").when(containsAnyKeyword("casino")).then(addTag("spam")).stopProcessing()
                .rule("tag-all").when(Condition.always()).then(addTag("seen"))
                .build();

        assertThat(rules.route(ticket().body("Free casino bonus").build(), atCreation()).firedRules()).containsExactly("spam");
        assertThat(rules.route(ticket().build(), atCreation()).firedRules()).containsExactly("tag-all");
        assertThat(rules.rules().get(0).stopsProcessing()).isTrue();
    }

    @Test
    void should_reject_duplicate_rule_names_at_build() {
        RoutingRules.Builder builder = RoutingRules.builder()
                .rule("alert").when(Condition.always()).then(addTag("a"))
                .rule("alert").when(Condition.never()).then(addTag("b"));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(DuplicateRuleNameException.class,
                e -> assertThat(e.ruleName()).isEqualTo("alert"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", " padded", "a/b", "line\nbreak"})
    void should_reject_invalid_rule_name(String name) {
        assertThatThrownBy(() -> RoutingRules.builder().rule(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_reject_stop_processing_before_any_rule() {
        assertThatThrownBy(() -> RoutingRules.builder().stopProcessing()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void should_build_deterministic_idempotency_key_from_ticket_version() {
        Ticket ticket = TestTickets.classified(NEGATIVE);

        Notification first = RoutingRules.defaults().route(ticket, atCreation()).notifications().get(0);
        Notification again = RoutingRules.defaults().route(ticket, clockAt(CREATED.plusSeconds(90))).notifications().get(0);
        Notification nextVersion = RoutingRules.defaults().route(ticket.toBuilder().version(4).build(), atCreation())
                .notifications().get(0);

        assertThat(first.idempotencyKey()).isEqualTo(TestTickets.ID + "/negative-sentiment-alert/support-alerts/v3");
        assertThat(again.idempotencyKey()).isEqualTo(first.idempotencyKey());
        assertThat(nextVersion.idempotencyKey()).endsWith("/v4");
    }

    @Test
    void should_take_notification_priority_from_action_then_ticket_then_medium() {
        RoutingRules rules = RoutingRules.builder()
                .rule("fixed").when(Condition.always()).then(notifyTarget("a", "t", "m", LOW))
                .rule("from-ticket").when(Condition.always()).then(notifyTarget("b", "t", "m"))
                .build();

        assertThat(rules.route(ticket().priority(URGENT).build(), atCreation()).notifications())
                .extracting(Notification::priority).containsExactly(LOW, URGENT);
        assertThat(rules.route(ticket().build(), atCreation()).notifications())
                .extracting(Notification::priority).containsExactly(LOW, MEDIUM);
    }

    @Test
    void should_render_link_only_when_link_template_configured() {
        RoutingRules withLink = RoutingRules.defaults().toBuilder().linkTemplate("https://desk.example.com/tickets/{id}").build();
        Ticket ticket = TestTickets.classified(NEGATIVE);

        assertThat(withLink.route(ticket, atCreation()).notifications().get(0).linkUri().orElse(null))
                .isEqualTo(URI.create("https://desk.example.com/tickets/" + TestTickets.ID));
        assertThat(RoutingRules.defaults().route(ticket, atCreation()).notifications().get(0).linkUri()).isEmpty();
    }

    @Test
    void should_percent_encode_link_values() {
        RoutingRules rules = RoutingRules.builder().linkTemplate("https://desk.example.com/search?q={subject}")
                .rule("n").when(Condition.always()).then(notifyTarget("a", "t", "m")).build();

        URI link = rules.route(ticket().subject("Mi tarjeta & más").build(), atCreation()).notifications().get(0).linkUri().orElseThrow();

        assertThat(link).hasToString("https://desk.example.com/search?q=Mi%20tarjeta%20%26%20m%C3%A1s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a uri {id}", "/relative/{id}", "https://x.example/{unknown}"})
    void should_reject_link_template_that_does_not_render_absolute_uri(String template) {
        assertThatThrownBy(() -> RoutingRules.builder().linkTemplate(template)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_alert_with_high_priority_when_defaults_see_negative_sentiment() {
        RoutingOutcome outcome = RoutingRules.defaults().route(TestTickets.classified(NEGATIVE), atCreation());

        assertThat(outcome.firedRules()).containsExactly(RoutingRules.NEGATIVE_SENTIMENT_RULE);
        assertThat(outcome.ticket()).isEqualTo(TestTickets.classified(NEGATIVE));
        assertThat(outcome.notifications()).singleElement().satisfies(notification -> {
            assertThat(notification.target()).isEqualTo("support-alerts");
            assertThat(notification.priority()).isEqualTo(HIGH);
            assertThat(notification.title()).contains(TestTickets.ID.toString(), "billing", "NEGATIVE");
            assertThat(notification.message()).contains(TestTickets.ID.toString(), "billing", "NEGATIVE", "Customer was charged twice");
            assertThat(notification.ticketId()).isEqualTo(TestTickets.ID);
        });
    }

    @Test
    void should_alert_with_urgent_priority_when_defaults_see_very_negative_sentiment() {
        RoutingOutcome outcome = RoutingRules.defaults().route(TestTickets.classified(Sentiment.VERY_NEGATIVE), atCreation());

        assertThat(outcome.notifications()).extracting(Notification::priority).containsExactly(URGENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NEUTRAL", "POSITIVE", "VERY_POSITIVE"})
    void should_stay_silent_when_defaults_see_non_negative_sentiment(Sentiment sentiment) {
        assertThat(RoutingRules.defaults().route(TestTickets.classified(sentiment), atCreation()).anyFired()).isFalse();
    }

    @Test
    void should_stay_silent_when_defaults_see_unclassified_ticket() {
        assertThat(RoutingRules.defaults().route(ticket().build(), atCreation()).anyFired()).isFalse();
    }

    @Test
    void should_change_nothing_when_none() {
        Ticket ticket = TestTickets.classified(Sentiment.VERY_NEGATIVE);

        RoutingOutcome outcome = RoutingRules.none().route(ticket, atCreation());

        assertThat(outcome).isEqualTo(RoutingOutcome.unchanged(ticket));
        assertThat(RoutingRules.none().rules()).isEmpty();
    }

    @Test
    void should_move_updated_at_to_routing_time_when_ticket_changed() {
        RoutingOutcome outcome = RoutingRules.builder().rule("tag").when(Condition.always()).then(addTag("x")).build()
                .route(ticket().build(), clockAt(CREATED.plus(Duration.ofMinutes(5))));

        assertThat(outcome.ticket().updatedAt()).isEqualTo(CREATED.plus(Duration.ofMinutes(5)));
    }

    @Test
    void should_expose_rules_in_declaration_order() {
        assertThat(EXAMPLE.rules()).extracting(RoutingRule::name).containsExactly("angry-customer", "outage", "billing-to-finance");
        assertThat(EXAMPLE.toBuilder().rule("extra").when(Condition.always()).then(addTag("x")).build().rules()).hasSize(4);
        assertThat(EXAMPLE.rules()).hasSize(3);
    }

    @Test
    void should_compile_qualified_notify_from_issue() {
        RoutingRules rules = RoutingRules.builder()
                .rule("angry").when(sentimentAtMost(NEGATIVE)).then(Actions.notify("support-alerts", "Angry: {category}", "{summary}", URGENT))
                .build();

        assertThat(rules.route(TestTickets.classified(NEGATIVE), atCreation()).notifications())
                .extracting(Notification::target, Notification::priority).containsExactly(org.assertj.core.groups.Tuple.tuple("support-alerts", URGENT));
    }
}
