package dev.tickettriage.classifier.embedded;

/**
 * Runtime knobs of an {@link OnnxTextEncoder}.
 *
 * @param intraOpThreads    ONNX Runtime threads per inference; ONNX Runtime's own default uses every core (and ignores
 *                          {@code taskset}), so an embedding library gives the host this knob; default 1
 * @param batchSize         texts per inference call when encoding many (training, {@code classifyAll}); default 1. The
 *                          quantised built-in models quantise activations per call ({@code DynamicQuantizeLinear} over the
 *                          whole batch), so with a batch above 1 a text's vector depends slightly on its batchmates (cosine
 *                          0.99-0.998 to its vector alone); 1 keeps every vector a function of its text only
 * @param maxSequenceLength tokens kept per text, special tokens included (longer texts are truncated); default 128
 */
public record EncoderSettings(int intraOpThreads, int batchSize, int maxSequenceLength) {

    public static final int MAX_SEQUENCE_LENGTH = 512;

    public EncoderSettings {
        if (intraOpThreads < 1 || intraOpThreads > 256) {
            throw new IllegalArgumentException("intraOpThreads must be in [1, 256], was " + intraOpThreads);
        }
        if (batchSize < 1 || batchSize > 1024) {
            throw new IllegalArgumentException("batchSize must be in [1, 1024], was " + batchSize);
        }
        if (maxSequenceLength < 8 || maxSequenceLength > MAX_SEQUENCE_LENGTH) {
            throw new IllegalArgumentException("maxSequenceLength must be in [8, " + MAX_SEQUENCE_LENGTH + "], was " + maxSequenceLength);
        }
    }

    /** One thread, one text per inference, 128 tokens. */
    public static EncoderSettings defaults() {
        return new EncoderSettings(1, 1, 128);
    }

    public EncoderSettings withIntraOpThreads(int threads) {
        return new EncoderSettings(threads, batchSize, maxSequenceLength);
    }

    public EncoderSettings withBatchSize(int size) {
        return new EncoderSettings(intraOpThreads, size, maxSequenceLength);
    }

    public EncoderSettings withMaxSequenceLength(int length) {
        return new EncoderSettings(intraOpThreads, batchSize, length);
    }
}
