/**
 * Evaluation harness: runs any {@link dev.tickettriage.port.Classifier} over labelled examples and reports
 * accuracy, macro-F1, per-label precision/recall/F1, the confusion matrix, latency percentiles, tokens and the
 * calibration of the confidences ({@link dev.tickettriage.eval.Calibration}: ECE, reliability table); and shadow
 * mode ({@link dev.tickettriage.eval.ShadowClassifier}): a candidate classifier beside the live one, its agreement
 * reported per field as the same reports ({@link dev.tickettriage.eval.ShadowReport}).
 */
@NullMarked
package dev.tickettriage.eval;

import org.jspecify.annotations.NullMarked;
