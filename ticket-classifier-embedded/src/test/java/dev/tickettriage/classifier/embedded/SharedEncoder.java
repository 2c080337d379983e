package dev.tickettriage.classifier.embedded;

/**
 * The in-jar BGE encoder, loaded once per test JVM (about a second) and shared by the test classes; closed by the JVM.
 */
final class SharedEncoder {

    private static volatile OnnxTextEncoder bge;

    private SharedEncoder() {
    }

    static synchronized OnnxTextEncoder bge() {
        if (bge == null) bge = OnnxTextEncoder.bgeSmallEnV15(EncoderSettings.defaults());
        return bge;
    }
}
