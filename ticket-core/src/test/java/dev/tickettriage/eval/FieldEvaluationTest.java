package dev.tickettriage.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.domain.FieldChoice;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.Taxonomy;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldEvaluationTest {

    private static final Taxonomy TAXONOMY = Taxonomy.builder().version("eval-fields-1").category("other", "Anything")
            .field(FieldDefinition.oneOf("product_area", "Part of the product",
                    FieldChoice.of("mobile_app", "", List.of(), List.of("mobile app", "app móvil")),
                    FieldChoice.of("web", "", List.of(), List.of("website", "página web"))))
            .field(FieldDefinition.bool("refund_requested", "", List.of("refund", "reembolso"), List.of()))
            .field(FieldDefinition.text("note", "", 20))
            .build();

    private static final String CSV = """
            text,area,refund
            The mobile app crashes,Mobile App,no
            La página web no carga y quiero un reembolso,web,sí
            The website is slow,mobile_app,false
            Hello there,(not filled),true
            """;

    private static EvaluationReport evaluate(String labelColumn, String field) {
        List<LabeledExample> examples = LabeledExamples.fromCsv(new StringReader(CSV), "text", labelColumn);
        return Evaluator.builder(RuleClassifier.ofDefaults(), TAXONOMY)
                .labels(LabelSelector.field(TAXONOMY.requireField(field))).build().evaluate(examples);
    }

    @Test
    void should_score_a_closed_set_field_against_a_label_column_like_categories() {
        EvaluationReport report = evaluate("area", "product_area");

        assertThat(report.examples()).isEqualTo(4);
        assertThat(report.accuracy()).isEqualTo(0.75);
        assertThat(report.confusion("mobile_app", "mobile_app")).isEqualTo(1);
        assertThat(report.confusion("mobile_app", "web")).as("gold mobile_app, predicted web").isEqualTo(1);
        assertThat(report.confusion(LabelSelector.NOT_FILLED, LabelSelector.NOT_FILLED)).isEqualTo(1);
        assertThat(report.labels()).contains("mobile_app", "web", LabelSelector.NOT_FILLED);
        assertThat(report.macroF1()).isBetween(0.0, 1.0);
    }

    @Test
    void should_score_a_boolean_field_with_gold_spellings_normalised() {
        EvaluationReport report = evaluate("refund", "refund_requested");

        assertThat(report.confusion("true", "true")).isEqualTo(1);
        assertThat(report.confusion("false", LabelSelector.NOT_FILLED)).as("no cue: not filled, never a made-up false").isEqualTo(2);
        assertThat(report.confusion("true", LabelSelector.NOT_FILLED)).isEqualTo(1);
        assertThat(report.accuracy()).isEqualTo(0.25);
    }

    @Test
    void should_refuse_fields_without_a_closed_set() {
        assertThatThrownBy(() -> LabelSelector.field(TAXONOMY.requireField("note")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only one_of, many_of and boolean");
    }
}
