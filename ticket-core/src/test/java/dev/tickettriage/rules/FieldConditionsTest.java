package dev.tickettriage.rules;

import static dev.tickettriage.rules.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.Ticket;
import org.junit.jupiter.api.Test;

class FieldConditionsTest {

    private static final Confidence HIGH = Confidence.of(0.9, ConfidenceSource.MODEL);
    private static final Confidence LOW = Confidence.of(0.4, ConfidenceSource.RULE);

    private static final Ticket TICKET = TestTickets.ticket().classification(TestTickets.classification()
            .field("refund_requested", FieldValue.of(true), HIGH)
            .field("vip", FieldValue.of(false), HIGH)
            .field("plan", FieldValue.choice("enterprise"), LOW)
            .field("product_areas", FieldValue.choices("billing", "web"), HIGH)
            .field("seats", FieldValue.number(120), HIGH)
            .field("product_name", FieldValue.text("Pro Max"), HIGH)
            .build()).build();
    private static final Ticket UNCLASSIFIED = TestTickets.ticket().build();

    private static boolean holds(Condition condition, Ticket ticket) {
        return condition.test(RuleContext.of(ticket, TestTickets.atCreation()));
    }

    private static boolean holds(Condition condition) {
        return holds(condition, TICKET);
    }

    @Test
    void should_test_boolean_fields_when_filled() {
        assertThat(holds(field("refund_requested").isTrue())).isTrue();
        assertThat(holds(field("refund_requested").isFalse())).isFalse();
        assertThat(holds(field("vip").isFalse())).isTrue();
        assertThat(holds(field("vip").isTrue())).isFalse();
        assertThat(holds(field("churned").isFalse())).as("not filled is not false").isFalse();
    }

    @Test
    void should_test_closed_set_values_exactly() {
        assertThat(holds(field("plan").in("enterprise", "business"))).isTrue();
        assertThat(holds(field("plan").is("free"))).isFalse();
        assertThat(holds(field("plan").is("Enterprise"))).as("stored values are the declared ones, compared exactly").isFalse();
        assertThat(holds(field("product_areas").in("web"))).isTrue();
        assertThat(holds(field("product_areas").containsAll("web", "billing"))).isTrue();
        assertThat(holds(field("product_areas").containsAll("web", "mobile_app"))).isFalse();
        assertThat(holds(field("product_name").is("Pro Max"))).isTrue();
    }

    @Test
    void should_compare_numbers_and_ignore_other_kinds() {
        assertThat(holds(field("seats").atLeast(120))).isTrue();
        assertThat(holds(field("seats").greaterThan(120))).isFalse();
        assertThat(holds(field("seats").atMost(119))).isFalse();
        assertThat(holds(field("seats").lessThan(121))).isTrue();
        assertThat(holds(field("seats").between(100, 200))).isTrue();
        assertThat(holds(field("plan").atLeast(0))).as("a number test on a closed-set field").isFalse();
        assertThat(holds(field("seats").is("120"))).isTrue();
    }

    @Test
    void should_gate_on_per_field_confidence() {
        assertThat(holds(field("plan").confidenceAtLeast(0.7))).isFalse();
        assertThat(holds(field("plan").confidenceAtLeast(0.4))).isTrue();
        assertThat(holds(field("plan").withConfidenceAtLeast(0.7).in("enterprise"))).isFalse();
        assertThat(holds(field("plan").withConfidenceAtLeast(0.7).isNotFilled())).isTrue();
        assertThat(holds(field("seats").withConfidenceAtLeast(0.7).atLeast(100))).isTrue();
        assertThat(holds(field("refund_requested").confidenceAtLeast(0.9).and(field("refund_requested").isTrue()))).isTrue();
    }

    @Test
    void should_tell_filled_from_not_filled() {
        assertThat(holds(field("plan").isFilled())).isTrue();
        assertThat(holds(field("churn_risk").isFilled())).isFalse();
        assertThat(holds(field("churn_risk").isNotFilled())).isTrue();
    }

    @Test
    void should_be_false_for_unclassified_tickets() {
        assertThat(holds(field("refund_requested").isTrue(), UNCLASSIFIED)).isFalse();
        assertThat(holds(field("refund_requested").isFilled(), UNCLASSIFIED)).isFalse();
        assertThat(holds(field("refund_requested").isNotFilled(), UNCLASSIFIED)).isFalse();
        assertThat(holds(field("seats").atLeast(0), UNCLASSIFIED)).isFalse();
    }

    @Test
    void should_reject_invalid_arguments_at_once() {
        assertThatThrownBy(() -> field("Plan")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower snake case");
        assertThatThrownBy(() -> field("plan").in()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> field("plan").confidenceAtLeast(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> field("seats").atLeast(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> field("seats").between(3, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_record_custom_field_levels_with_per_field_thresholds_when_automation_applies() {
        AutomationPolicy policy = AutomationPolicy.builder().customField("plan", 0.3, 0.5).build();

        Ticket automated = policy.apply(TICKET);

        assertThat(AutomationPolicy.recordedLevel(automated, "plan")).contains(AutomationLevel.PRESELECT);
        assertThat(AutomationPolicy.recordedLevel(automated, "seats")).contains(AutomationLevel.APPLY);
        assertThat(automated.attributes()).containsEntry("triage.automation.field.refund_requested", "apply")
                .doesNotContainKey("triage.automation.field.churn_risk");
        assertThat(AutomationPolicy.ofDefaults().levelFor("plan", TICKET.classification().orElseThrow()))
                .isEqualTo(AutomationLevel.SUGGEST);
        assertThat(policy.thresholds("plan")).isEqualTo(new AutomationPolicy.Thresholds(0.3, 0.5));
        assertThat(policy.thresholds("other")).isEqualTo(new AutomationPolicy.Thresholds(0.5, 0.8));
        assertThat(holds(field("plan").automationLevelAtLeast(AutomationLevel.PRESELECT), automated)).isTrue();
        assertThat(holds(field("plan").automationLevelAtLeast(AutomationLevel.APPLY), automated)).isFalse();
    }

    @Test
    void should_remove_level_of_a_field_no_longer_filled_when_reapplied() {
        Ticket automated = AutomationPolicy.ofDefaults().apply(TICKET);
        Ticket reclassified = automated.toBuilder().classification(TestTickets.classification()
                .field("seats", FieldValue.number(3), HIGH).build()).build();

        Ticket again = AutomationPolicy.ofDefaults().apply(reclassified);

        assertThat(again.attributes()).containsKey("triage.automation.field.seats")
                .doesNotContainKey("triage.automation.field.plan");
        assertThat(AutomationPolicy.ofDefaults().apply(again)).isSameAs(again);
    }
}
