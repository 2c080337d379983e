package dev.tickettriage.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.eval.EvaluationReport;
import dev.tickettriage.eval.Evaluator;
import dev.tickettriage.eval.LabelSelector;
import dev.tickettriage.eval.LabeledExample;
import dev.tickettriage.eval.LabeledExamples;
import dev.tickettriage.io.TextRecord;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Sentiment quality of the rule classifier on real airline tweets (CC BY-NC-SA 4.0: read from ../shared at
 * test time, never shipped). The shared train.csv holds the rows with {@code tweet_id % 5 != 0}; the lexicon
 * was tuned on {@code tweet_id % 5} in {2, 3, 4} only, and this test evaluates the untouched slice
 * {@code tweet_id % 5 == 1}. Rows with {@code tweet_id % 5 == 0} (the withheld official test part), if a
 * fuller file is ever present, are evaluated and reported too.
 */
class AirlineSentimentEvaluationTest {

    /** Measured accuracy 0.7339 and macro-F1 0.6915 on the held-out slice (2,942 tweets); floors sit just below. */
    static final double ACCURACY_FLOOR = 0.71;
    static final double MACRO_F1_FLOOR = 0.67;

    @Test
    void should_keep_sentiment_accuracy_on_held_out_tweets() throws Exception {
        Path file = SharedData.require("twitter_airline_sentiment/train.csv");

        EvaluationReport report = evaluate(file, record -> tweetId(record) % 5 == 1, "airline-sentiment held-out (tweet_id % 5 == 1)");

        System.out.println(report.toText());
        System.out.println("JSON report: " + SharedData.writeReport("airline-sentiment.json", report.toJson(new ObjectMapper())).toAbsolutePath());
        EvaluationAssertions.assertThat(report).hasExamplesAtLeast(2_000).hasNoErrors()
                .hasAccuracyAtLeast(ACCURACY_FLOOR).hasMacroF1AtLeast(MACRO_F1_FLOOR);

        EvaluationReport official = evaluate(file, record -> tweetId(record) % 5 == 0, "airline-sentiment official test (tweet_id % 5 == 0)");
        if (official.examples() > 0) {
            System.out.println(official.toText());
            EvaluationAssertions.assertThat(official).hasAccuracyAtLeast(ACCURACY_FLOOR);
        }
    }

    private static EvaluationReport evaluate(Path file, Predicate<TextRecord> slice, String name) throws Exception {
        List<LabeledExample> examples;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            examples = LabeledExamples.fromCsv(reader, "text", "airline_sentiment", slice);
        }
        return Evaluator.builder(RuleClassifier.ofDefaults(), Taxonomy.defaultSupport()).name(name)
                .labels(LabelSelector.threeClassSentiment()).build().evaluate(examples);
    }

    private static long tweetId(TextRecord record) {
        return Long.parseLong(record.get("tweet_id").orElseThrow().strip());
    }
}
