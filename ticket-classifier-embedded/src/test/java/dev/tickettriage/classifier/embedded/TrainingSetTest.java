package dev.tickettriage.classifier.embedded;

import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.eval.LabeledExample;
import dev.tickettriage.io.RecordFormat;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingSetTest {

    @Test
    void should_read_text_and_label_columns_from_csv_skipping_rows_without_labels() {
        String csv = "id,message,topic,mood\n1,\"card late, again\",card_arrival,Negative\n2,refund?,refund,\n3,hello,,\n4,  ,refund,neutral\n";

        TrainingSet set = TrainingSet.fromRecords(new StringReader(csv), RecordFormat.CSV,
                new TrainingSet.Columns("message", "topic", "mood", null));

        assertThat(set.size()).isEqualTo(2);
        assertThat(set.examples().get(0).text()).isEqualTo("card late, again");
        assertThat(set.examples().get(0).sentiment()).contains(Sentiment.NEGATIVE);
        assertThat(set.examples().get(1).sentiment()).isEmpty();
        assertThat(set.categoryLabels()).containsExactly("card_arrival", "refund");
        assertThat(set.count(ClassificationField.SENTIMENT)).isEqualTo(1);
    }

    @Test
    void should_read_jsonl_with_sentiment_and_priority_only() {
        String jsonl = "{\"text\":\"great service\",\"s\":\"very positive\",\"p\":\"low\"}\n{\"text\":\"down!!\",\"s\":\"negative\",\"p\":\"URGENT\"}\n";

        TrainingSet set = TrainingSet.fromRecords(new StringReader(jsonl), RecordFormat.JSONL, new TrainingSet.Columns("text", null, "s", "p"));

        assertThat(set.examples()).extracting(e -> e.sentiment().orElseThrow()).containsExactly(Sentiment.VERY_POSITIVE, Sentiment.NEGATIVE);
        assertThat(set.examples()).extracting(e -> e.priority().orElseThrow()).containsExactly(Priority.LOW, Priority.URGENT);
    }

    @Test
    void should_name_the_column_and_record_of_a_bad_label_or_a_missing_column() {
        String csv = "text,mood\nfine,happyish\n";

        assertThatThrownBy(() -> TrainingSet.fromRecords(new StringReader(csv), RecordFormat.CSV, new TrainingSet.Columns("text", null, "mood", null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mood").hasMessageContaining("record 1")
                .hasMessageNotContaining("fine");
        assertThatThrownBy(() -> TrainingSet.fromRecords(new StringReader(csv), RecordFormat.CSV, new TrainingSet.Columns("text", "category", null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("category");
    }

    @Test
    void should_derive_the_same_taxonomy_from_the_same_labels() {
        TrainingSet a = TrainingSet.of(List.of(TrainingExample.category("x", "b"), TrainingExample.category("y", "a")));
        TrainingSet b = TrainingSet.of(List.of(TrainingExample.category("z", "a"), TrainingExample.category("w", "b")));

        Taxonomy taxonomy = a.derivedTaxonomy();

        assertThat(taxonomy.categories()).extracting(c -> c.id()).containsExactly("a", "b");
        assertThat(taxonomy.fingerprint()).isEqualTo(b.derivedTaxonomy().fingerprint());
    }

    @Test
    void should_take_taxonomy_examples_and_agent_corrections() {
        TrainingSet fromTaxonomy = TrainingSet.fromTaxonomy(Taxonomy.defaultSupport());
        TrainingSet corrections = TrainingSet.fromLabeledExamples(List.of(new LabeledExample("charged twice", "billing")), ClassificationField.CATEGORY);
        TrainingSet moods = TrainingSet.fromLabeledExamples(List.of(new LabeledExample("awful", "VERY_NEGATIVE")), ClassificationField.SENTIMENT);

        assertThat(fromTaxonomy.size()).isEqualTo(28);
        assertThat(fromTaxonomy.plus(corrections).size()).isEqualTo(29);
        assertThat(moods.examples().get(0).sentiment()).contains(Sentiment.VERY_NEGATIVE);
        assertThatThrownBy(() -> TrainingSet.fromLabeledExamples(List.of(), ClassificationField.SUMMARY)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_refuse_training_labels_outside_the_taxonomy() {
        TrainingSet set = TrainingSet.of(List.of(TrainingExample.category("x", "billing"), TrainingExample.category("y", "astrology")));

        assertThatThrownBy(() -> EmbeddedTrainer.create(null, TrainingOptions.defaults().withFeatures(FeatureSettings.ngramsOnly(2, 3, 64)))
                .train(set, Taxonomy.defaultSupport()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("example 2").hasMessageContaining("astrology");
    }
}
