package dev.tickettriage.domain;

import java.util.Objects;

/** How sure a classifier is of one field, in [0, 1], and where that figure came from. */
public record Confidence(double value, ConfidenceSource source) {

    public Confidence {
        if (!(value >= 0 && value <= 1)) {   // written this way so NaN is rejected too
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + value);
        }
        Objects.requireNonNull(source, "source");
    }

    public static Confidence of(double value, ConfidenceSource source) {
        return new Confidence(value, source);
    }

    /** Whether the value is at least {@code threshold}. */
    public boolean isAtLeast(double threshold) {
        return value >= threshold;
    }
}
