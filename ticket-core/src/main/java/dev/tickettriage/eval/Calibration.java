package dev.tickettriage.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a classifier's confidences match how often it is right, over the answered examples whose prediction came
 * with a confidence ({@link LabelSelector#confidence}): the expected calibration error (ECE: the gap between mean
 * confidence and accuracy per bin, weighted by the bin's share of examples), the largest gap of any non-empty bin (MCE),
 * and the reliability table. Bins are {@value #BINS} equal-width confidence intervals ({@code [0, 0.1)}, ...,
 * {@code [0.9, 1]}). A perfectly calibrated classifier that says 0.8 is right 80 % of the time. Immutable.
 *
 * @param rated                   examples with a confidence
 * @param meanConfidence          mean confidence over them
 * @param accuracy                share of them predicted correctly
 * @param expectedCalibrationError ECE in [0, 1]
 * @param maxCalibrationError     MCE in [0, 1]
 * @param bins                    the reliability table, every bin (empty ones with count 0)
 */
public record Calibration(long rated, double meanConfidence, double accuracy, double expectedCalibrationError,
                          double maxCalibrationError, List<ReliabilityBin> bins) {

    public static final int BINS = 10;

    public Calibration {
        bins = List.copyOf(bins);
    }

    /** One row of the reliability table: predictions with confidence in [{@code lower}, {@code upper}). */
    public record ReliabilityBin(double lower, double upper, long count, double meanConfidence, double accuracy) {
    }

    /** Calibration of {@code confidences} (each in [0, 1]) against {@code correct}, pairwise. */
    static Calibration of(double[] confidences, boolean[] correct) {
        if (confidences.length != correct.length) throw new IllegalArgumentException("one correctness flag per confidence");
        long[] counts = new long[BINS];
        double[] confidenceSums = new double[BINS];
        long[] hits = new long[BINS];
        double totalConfidence = 0;
        long totalHits = 0;
        for (int i = 0; i < confidences.length; i++) {
            double confidence = confidences[i];
            int bin = Math.min(BINS - 1, (int) Math.floor(confidence * BINS));
            counts[bin]++;
            confidenceSums[bin] += confidence;
            totalConfidence += confidence;
            if (correct[i]) {
                hits[bin]++;
                totalHits++;
            }
        }
        long n = confidences.length;
        List<ReliabilityBin> bins = new ArrayList<>(BINS);
        double ece = 0;
        double mce = 0;
        for (int b = 0; b < BINS; b++) {
            double meanConfidence = counts[b] == 0 ? 0 : confidenceSums[b] / counts[b];
            double accuracy = counts[b] == 0 ? 0 : (double) hits[b] / counts[b];
            if (counts[b] > 0) {
                double gap = Math.abs(meanConfidence - accuracy);
                ece += gap * counts[b] / n;
                mce = Math.max(mce, gap);
            }
            bins.add(new ReliabilityBin((double) b / BINS, (double) (b + 1) / BINS, counts[b], meanConfidence, accuracy));
        }
        return new Calibration(n, n == 0 ? 0 : totalConfidence / n, n == 0 ? 0 : (double) totalHits / n, ece, mce, bins);
    }
}
