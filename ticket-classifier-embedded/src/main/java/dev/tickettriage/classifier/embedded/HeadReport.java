package dev.tickettriage.classifier.embedded;

/**
 * How one head was trained: examples, the held-out slice used for calibration (0 when too few examples to calibrate),
 * L-BFGS iterations, whether it converged, the fitted temperature, the held-out negative log-likelihood before and
 * after temperature scaling and the held-out accuracy (NaN without a held-out slice), and the seconds spent.
 */
public record HeadReport(int examples, int heldOut, int iterations, boolean converged, double temperature,
                         double heldOutNllBefore, double heldOutNllAfter, double heldOutAccuracy, double seconds) {
}
