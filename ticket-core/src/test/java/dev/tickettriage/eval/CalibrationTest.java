package dev.tickettriage.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.Classifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ECE and the reliability table in evaluation reports. */
class CalibrationTest {

    private static final Taxonomy TAXONOMY = Taxonomy.builder().version("t1").category("a", "A").category("b", "B").build();

    /** Text "a 0.9" answers category a with confidence 0.9 (CATEGORY); "x" answers a without a confidence. */
    private static final Classifier SCRIPTED = new Classifier() {
        @Override
        public Classification classify(Ticket ticket, Taxonomy taxonomy) {
            String[] parts = ticket.body().split(" ");
            Classification.Builder builder = Classification.builder().category(Category.of(parts[0].equals("x") ? "a" : parts[0]))
                    .sentiment(Sentiment.NEUTRAL).priority(Priority.MEDIUM).provenance(Provenance.of("scripted", taxonomy.version(), Duration.ZERO));
            if (parts.length > 1) builder.confidence(ClassificationField.CATEGORY, Confidence.of(Double.parseDouble(parts[1]), ConfidenceSource.MODEL));
            return builder.build();
        }

        @Override
        public Set<ClassificationField> capabilities() {
            return Set.of(ClassificationField.CATEGORY);
        }
    };

    @Test
    void should_compute_ece_as_the_weighted_gap_between_confidence_and_accuracy_per_bin() {
        List<LabeledExample> examples = new ArrayList<>();
        // bin [0.9, 1]: 10 predictions at 0.95, 8 right -> gap 0.15; bin [0.5, 0.6): 10 at 0.55, 5 right -> gap 0.05
        for (int i = 0; i < 10; i++) examples.add(new LabeledExample("a 0.95", i < 8 ? "a" : "b"));
        for (int i = 0; i < 10; i++) examples.add(new LabeledExample("b 0.55", i < 5 ? "b" : "a"));
        examples.add(new LabeledExample("x", "a"));   // no confidence: counted in accuracy, not in calibration

        EvaluationReport report = Evaluator.builder(SCRIPTED, TAXONOMY).build().evaluate(examples);
        Calibration calibration = report.calibration().orElseThrow();

        assertThat(calibration.rated()).isEqualTo(20);
        assertThat(calibration.expectedCalibrationError()).isCloseTo(0.5 * 0.15 + 0.5 * 0.05, offset(1e-9));
        assertThat(calibration.maxCalibrationError()).isCloseTo(0.15, offset(1e-9));
        assertThat(calibration.accuracy()).isCloseTo(13 / 20.0, offset(1e-9));
        assertThat(calibration.meanConfidence()).isCloseTo(0.75, offset(1e-9));
        assertThat(calibration.bins()).hasSize(Calibration.BINS);
        Calibration.ReliabilityBin top = calibration.bins().get(9);
        assertThat(top.count()).isEqualTo(10);
        assertThat(top.accuracy()).isCloseTo(0.8, offset(1e-9));
        assertThat(calibration.bins().get(5).count()).isEqualTo(10);
        assertThat(calibration.bins().stream().mapToLong(Calibration.ReliabilityBin::count).sum()).isEqualTo(20);
        assertThat(report.toText()).contains("ECE 0.1000").contains("[0.9, 1.0]");
    }

    @Test
    void should_put_confidence_one_in_the_last_bin_and_report_json() throws Exception {
        EvaluationReport report = Evaluator.builder(SCRIPTED, TAXONOMY).build()
                .evaluate(List.of(new LabeledExample("a 1.0", "a"), new LabeledExample("b 0.0", "a")));

        Calibration calibration = report.calibration().orElseThrow();
        assertThat(calibration.bins().get(9).count()).isEqualTo(1);
        assertThat(calibration.bins().get(0).count()).isEqualTo(1);
        assertThat(calibration.expectedCalibrationError()).isCloseTo(0.0, offset(1e-9));
        JsonNode json = new ObjectMapper().readTree(report.toJson(new ObjectMapper()));
        assertThat(json.path("calibration").path("ece").asDouble()).isCloseTo(0.0, offset(1e-9));
        assertThat(json.path("calibration").path("reliability")).hasSize(Calibration.BINS);
    }

    @Test
    void should_have_no_calibration_when_nothing_was_rated() {
        EvaluationReport report = Evaluator.builder(SCRIPTED, TAXONOMY).build().evaluate(List.of(new LabeledExample("x", "a")));

        assertThat(report.calibration()).isEmpty();
        assertThat(report.toText()).doesNotContain("ECE");
    }
}
