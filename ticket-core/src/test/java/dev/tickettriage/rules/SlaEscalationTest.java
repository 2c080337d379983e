package dev.tickettriage.rules;

import static dev.tickettriage.domain.Priority.HIGH;
import static dev.tickettriage.domain.Priority.MEDIUM;
import static dev.tickettriage.domain.Priority.URGENT;
import static dev.tickettriage.rules.TestTickets.CREATED;
import static dev.tickettriage.rules.TestTickets.clockAt;
import static dev.tickettriage.rules.TestTickets.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlaEscalationTest {

    private static final RoutingRules SLA = RoutingRules.slaEscalation(SlaPolicy.ofDefaults(), "support-leads");

    @ParameterizedTest
    @CsvSource({"URGENT,PT1H", "HIGH,PT4H", "MEDIUM,PT24H", "LOW,PT72H"})
    void should_use_default_targets_per_priority(Priority priority, Duration target) {
        Ticket ticket = ticket().priority(priority).build();
        SlaPolicy policy = SlaPolicy.ofDefaults();

        assertThat(policy.isBreached(ticket, CREATED.plus(target))).isFalse();
        assertThat(policy.isBreached(ticket, CREATED.plus(target).plusSeconds(1))).isTrue();
    }

    @Test
    void should_use_medium_target_when_ticket_has_no_priority() {
        assertThat(SlaPolicy.ofDefaults().deadline(ticket().build())).isEqualTo(CREATED.plus(Duration.ofHours(24)));
    }

    @Test
    void should_never_breach_done_ticket() {
        Instant muchLater = CREATED.plus(Duration.ofDays(30));

        assertThat(SlaPolicy.ofDefaults().isBreached(ticket().status(SupportStatus.RESOLVED).build(), muchLater)).isFalse();
        assertThat(SlaPolicy.ofDefaults().isBreached(ticket().status(SupportStatus.CLOSED).build(), muchLater)).isFalse();
        assertThat(SlaPolicy.ofDefaults().isBreached(ticket().status(SupportStatus.PENDING).build(), muchLater)).isTrue();
    }

    @Test
    void should_reject_policy_missing_a_priority_or_with_non_positive_target() {
        Map<Priority, Duration> missing = new EnumMap<>(SlaPolicy.ofDefaults().targets());
        missing.remove(Priority.LOW);
        Map<Priority, Duration> zero = new EnumMap<>(SlaPolicy.ofDefaults().targets());
        zero.put(Priority.LOW, Duration.ZERO);

        assertThatThrownBy(() -> new SlaPolicy(missing)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlaPolicy(zero)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_tag_escalate_and_notify_when_sla_breached() {
        Ticket high = ticket().priority(HIGH).build();

        RoutingOutcome outcome = SLA.route(high, clockAt(CREATED.plus(Duration.ofHours(5))));

        assertThat(outcome.firedRules()).containsExactly(RoutingRules.SLA_BREACHED_RULE);
        assertThat(outcome.ticket().tags()).containsExactly(RoutingRules.SLA_BREACHED_TAG, Actions.ESCALATED_TAG);
        assertThat(outcome.ticket().priority()).contains(URGENT);
        assertThat(outcome.notifications()).singleElement().satisfies(notification -> {
            assertThat(notification.target()).isEqualTo("support-leads");
            assertThat(notification.priority()).isEqualTo(URGENT);
            assertThat(notification.title()).contains("SLA breached", TestTickets.ID.toString(), "URGENT");
            assertThat(notification.idempotencyKey()).isEqualTo(TestTickets.ID + "/sla-breached/support-leads/v3");
        });
    }

    @Test
    void should_fire_once_per_ticket_when_outcome_is_stored_and_run_again() {
        Ticket ticket = ticket().build();   // no priority: MEDIUM target, 24 h

        RoutingOutcome first = SLA.route(ticket, clockAt(CREATED.plus(Duration.ofHours(25))));
        Ticket stored = first.ticket().toBuilder().version(ticket.version() + 1).build();
        RoutingOutcome second = SLA.route(stored, clockAt(CREATED.plus(Duration.ofHours(26))));
        RoutingOutcome third = SLA.route(stored, clockAt(CREATED.plus(Duration.ofDays(10))));

        assertThat(first.anyFired()).isTrue();
        assertThat(first.ticket().priority()).contains(HIGH);
        assertThat(second.anyFired()).isFalse();
        assertThat(third.anyFired()).isFalse();
        assertThat(second.ticket()).isSameAs(stored);
    }

    @Test
    void should_not_fire_before_deadline() {
        assertThat(SLA.route(ticket().priority(MEDIUM).build(), clockAt(CREATED.plus(Duration.ofHours(23)))).anyFired()).isFalse();
    }

    @Test
    void should_notify_escalation_target_when_rule_set_configures_one() {
        RoutingRules rules = RoutingRules.builder().escalationTarget("leads")
                .rule("angry-vip").when(Conditions.hasTag("vip")).then(Actions.escalate())
                .build();

        RoutingOutcome outcome = rules.route(ticket().tag("vip").priority(URGENT).build(), TestTickets.atCreation());

        assertThat(outcome.ticket().priority()).contains(URGENT);
        assertThat(outcome.ticket().tags()).contains(Actions.ESCALATED_TAG);
        assertThat(outcome.notifications()).extracting(Notification::target, Notification::priority)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("leads", URGENT));
    }

    @Test
    void should_escalate_silently_without_target_and_prefer_explicit_target() {
        RoutingRules silent = RoutingRules.builder().rule("e").when(Condition.always()).then(Actions.escalate()).build();
        RoutingRules explicit = RoutingRules.builder().escalationTarget("leads")
                .rule("e").when(Condition.always()).then(Actions.escalateTo("managers")).build();

        assertThat(silent.route(ticket().build(), TestTickets.atCreation()).notifications()).isEmpty();
        assertThat(explicit.route(ticket().build(), TestTickets.atCreation()).notifications())
                .extracting(Notification::target).containsExactly("managers");
    }

    @Test
    void should_send_one_notification_per_rule_and_target() {
        RoutingRules rules = RoutingRules.builder()
                .rule("twice").when(Condition.always())
                .then(Actions.escalateTo("leads"), Actions.notifyTarget("leads", "again", "again"))
                .build();

        assertThat(rules.route(ticket().build(), TestTickets.atCreation()).notifications()).hasSize(1);
    }
}
