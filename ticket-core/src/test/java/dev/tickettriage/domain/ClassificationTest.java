package dev.tickettriage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationTest {

    private static Classification.Builder complete() {
        return Classification.builder().category(Category.of("billing")).sentiment(Sentiment.NEGATIVE).sentimentScore(-0.4)
                .priority(Priority.HIGH).provenance(Provenance.of("rules", "v1", Duration.ofMillis(2)));
    }

    @Test
    void should_build_with_defaults_for_optional_fields() {
        Classification classification = complete().build();

        assertThat(classification.language()).isEqualTo(Language.UNDETERMINED);
        assertThat(classification.confidences()).isEmpty();
        assertThat(classification.confidenceValue(ClassificationField.CATEGORY)).isZero();
        assertThat(classification.alternatives()).isEmpty();
        assertThat(classification.summary()).isEmpty();
        assertThat(classification.keyTopics()).isEmpty();
    }

    @Test
    void should_require_category_sentiment_priority_and_provenance() {
        assertThatThrownBy(() -> Classification.builder().sentiment(Sentiment.NEUTRAL).priority(Priority.LOW)
                .provenance(Provenance.of("r", "v", Duration.ZERO)).build()).hasMessageContaining("category");
        assertThatThrownBy(() -> Classification.builder().category(Category.of("a")).priority(Priority.LOW)
                .provenance(Provenance.of("r", "v", Duration.ZERO)).build()).hasMessageContaining("sentiment");
        assertThatThrownBy(() -> Classification.builder().category(Category.of("a")).sentiment(Sentiment.NEUTRAL)
                .provenance(Provenance.of("r", "v", Duration.ZERO)).build()).hasMessageContaining("priority");
        assertThatThrownBy(() -> Classification.builder().category(Category.of("a")).sentiment(Sentiment.NEUTRAL)
                .priority(Priority.LOW).build()).hasMessageContaining("provenance");
    }

    @Test
    void should_reject_sentiment_score_outside_range_or_nan() {
        assertThatThrownBy(() -> complete().sentimentScore(1.5).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> complete().sentimentScore(Double.NaN).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_set_grade_and_score_together_when_built_from_score() {
        Classification classification = complete().sentimentFromScore(0.8).build();

        assertThat(classification.sentiment()).isEqualTo(Sentiment.VERY_POSITIVE);
        assertThat(classification.sentimentScore()).isEqualTo(0.8);
    }

    @Test
    void should_copy_collections_so_later_builder_changes_do_not_leak() {
        Classification.Builder builder = complete().keyTopics(List.of("card"));
        Classification first = builder.build();

        builder.keyTopics(List.of("other")).confidence(ClassificationField.CATEGORY, Confidence.of(0.5, ConfidenceSource.RULE));

        assertThat(first.keyTopics()).containsExactly("card");
        assertThat(first.confidences()).isEmpty();
        assertThatThrownBy(() -> first.keyTopics().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void should_round_trip_through_to_builder() {
        Classification classification = complete().summary("s").rationale("r").language(Language.SPANISH)
                .confidence(ClassificationField.SENTIMENT, Confidence.of(0.7, ConfidenceSource.LOGPROB)).build();

        assertThat(classification.toBuilder().build()).isEqualTo(classification).hasSameHashCodeAs(classification);
    }

    @Test
    void should_leave_summary_reply_and_rationale_out_of_to_string() {
        Classification classification = complete().summary("SECRET-SUMMARY").suggestedReply("SECRET-REPLY").rationale("SECRET-WHY").build();

        assertThat(classification.toString()).doesNotContain("SECRET").contains("billing");
    }
}
