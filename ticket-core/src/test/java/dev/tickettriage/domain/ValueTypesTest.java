package dev.tickettriage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " billing", "billing ", "bill\u0000ing", "line\nbreak"})
    void should_reject_category_when_blank_padded_or_with_control_chars(String id) {
        assertThatThrownBy(() -> Category.of(id))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("category"));
    }

    @Test
    void should_keep_category_verbatim_up_to_100_chars() {
        assertThat(Category.of("Refund_not_showing_up").id()).isEqualTo("Refund_not_showing_up");
        assertThat(Category.of("facturación y pagos").toString()).isEqualTo("facturación y pagos");
        assertThat(Category.of("c".repeat(100)).id()).hasSize(100);
        assertThatThrownBy(() -> Category.of("c".repeat(101))).isInstanceOf(InvalidInputException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "es", "es-MX", "und", "pt-BR", "zh-Hant-TW"})
    void should_accept_bcp47_language_tags(String tag) {
        assertThat(Language.of(tag).tag()).isEqualToIgnoringCase(tag);
    }

    @Test
    void should_canonicalise_language_case_and_expose_primary_subtag() {
        assertThat(Language.of("ES-mx").tag()).isEqualTo("es-MX");
        assertThat(Language.of("es-MX").primary()).isEqualTo("es");
        assertThat(Language.ENGLISH.tag()).isEqualTo("en");
        assertThat(Language.SPANISH.tag()).isEqualTo("es");
        assertThat(Language.UNDETERMINED.tag()).isEqualTo("und");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "e", "english!", "en_US", "12", "en-", "-en", "toolongprimary"})
    void should_reject_language_when_not_a_tag(String tag) {
        assertThatThrownBy(() -> Language.of(tag))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("language"));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void should_reject_confidence_outside_unit_interval_or_nan(double value) {
        assertThatThrownBy(() -> Confidence.of(value, ConfidenceSource.MODEL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_accept_confidence_bounds_and_compare_to_threshold() {
        assertThat(Confidence.of(0, ConfidenceSource.RULE).value()).isZero();
        assertThat(Confidence.of(1, ConfidenceSource.RULE).isAtLeast(1)).isTrue();
        assertThat(Confidence.of(0.69, ConfidenceSource.MODEL).isAtLeast(0.7)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.1, Double.NaN})
    void should_reject_scored_category_outside_unit_interval_or_nan(double score) {
        assertThatThrownBy(() -> new ScoredCategory(Category.of("a"), score)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_validate_idempotency_key() {
        assertThat(IdempotencyKey.of("k".repeat(200)).value()).hasSize(200);
        assertThatThrownBy(() -> IdempotencyKey.of("k".repeat(201))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> IdempotencyKey.of(" ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> IdempotencyKey.of("a\tb"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("idempotencyKey"));
    }

    @Test
    void should_map_sentiment_scores_to_grades_and_reject_nan() {
        assertThat(Sentiment.fromScore(-1)).isEqualTo(Sentiment.VERY_NEGATIVE);
        assertThat(Sentiment.fromScore(-0.3)).isEqualTo(Sentiment.NEGATIVE);
        assertThat(Sentiment.fromScore(0)).isEqualTo(Sentiment.NEUTRAL);
        assertThat(Sentiment.fromScore(0.3)).isEqualTo(Sentiment.POSITIVE);
        assertThat(Sentiment.fromScore(1)).isEqualTo(Sentiment.VERY_POSITIVE);
        assertThatThrownBy(() -> Sentiment.fromScore(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_raise_priority_one_step_and_stop_at_urgent() {
        assertThat(Priority.LOW.raised()).isEqualTo(Priority.MEDIUM);
        assertThat(Priority.URGENT.raised()).isEqualTo(Priority.URGENT);
        assertThat(Priority.HIGH.isAtLeast(Priority.MEDIUM)).isTrue();
    }

    @Test
    void should_reject_negative_token_counts_attempts_and_latency() {
        assertThatThrownBy(() -> new TokenUsage(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Processing(ProcessingState.NEW, -1, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Provenance.of("rules", "v1", java.time.Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Provenance.of(" ", "v1", java.time.Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_count_attempts_through_processing_transitions() {
        Processing retry = Processing.NEW.retryLater("timeout", java.time.Instant.EPOCH);
        Processing failed = retry.failed("gave up");

        assertThat(retry.attempts()).isEqualTo(1);
        assertThat(retry.retryAt()).contains(java.time.Instant.EPOCH);
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.state().isTerminal()).isTrue();
        assertThat(failed.requeued().attempts()).isZero();
        assertThat(retry.withState(ProcessingState.PROCESSING).retryAt()).isEmpty();
    }
}
