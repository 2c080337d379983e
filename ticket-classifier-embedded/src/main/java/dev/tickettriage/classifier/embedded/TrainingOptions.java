package dev.tickettriage.classifier.embedded;

/**
 * How {@link EmbeddedTrainer} trains.
 *
 * @param features           which features the heads see (sentence vector, character n-grams)
 * @param l2                 L2 penalty on the weights (larger = simpler model); default 1e-4
 * @param classWeighting     default {@link ClassWeighting#BALANCED}
 * @param maxIterations      L-BFGS iterations per fit; default 300
 * @param holdoutFraction    share of the examples (stratified per label) held out to fit the temperature; default 0.1;
 *                           0 disables calibration (temperature 1). Heads with too few held-out examples stay uncalibrated
 * @param refitOnAllExamples after calibrating, refit on every example (held-out ones included), keeping the
 *                           temperature; default true
 * @param seed               seeds the held-out split; same data, options and seed give the same model
 * @param threads            threads for the training gradient and for encoding the examples; default 1
 */
public record TrainingOptions(FeatureSettings features, double l2, ClassWeighting classWeighting, int maxIterations,
                              double holdoutFraction, boolean refitOnAllExamples, long seed, int threads) {

    public TrainingOptions {
        java.util.Objects.requireNonNull(features, "features");
        java.util.Objects.requireNonNull(classWeighting, "classWeighting");
        if (!(l2 >= 0 && l2 <= 100)) throw new IllegalArgumentException("l2 must be in [0, 100], was " + l2);
        if (maxIterations < 1 || maxIterations > 100_000) throw new IllegalArgumentException("maxIterations must be in [1, 100000], was " + maxIterations);
        if (!(holdoutFraction >= 0 && holdoutFraction <= 0.5)) throw new IllegalArgumentException("holdoutFraction must be in [0, 0.5], was " + holdoutFraction);
        if (threads < 1 || threads > 256) throw new IllegalArgumentException("threads must be in [1, 256], was " + threads);
    }

    public static TrainingOptions defaults() {
        return new TrainingOptions(FeatureSettings.defaults(), 1e-4, ClassWeighting.BALANCED, 300, 0.1, true, 42L, 1);
    }

    public TrainingOptions withFeatures(FeatureSettings value) {
        return new TrainingOptions(value, l2, classWeighting, maxIterations, holdoutFraction, refitOnAllExamples, seed, threads);
    }

    public TrainingOptions withL2(double value) {
        return new TrainingOptions(features, value, classWeighting, maxIterations, holdoutFraction, refitOnAllExamples, seed, threads);
    }

    public TrainingOptions withClassWeighting(ClassWeighting value) {
        return new TrainingOptions(features, l2, value, maxIterations, holdoutFraction, refitOnAllExamples, seed, threads);
    }

    public TrainingOptions withMaxIterations(int value) {
        return new TrainingOptions(features, l2, classWeighting, value, holdoutFraction, refitOnAllExamples, seed, threads);
    }

    public TrainingOptions withHoldoutFraction(double value) {
        return new TrainingOptions(features, l2, classWeighting, maxIterations, value, refitOnAllExamples, seed, threads);
    }

    public TrainingOptions withRefitOnAllExamples(boolean value) {
        return new TrainingOptions(features, l2, classWeighting, maxIterations, holdoutFraction, value, seed, threads);
    }

    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(features, l2, classWeighting, maxIterations, holdoutFraction, refitOnAllExamples, value, threads);
    }

    public TrainingOptions withThreads(int value) {
        return new TrainingOptions(features, l2, classWeighting, maxIterations, holdoutFraction, refitOnAllExamples, seed, value);
    }
}
