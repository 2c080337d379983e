package dev.tickettriage.domain;

/** How soon a ticket needs a human, lowest first. */
public enum Priority {
    LOW, MEDIUM, HIGH, URGENT;

    /** Whether this is at least {@code other}. */
    public boolean isAtLeast(Priority other) {
        return compareTo(other) >= 0;
    }

    /** One step higher, URGENT stays URGENT. */
    public Priority raised() {
        return this == URGENT ? URGENT : values()[ordinal() + 1];
    }
}
