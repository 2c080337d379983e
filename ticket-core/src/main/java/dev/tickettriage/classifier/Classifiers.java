package dev.tickettriage.classifier;

import dev.tickettriage.port.Classifier;
import java.util.Objects;

/**
 * Composes classifiers: rules first and a model when they are unsure, a fallback on failure, and a cache.
 * Every returned classifier is thread-safe when its parts are.
 */
public final class Classifiers {

    private Classifiers() {
    }

    /**
     * Uses {@code primary} unless its CATEGORY confidence is below {@code minCategoryConfidence}; then asks
     * {@code secondary}. When the secondary fails with a classification error, the primary's answer is
     * returned with a note in its rationale. Capabilities are the union of both.
     *
     * @throws IllegalArgumentException when the threshold is outside [0, 1]
     */
    public static Classifier firstConfident(Classifier primary, double minCategoryConfidence, Classifier secondary) {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(secondary, "secondary");
        if (!(minCategoryConfidence >= 0 && minCategoryConfidence <= 1)) {
            throw new IllegalArgumentException("minCategoryConfidence must be in [0, 1], was " + minCategoryConfidence);
        }
        return new FirstConfidentClassifier(primary, minCategoryConfidence, secondary);
    }

    /**
     * Uses {@code primary}, and {@code fallback} when it throws a classification error. Logs one WARN per
     * failure kind (exception type and retryability), never ticket text; later ones go to DEBUG.
     */
    public static Classifier withFallback(Classifier primary, Classifier fallback) {
        return new FallbackClassifier(Objects.requireNonNull(primary, "primary"), Objects.requireNonNull(fallback, "fallback"));
    }

    /**
     * Caches up to {@code maxEntries} results (least recently used evicted), keyed by the SHA-256 of the
     * normalised ticket text (NFC, lower case, whitespace collapsed) and the taxonomy version. Failures
     * are not cached.
     *
     * @throws IllegalArgumentException when {@code maxEntries} is not positive
     */
    public static Classifier cached(Classifier delegate, int maxEntries) {
        if (maxEntries <= 0) throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
        return new CachingClassifier(Objects.requireNonNull(delegate, "delegate"), maxEntries);
    }
}
