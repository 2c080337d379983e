package dev.tickettriage.classifier.embedded;

import java.util.List;

/**
 * Turns texts into fixed-size sentence vectors. Thread-safe; {@link #close()} releases native resources, after which
 * the encoder must not be used.
 *
 * @see OnnxTextEncoder
 */
public interface TextEncoder extends AutoCloseable {

    /**
     * A stable identifier of the encoder's weights and pooling, for example {@code bge-small-en-v1.5-q}. A saved model
     * records it, and loading refuses a model trained with another encoder ({@link ModelFileException}).
     */
    String id();

    /** The length of every vector {@link #encode} returns. */
    int dimension();

    /**
     * One L2-normalised vector per text, in order.
     *
     * @throws EncoderException when the runtime fails
     */
    List<float[]> encode(List<String> texts);

    /** One L2-normalised vector. */
    default float[] encode(String text) {
        return encode(List.of(text)).get(0);
    }

    /** Native memory held by this encoder, as far as it is known (the model bytes it loaded); 0 when unknown. */
    default long modelBytes() {
        return 0;
    }

    @Override
    void close();
}
