package dev.tickettriage.domain;

import java.util.Objects;

/**
 * A custom field a classifier filled: its name, value, and the classifier's confidence in it (with the
 * confidence's {@link ConfidenceSource}). A field that was not filled has no {@code FilledField} at all; see
 * {@link Classification#isFilled(String)}. Immutable and thread-safe.
 *
 * @throws IllegalArgumentException when {@code name} is not a valid field name ({@link FieldDefinition#isValidName})
 */
public record FilledField(String name, FieldValue value, Confidence confidence) {

    public FilledField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(confidence, "confidence");
        if (!FieldChecks.isValidName(name)) {
            throw new IllegalArgumentException("field name must be lower snake case, at most 64 characters, was '"
                    + FieldChecks.shown(name) + "'");
        }
    }

    public static FilledField of(String name, FieldValue value, Confidence confidence) {
        return new FilledField(name, value, confidence);
    }
}
