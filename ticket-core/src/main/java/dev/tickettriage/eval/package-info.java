/**
 * Evaluation harness: runs any {@link dev.tickettriage.port.Classifier} over labelled examples and reports
 * accuracy, macro-F1, per-label precision/recall/F1, the confusion matrix, latency percentiles and tokens.
 */
@NullMarked
package dev.tickettriage.eval;

import org.jspecify.annotations.NullMarked;
