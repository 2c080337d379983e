package dev.tickettriage.classifier.embedded;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains one {@link SoftmaxHead}: class-weighted cross-entropy plus L2 (bias not penalised), minimised with L-BFGS; a
 * stratified, seeded held-out slice fits the temperature (temperature scaling: the one scalar that minimises the
 * held-out negative log-likelihood); then, when asked, the head is refitted on every example starting from the first
 * fit, keeping that temperature. Deterministic for a given seed and thread count.
 */
final class HeadTrainer {

    private HeadTrainer() {
    }

    /** What one training produced, for reports (no example text). */
    record Outcome(SoftmaxHead head, HeadReport report) {
    }

    static Outcome train(List<FeatureRow> rows, int[] targets, List<String> labels, int denseDimension, int sparseDimension,
                         TrainingOptions options) {
        long started = System.nanoTime();
        int classes = labels.size();
        int[] counts = new int[classes];
        for (int target : targets) counts[target]++;
        boolean[] heldOut = holdout(targets, classes, options.holdoutFraction(), options.seed());
        int heldOutCount = 0;
        for (boolean held : heldOut) if (held) heldOutCount++;
        boolean calibrate = heldOutCount >= Math.max(10, classes / 2);
        if (!calibrate) heldOutCount = 0;
        List<FeatureRow> fitRows = new ArrayList<>();
        List<Integer> fitTargets = new ArrayList<>();
        List<FeatureRow> calibrationRows = new ArrayList<>();
        List<Integer> calibrationTargets = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (calibrate && heldOut[i]) {
                calibrationRows.add(rows.get(i));
                calibrationTargets.add(targets[i]);
            } else {
                fitRows.add(rows.get(i));
                fitTargets.add(targets[i]);
            }
        }
        float[] theta = new float[(denseDimension + sparseDimension + 1) * classes];
        Lbfgs.Result first = fit(fitRows, unbox(fitTargets), classes, denseDimension, sparseDimension, options, theta);
        double temperature = 1.0;
        double nllBefore = Double.NaN;
        double nllAfter = Double.NaN;
        double heldOutAccuracy = Double.NaN;
        if (calibrate) {
            SoftmaxHead provisional = head(labels, denseDimension, sparseDimension, theta, 1.0);
            double[][] logits = new double[calibrationRows.size()][];
            int correct = 0;
            for (int i = 0; i < logits.length; i++) {
                logits[i] = provisional.logits(calibrationRows.get(i));
                if (argmax(logits[i]) == calibrationTargets.get(i)) correct++;
            }
            int[] calibrationY = unbox(calibrationTargets);
            nllBefore = nll(logits, calibrationY, 1.0);
            temperature = TemperatureScaling.fit(logits, calibrationY);
            nllAfter = nll(logits, calibrationY, temperature);
            heldOutAccuracy = (double) correct / logits.length;
        }
        Lbfgs.Result last = first;
        if (calibrate && options.refitOnAllExamples()) {
            last = fit(rows, targets, classes, denseDimension, sparseDimension, options, theta);
        }
        SoftmaxHead head = head(labels, denseDimension, sparseDimension, theta, temperature);
        HeadReport report = new HeadReport(rows.size(), heldOutCount, first.iterations() + (last == first ? 0 : last.iterations()),
                last.converged(), temperature, nllBefore, nllAfter, heldOutAccuracy, (System.nanoTime() - started) / 1e9);
        return new Outcome(head, report);
    }

    private static SoftmaxHead head(List<String> labels, int denseDimension, int sparseDimension, float[] theta, double temperature) {
        int classes = labels.size();
        int features = denseDimension + sparseDimension;
        float[] weights = Arrays.copyOf(theta, features * classes);
        float[] bias = Arrays.copyOfRange(theta, features * classes, (features + 1) * classes);
        return new SoftmaxHead(labels, denseDimension, sparseDimension, weights, bias, temperature);
    }

    /** Stratified: per class, a seeded shuffle and the first round(fraction * n) held out, never the class's last example. */
    static boolean[] holdout(int[] targets, int classes, double fraction, long seed) {
        boolean[] held = new boolean[targets.length];
        if (fraction <= 0) return held;
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < classes; k++) byClass.add(new ArrayList<>());
        for (int i = 0; i < targets.length; i++) byClass.get(targets[i]).add(i);
        Random random = new Random(seed);
        for (List<Integer> members : byClass) {
            java.util.Collections.shuffle(members, random);
            int take = (int) Math.round(fraction * members.size());
            take = Math.min(take, members.size() - 1);
            for (int i = 0; i < take; i++) held[members.get(i)] = true;
        }
        return held;
    }

    private static Lbfgs.Result fit(List<FeatureRow> rows, int[] targets, int classes, int denseDimension, int sparseDimension,
                                    TrainingOptions options, float[] theta) {
        double[] classWeight = new double[classes];
        int[] counts = new int[classes];
        for (int target : targets) counts[target]++;
        int present = 0;
        for (int count : counts) if (count > 0) present++;
        for (int k = 0; k < classes; k++) {
            classWeight[k] = options.classWeighting() == ClassWeighting.BALANCED && counts[k] > 0
                    ? (double) targets.length / (present * (double) counts[k]) : 1.0;
        }
        Objective objective = new Objective(rows, targets, classWeight, classes, denseDimension, sparseDimension, options);
        try {
            return new Lbfgs(8, options.maxIterations(), 1e-5).minimise(objective, theta);
        } finally {
            objective.close();
        }
    }

    /** Class-weighted mean cross-entropy plus (l2 / 2) * |W|^2; the gradient is summed over fixed chunks in order. */
    private static final class Objective implements Lbfgs.Objective, AutoCloseable {
        private final List<FeatureRow> rows;
        private final int[] targets;
        private final double[] classWeight;
        private final int classes;
        private final int denseDimension;
        private final int features;
        private final double l2;
        private final double totalWeight;
        private final int chunks;
        private final float[][] partials;
        private final ExecutorService executor;

        Objective(List<FeatureRow> rows, int[] targets, double[] classWeight, int classes, int denseDimension, int sparseDimension,
                  TrainingOptions options) {
            this.rows = rows;
            this.targets = targets;
            this.classWeight = classWeight;
            this.classes = classes;
            this.denseDimension = denseDimension;
            this.features = denseDimension + sparseDimension;
            this.l2 = options.l2();
            double total = 0;
            for (int target : targets) total += classWeight[target];
            this.totalWeight = total;
            this.chunks = Math.max(1, Math.min(options.threads(), rows.size() / 256 + 1));
            this.partials = new float[chunks][];
            this.executor = chunks > 1 ? Executors.newFixedThreadPool(chunks, runnable -> {
                Thread thread = new Thread(runnable, "embedded-head-training");
                thread.setDaemon(true);
                return thread;
            }) : null;
        }

        @Override
        public double evaluate(float[] theta, float[] gradient) {
            double loss = 0;
            if (chunks == 1) {
                Arrays.fill(gradient, 0f);
                loss = chunk(0, rows.size(), theta, gradient);
            } else {
                List<Future<Double>> parts = new ArrayList<>(chunks);
                int size = (rows.size() + chunks - 1) / chunks;
                for (int c = 0; c < chunks; c++) {
                    int from = c * size;
                    int to = Math.min(rows.size(), from + size);
                    int index = c;
                    parts.add(executor.submit(() -> {
                        if (partials[index] == null) partials[index] = new float[theta.length];
                        Arrays.fill(partials[index], 0f);
                        return chunk(from, to, theta, partials[index]);
                    }));
                }
                for (Future<Double> part : parts) loss += join(part);
                System.arraycopy(partials[0], 0, gradient, 0, gradient.length);
                for (int c = 1; c < chunks; c++) {
                    float[] partial = partials[c];
                    for (int i = 0; i < gradient.length; i++) gradient[i] += partial[i];
                }
            }
            float inverse = (float) (1 / totalWeight);
            for (int i = 0; i < gradient.length; i++) gradient[i] *= inverse;
            loss /= totalWeight;
            double penalty = 0;
            int weightCount = features * classes;
            float l2f = (float) l2;
            for (int i = 0; i < weightCount; i++) {
                penalty += theta[i] * theta[i];
                gradient[i] += l2f * theta[i];
            }
            return loss + 0.5 * l2 * penalty;
        }

        private static double join(Future<Double> part) {
            try {
                return part.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("training failed", e.getCause());
            }
        }

        private double chunk(int from, int to, float[] theta, float[] gradient) {
            double loss = 0;
            int biasBase = features * classes;
            float[] g = new float[classes];
            for (int i = from; i < to; i++) {
                FeatureRow row = rows.get(i);
                double[] z = SoftmaxHead.logits(theta, Arrays.copyOfRange(theta, biasBase, biasBase + classes), classes, denseDimension, row);
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) max = Math.max(max, v);
                double sum = 0;
                for (int k = 0; k < classes; k++) sum += Math.exp(z[k] - max);
                double logSum = max + Math.log(sum);
                int target = targets[i];
                double weight = classWeight[target];
                loss += weight * (logSum - z[target]);
                for (int k = 0; k < classes; k++) g[k] = (float) (weight * Math.exp(z[k] - logSum));
                g[target] -= (float) weight;
                for (int k = 0; k < classes; k++) gradient[biasBase + k] += g[k];
                float[] dense = row.dense();
                for (int j = 0; j < dense.length; j++) {
                    float x = dense[j];
                    if (x == 0) continue;
                    int base = j * classes;
                    for (int k = 0; k < classes; k++) gradient[base + k] += g[k] * x;
                }
                int[] indices = row.indices();
                float[] values = row.values();
                for (int s = 0; s < indices.length; s++) {
                    float x = values[s];
                    int base = (denseDimension + indices[s]) * classes;
                    for (int k = 0; k < classes; k++) gradient[base + k] += g[k] * x;
                }
            }
            return loss;
        }

        @Override
        public void close() {
            if (executor != null) executor.shutdownNow();
        }
    }

    static double nll(double[][] logits, int[] targets, double temperature) {
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            double[] p = SoftmaxHead.softmax(logits[i], temperature);
            total -= Math.log(Math.max(p[targets[i]], 1e-300));
        }
        return logits.length == 0 ? 0 : total / logits.length;
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) if (values[k] > values[best]) best = k;
        return best;
    }

    private static int[] unbox(List<Integer> values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = values.get(i);
        return out;
    }
}
