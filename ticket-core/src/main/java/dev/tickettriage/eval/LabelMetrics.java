package dev.tickettriage.eval;

import java.util.Objects;

/** Precision, recall and F1 of one label, and its support (number of gold examples). */
public record LabelMetrics(String label, double precision, double recall, double f1, long support) {

    public LabelMetrics {
        Objects.requireNonNull(label, "label");
        if (support < 0) throw new IllegalArgumentException("support must be >= 0, was " + support);
    }
}
