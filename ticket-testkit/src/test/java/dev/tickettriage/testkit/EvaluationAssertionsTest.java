package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.eval.EvaluationReport;
import dev.tickettriage.eval.Evaluator;
import dev.tickettriage.eval.LabeledExample;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationAssertionsTest {

    private final EvaluationReport report = Evaluator.builder(RuleClassifier.ofDefaults(), Taxonomy.defaultSupport()).name("tiny")
            .build().evaluate(List.of(new LabeledExample("I want a refund", "billing"),
                    new LabeledExample("The app crashes", "technical"), new LabeledExample("lorem ipsum", "shipping")));

    @Test
    void should_pass_when_report_meets_floors() {
        assertThatCode(() -> EvaluationAssertions.assertThat(report).hasAccuracyAtLeast(0.6).hasNoErrors()
                .hasExamplesAtLeast(3).hasF1AtLeast("billing", 1.0)).doesNotThrowAnyException();
    }

    @Test
    void should_fail_with_figures_when_accuracy_is_below_floor() {
        assertThatThrownBy(() -> EvaluationAssertions.assertThat(report).hasAccuracyAtLeast(0.9))
                .isInstanceOf(AssertionError.class).hasMessageContaining("tiny").hasMessageContaining("0.6667");
    }

    @Test
    void should_fail_when_label_was_never_seen() {
        assertThatThrownBy(() -> EvaluationAssertions.assertThat(report).hasF1AtLeast("account", 0.1))
                .isInstanceOf(AssertionError.class).hasMessageContaining("never seen");
    }
}
