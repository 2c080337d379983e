package dev.tickettriage.domain;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The value of one custom classification field: short text, a boolean, a number, one value of a closed set,
 * or several values of a closed set. Which kind a field takes, and which values it allows, is declared by its
 * {@link FieldDefinition}; {@link FieldDefinition#validate(FieldValue)} checks a value against it and
 * {@link FieldDefinition#parse(String)} builds one from a classifier's answer, mapping aliases and case.
 *
 * <p>A field that was not filled has no value at all (see {@link Classification#isFilled(String)}): there is
 * no "empty" value. Values are immutable and thread-safe records.
 *
 * <p><b>Canonical strings.</b> {@link #strings()} gives the forms stores, queries, stats and CSV files use:
 * the text; {@code true}/{@code false}; the number in plain decimal without trailing zeros ({@code 3},
 * {@code 0.75}); the declared value; the declared values. A JDBC store can keep a value as JSON (string,
 * boolean, number or array of strings) and compare these forms.
 */
public sealed interface FieldValue permits FieldValue.TextValue, FieldValue.BooleanValue, FieldValue.NumberValue,
        FieldValue.ChoiceValue, FieldValue.ChoicesValue {

    /** The kind of field this value belongs to. */
    FieldKind kind();

    /** The canonical string forms, one per value (several only for {@link ChoicesValue}); never empty. */
    List<String> strings();

    /** The canonical strings joined with {@code |} (the CSV form of several values). */
    default String joined() {
        return String.join("|", strings());
    }

    /** Whether one of {@link #strings()} equals {@code candidate} exactly. */
    default boolean matches(String candidate) {
        return strings().contains(candidate);
    }

    /** Short free text. */
    static FieldValue text(String value) {
        return new TextValue(value);
    }

    /** A boolean. */
    static FieldValue of(boolean value) {
        return new BooleanValue(value);
    }

    /** A number. */
    static FieldValue number(double value) {
        return new NumberValue(value);
    }

    /** One value of a closed set, by its declared name. */
    static FieldValue choice(String value) {
        return new ChoiceValue(value);
    }

    /** Several values of a closed set, by their declared names. */
    static FieldValue choices(String... values) {
        return new ChoicesValue(List.of(values));
    }

    /** Several values of a closed set, by their declared names, in the given order. */
    static FieldValue choices(List<String> values) {
        return new ChoicesValue(values);
    }

    /** Short free text; checked against the field's maximum length and for control characters when validated. */
    record TextValue(String value) implements FieldValue {
        public TextValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public FieldKind kind() {
            return FieldKind.TEXT;
        }

        @Override
        public List<String> strings() {
            return List.of(value);
        }

        @Override
        public String toString() {
            // free text may quote the ticket: keep it out of toString
            return "TextValue[" + value.length() + " chars]";
        }
    }

    /** A boolean; canonical strings {@code true} and {@code false}. */
    record BooleanValue(boolean value) implements FieldValue {
        @Override
        public FieldKind kind() {
            return FieldKind.BOOLEAN;
        }

        @Override
        public List<String> strings() {
            return List.of(Boolean.toString(value));
        }
    }

    /**
     * A finite number; integers and decimals alike ({@link FieldDefinition.NumberField#integer()} says which a field
     * takes).
     *
     * @throws IllegalArgumentException for NaN and infinities
     */
    record NumberValue(double value) implements FieldValue {
        public NumberValue {
            if (!Double.isFinite(value)) throw new IllegalArgumentException("number must be finite, was " + value);
        }

        @Override
        public FieldKind kind() {
            return FieldKind.NUMBER;
        }

        /** The plain decimal form without trailing zeros: {@code 3}, {@code -0.5}, {@code 1200}. */
        public String canonical() {
            if (value == 0) return "0";   // also -0.0
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }

        /** Whether the value has no fractional part. */
        public boolean isWhole() {
            return value == Math.rint(value);
        }

        @Override
        public List<String> strings() {
            return List.of(canonical());
        }
    }

    /** One value of a closed set, by its declared name. */
    record ChoiceValue(String value) implements FieldValue {
        public ChoiceValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public FieldKind kind() {
            return FieldKind.ONE_OF;
        }

        @Override
        public List<String> strings() {
            return List.of(value);
        }
    }

    /**
     * Several distinct values of a closed set, by their declared names; {@link FieldDefinition#parse} lists them in
     * declaration order.
     *
     * @throws IllegalArgumentException when empty or a value repeats (not filled is no value at all)
     */
    record ChoicesValue(List<String> values) implements FieldValue {
        public ChoicesValue {
            values = List.copyOf(values);
            if (values.isEmpty()) throw new IllegalArgumentException("values must not be empty");
            if (new LinkedHashSet<>(values).size() != values.size()) {
                throw new IllegalArgumentException("values must be distinct");
            }
        }

        @Override
        public FieldKind kind() {
            return FieldKind.MANY_OF;
        }

        @Override
        public List<String> strings() {
            return values;
        }
    }
}
