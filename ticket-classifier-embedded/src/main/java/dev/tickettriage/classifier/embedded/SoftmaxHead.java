package dev.tickettriage.classifier.embedded;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A multinomial logistic-regression head: {@code labels.size()} classes over {@code denseDimension} dense features
 * (the sentence vector) plus {@code sparseDimension} hashed n-gram buckets, with a bias per class and a calibration
 * temperature. Weights are stored feature-major ({@code weights[feature * classes + class]}) so that scoring and the
 * gradient are vectorisable AXPY loops. Immutable once built; thread-safe.
 */
final class SoftmaxHead {

    private final List<String> labels;
    private final int denseDimension;
    private final int sparseDimension;
    private final float[] weights;
    private final float[] bias;
    private final double temperature;

    SoftmaxHead(List<String> labels, int denseDimension, int sparseDimension, float[] weights, float[] bias, double temperature) {
        this.labels = List.copyOf(labels);
        this.denseDimension = denseDimension;
        this.sparseDimension = sparseDimension;
        this.weights = Objects.requireNonNull(weights, "weights");
        this.bias = Objects.requireNonNull(bias, "bias");
        this.temperature = temperature;
        int classes = this.labels.size();
        if (classes < 1) throw new IllegalArgumentException("a head needs at least one label");
        if (weights.length != (long) (denseDimension + sparseDimension) * classes || bias.length != classes) {
            throw new IllegalArgumentException("weight shape does not match " + classes + " labels and " + (denseDimension + sparseDimension) + " features");
        }
        if (!(temperature > 0 && temperature < 1000)) throw new IllegalArgumentException("temperature must be in (0, 1000), was " + temperature);
    }

    List<String> labels() { return labels; }

    int denseDimension() { return denseDimension; }

    int sparseDimension() { return sparseDimension; }

    float[] weights() { return weights; }

    float[] bias() { return bias; }

    double temperature() { return temperature; }

    SoftmaxHead withTemperature(double value) {
        return new SoftmaxHead(labels, denseDimension, sparseDimension, weights, bias, value);
    }

    /** Raw (uncalibrated) scores of every class. */
    double[] logits(FeatureRow row) {
        return logits(weights, bias, labels.size(), denseDimension, row);
    }

    /** Calibrated probabilities of every class (softmax of logits over the temperature). */
    double[] probabilities(FeatureRow row) {
        double[] z = logits(row);
        return softmax(z, temperature);
    }

    static double[] logits(float[] weights, float[] bias, int classes, int denseDimension, FeatureRow row) {
        float[] z = Arrays.copyOf(bias, classes);
        float[] dense = row.dense();
        for (int j = 0; j < dense.length; j++) {
            float x = dense[j];
            if (x == 0) continue;
            int base = j * classes;
            for (int k = 0; k < classes; k++) z[k] += weights[base + k] * x;
        }
        int[] indices = row.indices();
        float[] values = row.values();
        for (int s = 0; s < indices.length; s++) {
            float x = values[s];
            int base = (denseDimension + indices[s]) * classes;
            for (int k = 0; k < classes; k++) z[k] += weights[base + k] * x;
        }
        double[] out = new double[classes];
        for (int k = 0; k < classes; k++) out[k] = z[k];
        return out;
    }

    static double[] softmax(double[] logits, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) max = Math.max(max, z / temperature);
        double sum = 0;
        double[] p = new double[logits.length];
        for (int k = 0; k < logits.length; k++) {
            p[k] = Math.exp(logits[k] / temperature - max);
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) p[k] /= sum;
        return p;
    }
}
