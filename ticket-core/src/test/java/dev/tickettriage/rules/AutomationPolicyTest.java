package dev.tickettriage.rules;

import static dev.tickettriage.domain.ClassificationField.CATEGORY;
import static dev.tickettriage.domain.ClassificationField.PRIORITY;
import static dev.tickettriage.rules.TestTickets.classification;
import static dev.tickettriage.rules.TestTickets.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Ticket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AutomationPolicyTest {

    private static Classification withPriority(Priority priority, double confidence) {
        return classification().priority(priority)
                .confidence(PRIORITY, Confidence.of(confidence, ConfidenceSource.MODEL)).build();
    }

    @ParameterizedTest(name = "confidence {0} -> {1}")
    @CsvSource({"0.0,SUGGEST", "0.49,SUGGEST", "0.5,PRESELECT", "0.79,PRESELECT", "0.8,APPLY", "1.0,APPLY"})
    void should_grade_confidence_with_default_thresholds(double confidence, AutomationLevel expected) {
        assertThat(AutomationPolicy.ofDefaults().levelFor(PRIORITY, withPriority(Priority.HIGH, confidence))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "A={0} B={1} confidence {2} -> {3}")
    @CsvSource({
            "0.3,0.9,0.29,SUGGEST", "0.3,0.9,0.3,PRESELECT", "0.3,0.9,0.89,PRESELECT", "0.3,0.9,0.9,APPLY",
            "0.7,0.7,0.69,SUGGEST", "0.7,0.7,0.7,APPLY",
            "0.0,0.0,0.0,APPLY", "1.0,1.0,0.99,SUGGEST", "0.0,1.0,0.5,PRESELECT"})
    void should_grade_confidence_with_custom_field_thresholds(double a, double b, double confidence, AutomationLevel expected) {
        AutomationPolicy policy = AutomationPolicy.builder().field(PRIORITY, a, b).build();

        assertThat(policy.levelFor(PRIORITY, withPriority(Priority.HIGH, confidence))).isEqualTo(expected);
        assertThat(policy.thresholds(CATEGORY)).isEqualTo(new AutomationPolicy.Thresholds(0.5, 0.8));
    }

    @Test
    void should_suggest_only_when_field_is_unrated() {
        assertThat(AutomationPolicy.ofDefaults().levelFor(ClassificationField.SENTIMENT, classification().build()))
                .isEqualTo(AutomationLevel.SUGGEST);
    }

    @ParameterizedTest
    @CsvSource({"-0.1,0.8", "0.5,1.1", "0.9,0.8", "NaN,0.8"})
    void should_reject_invalid_thresholds(double a, double b) {
        assertThatThrownBy(() -> AutomationPolicy.builder().defaults(a, b)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "confidence {0}: priority {1}, recorded {2}")
    @CsvSource({"0.3,,suggest", "0.6,,preselect", "0.95,URGENT,apply"})
    void should_set_priority_and_record_level_when_applied(double confidence, Priority expectedPriority, String recorded) {
        Ticket ticket = ticket().classification(withPriority(Priority.URGENT, confidence)).build();

        Ticket applied = AutomationPolicy.ofDefaults().apply(ticket);

        assertThat(applied.priority().orElse(null)).isEqualTo(expectedPriority);
        assertThat(applied.attributes()).containsEntry("triage.automation.priority", recorded);
        assertThat(AutomationPolicy.recordedLevel(applied, PRIORITY)).contains(AutomationLevel.fromAttributeValue(recorded).orElseThrow());
    }

    @Test
    void should_preselect_priority_for_a_human_without_putting_it_in_force_when_level_is_preselect() {
        Ticket ticket = ticket().priority(Priority.LOW).classification(withPriority(Priority.URGENT, 0.6)).build();

        Ticket applied = AutomationPolicy.ofDefaults().apply(ticket);

        assertThat(applied.priority()).as("PRESELECT must not apply the value like APPLY does").contains(Priority.LOW);
        assertThat(AutomationPolicy.preselectedPriority(applied)).contains(Priority.URGENT);
        assertThat(applied.attributes()).containsEntry(AutomationPolicy.PRESELECTED_PRIORITY_ATTRIBUTE, "URGENT");
        assertThat(AutomationPolicy.recordedLevel(applied, PRIORITY)).contains(AutomationLevel.PRESELECT);
    }

    @Test
    void should_drop_a_stale_preselection_when_the_level_is_no_longer_preselect() {
        Ticket preselected = AutomationPolicy.ofDefaults().apply(ticket().classification(withPriority(Priority.HIGH, 0.6)).build());

        Ticket applied = AutomationPolicy.ofDefaults().apply(preselected.toBuilder().classification(withPriority(Priority.HIGH, 0.9)).build());
        Ticket suggested = AutomationPolicy.ofDefaults().apply(preselected.toBuilder().classification(withPriority(Priority.HIGH, 0.1)).build());

        assertThat(AutomationPolicy.preselectedPriority(applied)).isEmpty();
        assertThat(applied.priority()).contains(Priority.HIGH);
        assertThat(AutomationPolicy.preselectedPriority(suggested)).isEmpty();
        assertThat(suggested.priority()).isEmpty();
    }

    @Test
    void should_record_level_for_every_field_the_classification_holds() {
        Ticket ticket = ticket().classification(withPriority(Priority.LOW, 0.9)).build();   // summary set, no reply/topics

        Ticket applied = AutomationPolicy.ofDefaults().apply(ticket);

        assertThat(applied.attributes()).containsOnlyKeys("triage.automation.category", "triage.automation.sentiment",
                "triage.automation.priority", "triage.automation.language", "triage.automation.summary");
        assertThat(applied.attributes()).containsEntry("triage.automation.category", "apply");
    }

    @Test
    void should_never_lower_existing_priority_but_raise_it() {
        Ticket urgentByHuman = ticket().priority(Priority.URGENT).classification(withPriority(Priority.LOW, 0.99)).build();
        Ticket lowByHuman = ticket().priority(Priority.LOW).classification(withPriority(Priority.HIGH, 0.99)).build();

        assertThat(AutomationPolicy.ofDefaults().apply(urgentByHuman).priority()).contains(Priority.URGENT);
        assertThat(AutomationPolicy.ofDefaults().apply(lowByHuman).priority()).contains(Priority.HIGH);
    }

    @Test
    void should_be_idempotent_and_replace_stale_levels() {
        Ticket ticket = ticket().attribute("triage.automation.suggested_reply", "apply").attribute("host.key", "kept")
                .classification(withPriority(Priority.HIGH, 0.85)).build();

        Ticket once = AutomationPolicy.ofDefaults().apply(ticket);
        Ticket twice = AutomationPolicy.ofDefaults().apply(once);

        assertThat(twice).isSameAs(once);
        assertThat(once.attributes()).doesNotContainKey("triage.automation.suggested_reply").containsEntry("host.key", "kept");
    }

    @Test
    void should_leave_unclassified_ticket_unchanged() {
        Ticket ticket = ticket().build();

        assertThat(AutomationPolicy.ofDefaults().apply(ticket)).isSameAs(ticket);
    }
}
