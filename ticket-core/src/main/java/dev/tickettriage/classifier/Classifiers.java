package dev.tickettriage.classifier;

import dev.tickettriage.port.Classifier;
import java.util.Objects;

/**
 * Composes classifiers: rules first and a model when they are unsure, a fallback on failure, and a cache.
 * Every returned classifier is thread-safe when its parts are.
 *
 * <p>Composites keep the batch and asynchronous forms of their parts: a batch given to {@code classifyAll} or
 * {@code classifyAllAsync} reaches each part as one batch (cut to the part's
 * {@link dev.tickettriage.port.ClassifierLimits#preferredBatchSize()} when larger), the asynchronous form calls the
 * parts' {@code classifyAllAsync} (it never blocks a thread in a loop), and answers are matched to tickets by id.
 * Each composite declares the {@link dev.tickettriage.port.ClassifierLimits} of the part that bounds it: the
 * delegate for {@link #cached}, the primary for {@link #withFallback}, the secondary for {@link #firstConfident}.
 * A host composing differently (a model first in {@code firstConfident}) sets the limits in {@code WorkerConfig}.
 * Composites log no ticket text, and failures only by exception type.
 */
public final class Classifiers {

    private Classifiers() {
    }

    /**
     * Uses {@code primary} unless its CATEGORY confidence is below {@code minCategoryConfidence}; then asks
     * {@code secondary} and returns its answer (whose provenance names the secondary). When the secondary fails, the
     * ticket fails with the secondary's failure: a retryable one (timeout, 5xx, a
     * {@link dev.tickettriage.error.RateLimitedException}) is retried or pauses the pipeline, a permanent one fails
     * the ticket; the primary's weak answer is never stored in its place. To fall back on failure, wrap the
     * secondary: {@code firstConfident(rules, 0.5, withFallback(model, otherModel))}. Capabilities are the union of
     * both; limits are the secondary's.
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
     * Uses {@code primary}, and {@code fallback} for the tickets it failed with a classification error (rate limits
     * included: falling back is what this composite is for). Other exceptions (bugs) propagate. Logs one WARN per
     * failure kind (exception type and retryability), never ticket text; later ones go to DEBUG. Capabilities and
     * limits are the primary's.
     */
    public static Classifier withFallback(Classifier primary, Classifier fallback) {
        return new FallbackClassifier(Objects.requireNonNull(primary, "primary"), Objects.requireNonNull(fallback, "fallback"));
    }

    /**
     * Caches up to {@code maxEntries} results (least recently used evicted), keyed by the SHA-256 of the
     * normalised ticket text (NFC, lower case, whitespace collapsed) and the taxonomy fingerprint (every label, alias and field it declares). Failures
     * are not cached. A batch is looked up first and only its misses go to the delegate, as one batch (tickets of
     * the batch with the same text are asked once). A hit is returned with provenance marked
     * {@link dev.tickettriage.domain.Provenance#isCacheHit() as a cache hit}: the original classifier and model, no
     * tokens, zero cost and the latency of the lookup, so a cost is never counted twice. Limits are the delegate's.
     *
     * @throws IllegalArgumentException when {@code maxEntries} is not positive
     */
    public static Classifier cached(Classifier delegate, int maxEntries) {
        if (maxEntries <= 0) throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
        return new CachingClassifier(Objects.requireNonNull(delegate, "delegate"), maxEntries);
    }
}
