package dev.tickettriage.classifier.embedded;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ONNX encoder: built-in weights, the host's own files, the knobs. */
class OnnxTextEncoderTest {

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) dot += a[i] * b[i];
        return dot;
    }

    @Test
    void should_give_unit_vectors_closer_for_paraphrases_than_for_other_topics() {
        OnnxTextEncoder encoder = SharedEncoder.bge();

        List<float[]> vectors = encoder.encode(List.of("My card has not arrived", "Still waiting for my card to be delivered",
                "How do I change my PIN?"));

        assertThat(encoder.dimension()).isEqualTo(384);
        assertThat(vectors).allSatisfy(v -> assertThat(cosine(v, v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4)));
        assertThat(cosine(vectors.get(0), vectors.get(1))).isGreaterThan(cosine(vectors.get(0), vectors.get(2)) + 0.1);
    }

    @Test
    void should_truncate_long_texts_to_the_maximum_sequence_length() {
        OnnxTextEncoder encoder = SharedEncoder.bge();

        float[] longText = encoder.encode("refund ".repeat(10_000));

        assertThat(longText).hasSize(384);
        assertThat(cosine(longText, longText)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void should_load_the_hosts_own_model_and_tokenizer_files(@TempDir Path directory) throws Exception {
        Path model = directory.resolve("encoder.onnx");
        Path tokenizer = directory.resolve("tokenizer.json");
        copy("/all-minilm-l6-v2-q.onnx", model);
        copy("/all-minilm-l6-v2-q-tokenizer.json", tokenizer);

        try (OnnxTextEncoder fromFiles = OnnxTextEncoder.fromFiles("my-minilm", model, tokenizer, Pooling.MEAN,
                     EncoderSettings.defaults().withMaxSequenceLength(64));
             OnnxTextEncoder builtIn = OnnxTextEncoder.allMiniLmL6V2(EncoderSettings.defaults().withMaxSequenceLength(64))) {
            assertThat(fromFiles.id()).isEqualTo("my-minilm");
            assertThat(fromFiles.dimension()).isEqualTo(384);
            assertThat(fromFiles.encode("where is my parcel")).containsExactly(builtIn.encode("where is my parcel"));
            assertThat(fromFiles.modelBytes()).isEqualTo(Files.size(model));
        }
    }

    @Test
    void should_fail_with_a_typed_error_naming_a_missing_or_broken_file(@TempDir Path directory) throws Exception {
        Path tokenizer = directory.resolve("tokenizer.json");
        Path broken = directory.resolve("broken.onnx");
        copy("/all-minilm-l6-v2-q-tokenizer.json", tokenizer);
        Files.writeString(broken, "not an onnx graph");

        assertThatThrownBy(() -> OnnxTextEncoder.fromFiles("x", directory.resolve("missing.onnx"), tokenizer, Pooling.MEAN, EncoderSettings.defaults()))
                .isInstanceOf(EncoderException.class).hasMessageContaining("missing.onnx");
        assertThatThrownBy(() -> OnnxTextEncoder.fromFiles("x", broken, tokenizer, Pooling.MEAN, EncoderSettings.defaults()))
                .isInstanceOf(EncoderException.class).hasMessageContaining("could not be loaded");
        assertThatThrownBy(() -> OnnxTextEncoder.builtIn("gpt-17", EncoderSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bge-small");
    }

    @Test
    void should_validate_its_settings() {
        assertThatThrownBy(() -> new EncoderSettings(0, 1, 128)).hasMessageContaining("intraOpThreads");
        assertThatThrownBy(() -> new EncoderSettings(1, 0, 128)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> new EncoderSettings(1, 1, 4096)).hasMessageContaining("maxSequenceLength");
        assertThat(EncoderSettings.defaults().withIntraOpThreads(2).withBatchSize(8).withMaxSequenceLength(256))
                .isEqualTo(new EncoderSettings(2, 8, 256));
    }

    private static void copy(String resource, Path target) throws Exception {
        try (InputStream in = OnnxTextEncoderTest.class.getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }
}
