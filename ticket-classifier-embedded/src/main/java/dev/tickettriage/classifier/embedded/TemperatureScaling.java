package dev.tickettriage.classifier.embedded;

/**
 * Temperature scaling (Guo et al. 2017): one scalar {@code T} dividing every logit, chosen to minimise the negative
 * log-likelihood of a held-out slice. It changes confidences, never the ranking of labels.
 */
final class TemperatureScaling {

    static final double MIN = 0.05;
    static final double MAX = 20;

    private TemperatureScaling() {
    }

    /** The temperature in [{@value #MIN}, {@value #MAX}] minimising the mean NLL (golden-section search on log T; NLL is unimodal in T). */
    static double fit(double[][] logits, int[] targets) {
        if (logits.length == 0) return 1.0;
        double low = Math.log(MIN);
        double high = Math.log(MAX);
        double ratio = (Math.sqrt(5) - 1) / 2;
        double a = high - ratio * (high - low);
        double b = low + ratio * (high - low);
        double fa = HeadTrainer.nll(logits, targets, Math.exp(a));
        double fb = HeadTrainer.nll(logits, targets, Math.exp(b));
        for (int i = 0; i < 60; i++) {
            if (fa <= fb) {
                high = b;
                b = a;
                fb = fa;
                a = high - ratio * (high - low);
                fa = HeadTrainer.nll(logits, targets, Math.exp(a));
            } else {
                low = a;
                a = b;
                fa = fb;
                b = low + ratio * (high - low);
                fb = HeadTrainer.nll(logits, targets, Math.exp(b));
            }
        }
        return Math.exp((low + high) / 2);
    }
}
