package dev.tickettriage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CorrectionTest {

    private static final Instant AT = Instant.parse("2026-01-01T10:00:00Z");
    private static final Classification PREDICTED = Classification.builder().category(Category.of("billing"))
            .sentiment(Sentiment.NEUTRAL).priority(Priority.LOW).provenance(Provenance.of("rules", "v1", Duration.ZERO)).build();

    @Test
    void should_require_at_least_one_decided_label() {
        assertThatThrownBy(() -> CorrectedLabels.builder().build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_take_the_decided_label_else_the_predicted_one_as_effective() {
        Correction correction = Correction.of(PREDICTED, CorrectedLabels.builder().category(Category.of("technical")).build(), "agent:ana", AT);

        assertThat(correction.effectiveCategory()).contains(Category.of("technical"));
        assertThat(correction.effectiveSentiment()).contains(Sentiment.NEUTRAL);
        assertThat(correction.effectivePriority()).contains(Priority.LOW);
        assertThat(correction.decided().fields()).containsExactly(ClassificationField.CATEGORY);
    }

    @Test
    void should_keep_earlier_decisions_when_overridden_by_a_partial_one() {
        CorrectedLabels first = CorrectedLabels.builder().category(Category.of("technical")).priority(Priority.HIGH).build();

        CorrectedLabels merged = first.overriddenBy(CorrectedLabels.builder().priority(Priority.URGENT).sentiment(Sentiment.NEGATIVE).build());

        assertThat(merged).isEqualTo(CorrectedLabels.builder().category(Category.of("technical")).priority(Priority.URGENT)
                .sentiment(Sentiment.NEGATIVE).build());
    }

    @Test
    void should_rebuild_an_equal_correction_from_its_parts_when_a_store_reads_it_back() {
        Correction correction = Correction.of(PREDICTED, CorrectedLabels.builder().sentiment(Sentiment.NEGATIVE).build(), "agent:ana", AT);

        Correction restored = Correction.builder().predictedCategory(Category.of("billing")).predictedSentiment(Sentiment.NEUTRAL)
                .predictedPriority(Priority.LOW).decided(correction.decided()).actor("agent:ana").at(AT).build();

        assertThat(restored).isEqualTo(correction).hasSameHashCodeAs(correction);
    }

    @Test
    void should_reject_a_blank_actor() {
        assertThatThrownBy(() -> Correction.of(null, CorrectedLabels.builder().priority(Priority.HIGH).build(), " ", AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_carry_the_correction_in_equality_and_copies_and_not_leak_text_when_printed() {
        Ticket ticket = Ticket.builder().id(TicketId.generate(AT)).createdAt(AT).subject("Private subject").body("My PIN is 1234")
                .classification(PREDICTED).build();
        Correction correction = Correction.of(PREDICTED, CorrectedLabels.builder().category(Category.of("technical")).build(), "agent:ana", AT);

        Ticket corrected = ticket.toBuilder().correction(correction).build();

        assertThat(corrected).isNotEqualTo(ticket);
        assertThat(corrected.toBuilder().build()).isEqualTo(corrected);
        assertThat(corrected.correction()).contains(correction);
        assertThat(corrected.effectiveCategory()).contains(Category.of("technical"));
        assertThat(ticket.effectiveCategory()).contains(Category.of("billing"));
        assertThat(corrected.toString()).doesNotContain("PIN", "Private").contains("corrected=true");
        assertThat(correction.toString()).contains("billing", "technical", "agent:ana");
    }
}
