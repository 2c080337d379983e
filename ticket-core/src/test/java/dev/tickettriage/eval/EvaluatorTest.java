package dev.tickettriage.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TokenUsage;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.port.Classifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EvaluatorTest {

    private static final Taxonomy TAXONOMY = Taxonomy.builder().version("t1").category("a", "A").category("b", "B").build();

    /** Answers the category named by the text ("a", "b"), fails on "boom", reports 10 tokens per call. */
    private static final Classifier ECHO = new Classifier() {
        @Override
        public Classification classify(Ticket ticket, Taxonomy taxonomy) {
            if (ticket.body().equals("boom")) throw ClassificationException.permanent("scripted failure");
            Sentiment sentiment = ticket.body().equals("a") ? Sentiment.VERY_NEGATIVE : Sentiment.POSITIVE;
            return Classification.builder().category(Category.of(ticket.body())).sentiment(sentiment).priority(Priority.MEDIUM)
                    .provenance(new Provenance("echo", null, taxonomy.version(), null, Duration.ZERO, new TokenUsage(7, 3), null))
                    .build();
        }

        @Override
        public Set<ClassificationField> capabilities() {
            return Set.of(ClassificationField.CATEGORY, ClassificationField.SENTIMENT);
        }
    };

    /** A clock that moves one millisecond each time it is read. */
    private static final class SteppingClock extends Clock {
        private long millis;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis++);
        }
    }

    private static List<LabeledExample> examples() {
        return List.of(new LabeledExample("a", "a"), new LabeledExample("a", "a"), new LabeledExample("b", "a"),
                new LabeledExample("b", "b"), new LabeledExample("boom", "b"));
    }

    @Test
    void should_compute_accuracy_f1_and_confusion_when_some_answers_are_wrong_or_failed() {
        EvaluationReport report = Evaluator.builder(ECHO, TAXONOMY).build().evaluate(examples());

        assertThat(report.examples()).isEqualTo(5);
        assertThat(report.errors()).isEqualTo(1);
        assertThat(report.errorsByKind()).containsEntry("ClassificationException", 1L);
        assertThat(report.accuracy()).isEqualTo(3.0 / 5);
        assertThat(report.confusion("a", "b")).isEqualTo(1);
        assertThat(report.confusion("a", "a")).isEqualTo(2);
        LabelMetrics a = report.metrics("a").orElseThrow();
        assertThat(a.precision()).isEqualTo(1.0);
        assertThat(a.recall()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(a.support()).isEqualTo(3);
        LabelMetrics b = report.metrics("b").orElseThrow();
        assertThat(b.precision()).isEqualTo(0.5);
        assertThat(b.recall()).isEqualTo(1.0);
        assertThat(report.macroF1()).isCloseTo((0.8 + 2.0 / 3) / 2, within(1e-9));
        assertThat(report.totalTokens()).isEqualTo(40);
    }

    @Test
    void should_map_sentiment_to_three_classes_when_evaluating_sentiment() {
        List<LabeledExample> rows = List.of(new LabeledExample("a", "negative"), new LabeledExample("b", "positive"),
                new LabeledExample("b", "neutral"));

        EvaluationReport report = Evaluator.builder(ECHO, TAXONOMY).labels(LabelSelector.threeClassSentiment()).build().evaluate(rows);

        assertThat(report.accuracy()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(report.confusion("neutral", "positive")).isEqualTo(1);
    }

    @Test
    void should_report_latency_percentiles_from_injected_clock() {
        EvaluationReport report = Evaluator.builder(ECHO, TAXONOMY).clock(new SteppingClock()).build().evaluate(examples());

        assertThat(report.p50()).isEqualTo(Duration.ofMillis(1));
        assertThat(report.p99()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void should_count_blank_text_as_error() {
        EvaluationReport report = Evaluator.builder(ECHO, TAXONOMY).build().evaluate(List.of(new LabeledExample("  ", "a")));

        assertThat(report.errorsByKind()).containsEntry("InvalidText", 1L);
        assertThat(report.accuracy()).isZero();
    }

    @Test
    void should_render_aligned_text_and_parseable_json() throws Exception {
        EvaluationReport report = Evaluator.builder(ECHO, TAXONOMY).name("demo").build().evaluate(examples());

        assertThat(report.toText()).contains("Evaluation: demo", "accuracy 0.6000", "precision", "confusion (rows gold");
        JsonNode json = new ObjectMapper().readTree(report.toJson(new ObjectMapper()));
        assertThat(json.get("accuracy").asDouble()).isEqualTo(0.6);
        assertThat(json.get("perLabel")).hasSize(2);
        assertThat(json.at("/confusion/a/b").asLong()).isEqualTo(1);
        assertThat(json.at("/errorsByKind/ClassificationException").asLong()).isEqualTo(1);
    }

    @Test
    void should_report_zeroes_when_there_are_no_examples() {
        EvaluationReport report = Evaluator.builder(ECHO, TAXONOMY).build().evaluate(List.of());

        assertThat(report.accuracy()).isZero();
        assertThat(report.macroF1()).isZero();
        assertThat(report.p95()).isEqualTo(Duration.ZERO);
    }
}
