package dev.tickettriage.pipeline;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the config records. */
final class Durations {

    private Durations() {
    }

    static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + value);
        return value;
    }

    static Duration notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) throw new IllegalArgumentException(name + " must be zero or positive, was " + value);
        return value;
    }
}
