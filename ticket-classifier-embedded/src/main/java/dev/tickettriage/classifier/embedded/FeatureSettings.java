package dev.tickettriage.classifier.embedded;

/**
 * Which features a model's heads see; saved in the model file, so a loaded model computes the same features.
 *
 * @param sentenceVector whether to use the encoder's sentence vector
 * @param ngramMin       smallest character n-gram (0 with {@code ngramMax} 0 and {@code buckets} 0: no n-grams)
 * @param ngramMax       largest character n-gram
 * @param buckets        hash buckets for the n-grams
 * @param ngramWeight    scale of the n-gram vector (L2 norm) next to the unit-length sentence vector
 */
public record FeatureSettings(boolean sentenceVector, int ngramMin, int ngramMax, int buckets, float ngramWeight) {

    public FeatureSettings {
        boolean none = ngramMin == 0 && ngramMax == 0 && buckets == 0;
        if (!none) {
            new CharNgrams(ngramMin, ngramMax, buckets);   // validates
            if (!(ngramWeight > 0 && ngramWeight <= 100)) throw new IllegalArgumentException("ngramWeight must be in (0, 100], was " + ngramWeight);
        }
        if (!sentenceVector && none) throw new IllegalArgumentException("a model needs the sentence vector, n-grams or both");
    }

    /** Sentence vector plus character 2- to 5-grams in 2^15 buckets, weight 1. */
    public static FeatureSettings defaults() {
        return new FeatureSettings(true, 2, 5, 1 << 15, 1f);
    }

    /** The sentence vector alone. */
    public static FeatureSettings sentenceVectorOnly() {
        return new FeatureSettings(true, 0, 0, 0, 1f);
    }

    /** Character n-grams alone (no encoder needed at run time). */
    public static FeatureSettings ngramsOnly(int min, int max, int buckets) {
        return new FeatureSettings(false, min, max, buckets, 1f);
    }

    public boolean usesNgrams() {
        return buckets > 0;
    }
}
