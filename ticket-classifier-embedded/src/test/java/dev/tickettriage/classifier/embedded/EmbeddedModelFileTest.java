package dev.tickettriage.classifier.embedded;

import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Save/load of models (n-gram-only models here, so no encoder is needed; the encoder check uses a stub). */
class EmbeddedModelFileTest {

    private static EmbeddedModel model;
    private static final FeatureSettings NGRAMS = FeatureSettings.ngramsOnly(2, 4, 1 << 12);

    @BeforeAll
    static void train() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        model = EmbeddedTrainer.create(null, TrainingOptions.defaults().withFeatures(NGRAMS), clock)
                .train(EmbeddedClassifierTest.syntheticSet(), EmbeddedClassifierTest.TAXONOMY);
    }

    private static byte[] bytes(EmbeddedModel value) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        value.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void should_load_a_saved_model_that_scores_exactly_like_the_original(@TempDir Path directory) {
        Path file = directory.resolve("models/triage.model");

        model.save(file);
        EmbeddedModel loaded = EmbeddedModel.load(file);

        assertThat(loaded.taxonomy()).isEqualTo(model.taxonomy());
        assertThat(loaded.fields()).isEqualTo(model.fields());
        assertThat(loaded.features()).isEqualTo(NGRAMS);
        assertThat(loaded.encoderId()).isEmpty();
        assertThat(loaded.trainedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(loaded.report(ClassificationField.CATEGORY)).isEqualTo(model.report(ClassificationField.CATEGORY));
        for (ClassificationField field : model.fields()) {
            SoftmaxHead original = model.head(field).orElseThrow();
            SoftmaxHead copy = loaded.head(field).orElseThrow();
            assertThat(copy.labels()).isEqualTo(original.labels());
            assertThat(copy.weights()).containsExactly(original.weights());
            assertThat(copy.bias()).containsExactly(original.bias());
            assertThat(copy.temperature()).isEqualTo(original.temperature());
        }
        EmbeddedClassifier classifier = EmbeddedClassifier.of(loaded, null);
        var ticket = EmbeddedClassifierTest.ticket("I forgot my password again", 1);
        assertThat(classifier.classify(ticket, EmbeddedClassifierTest.TAXONOMY).category().id()).isEqualTo("password");
        assertThat(EmbeddedClassifier.of(model, null).classify(ticket, EmbeddedClassifierTest.TAXONOMY).confidences())
                .isEqualTo(classifier.classify(ticket, EmbeddedClassifierTest.TAXONOMY).confidences());
    }

    @Test
    void should_store_only_weight_rows_that_are_used() throws Exception {
        long dense = 4L * model.weightCount();

        assertThat((long) bytes(model).length).isLessThan(dense).isEqualTo(model.fileBytes());
    }

    @Test
    void should_refuse_a_file_that_is_not_a_model() {
        assertThatThrownBy(() -> EmbeddedModel.readFrom(new ByteArrayInputStream("text,category\nhello,x\n".getBytes())))
                .isInstanceOf(ModelFileException.class)
                .satisfies(e -> assertThat(((ModelFileException) e).reason()).isEqualTo(ModelFileException.Reason.NOT_A_MODEL_FILE));
    }

    @Test
    void should_refuse_a_newer_format_version() throws Exception {
        byte[] data = bytes(model);
        ByteBuffer.wrap(data).putInt(8, EmbeddedModel.FORMAT_VERSION + 1);

        assertThatThrownBy(() -> EmbeddedModel.readFrom(new ByteArrayInputStream(data)))
                .isInstanceOf(ModelFileException.class).hasMessageContaining("format " + (EmbeddedModel.FORMAT_VERSION + 1))
                .satisfies(e -> assertThat(((ModelFileException) e).reason()).isEqualTo(ModelFileException.Reason.UNSUPPORTED_VERSION));
    }

    @Test
    void should_detect_a_flipped_weight_byte_and_a_truncated_file() throws Exception {
        byte[] data = bytes(model);
        byte[] flipped = data.clone();
        flipped[data.length - 20] ^= 0x10;
        byte[] truncated = Arrays.copyOf(data, data.length / 2);

        assertThatThrownBy(() -> EmbeddedModel.readFrom(new ByteArrayInputStream(flipped)))
                .isInstanceOf(ModelFileException.class)
                .satisfies(e -> assertThat(((ModelFileException) e).reason()).isEqualTo(ModelFileException.Reason.CORRUPT));
        assertThatThrownBy(() -> EmbeddedModel.readFrom(new ByteArrayInputStream(truncated)))
                .isInstanceOf(ModelFileException.class)
                .satisfies(e -> assertThat(((ModelFileException) e).reason()).isEqualTo(ModelFileException.Reason.CORRUPT));
    }

    @Test
    void should_report_a_missing_file_as_an_io_problem_naming_it(@TempDir Path directory) {
        Path missing = directory.resolve("nope.model");

        assertThatThrownBy(() -> EmbeddedModel.load(missing)).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("nope.model")
                .satisfies(e -> assertThat(((ModelFileException) e).reason()).isEqualTo(ModelFileException.Reason.IO));
    }

    @Test
    void should_refuse_another_encoder_or_taxonomy(@TempDir Path directory) throws Exception {
        Taxonomy taxonomy = EmbeddedClassifierTest.TAXONOMY;
        EmbeddedModel withEncoder = EmbeddedTrainer.create(new StubEncoder("stub-a"), TrainingOptions.defaults().withFeatures(
                FeatureSettings.sentenceVectorOnly())).train(EmbeddedClassifierTest.syntheticSet(), taxonomy);
        Path file = directory.resolve("a.model");
        withEncoder.save(file);
        EmbeddedModel loaded = EmbeddedModel.load(file);

        assertThat(loaded.encoderId()).contains("stub-a");
        assertThatThrownBy(() -> EmbeddedClassifier.of(loaded, new StubEncoder("stub-b"))).isInstanceOf(ModelFileException.class)
                .hasMessageContaining("stub-a").hasMessageContaining("stub-b")
                .satisfies(e -> assertThat(((ModelFileException) e).reason()).isEqualTo(ModelFileException.Reason.ENCODER_MISMATCH));
        assertThatThrownBy(() -> EmbeddedClassifier.of(loaded, null)).isInstanceOf(ModelFileException.class);
        assertThatThrownBy(() -> loaded.requireTaxonomy(Taxonomy.defaultSupport())).isInstanceOf(ModelFileException.class)
                .satisfies(e -> assertThat(((ModelFileException) e).reason()).isEqualTo(ModelFileException.Reason.TAXONOMY_MISMATCH));
        loaded.requireTaxonomy(taxonomy);
        assertThat(Files.size(file)).isPositive();
    }

    /** A deterministic toy encoder: letter frequencies, so models can be trained without ONNX. */
    static final class StubEncoder implements TextEncoder {
        private final String id;

        StubEncoder(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int dimension() {
            return 26;
        }

        @Override
        public java.util.List<float[]> encode(java.util.List<String> texts) {
            return texts.stream().map(text -> {
                float[] vector = new float[26];
                for (char c : text.toLowerCase(java.util.Locale.ROOT).toCharArray()) if (c >= 'a' && c <= 'z') vector[c - 'a']++;
                return OnnxTextEncoder.normalise(vector);
            }).toList();
        }

        @Override
        public void close() {
        }
    }
}
