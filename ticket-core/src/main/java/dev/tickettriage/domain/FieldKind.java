package dev.tickettriage.domain;

import java.util.Locale;

/** The type of a custom classification field; see {@link FieldDefinition}. */
public enum FieldKind {
    /** Exactly one value of a closed set; JSON type name {@code one_of}. */
    ONE_OF,
    /** Several values of a closed set, between a minimum and a maximum count; {@code many_of}. */
    MANY_OF,
    /** True or false; {@code boolean}. */
    BOOLEAN,
    /** A number within bounds, integer or decimal; {@code integer} or {@code number}. */
    NUMBER,
    /** Short free text up to a maximum length; {@code text}. */
    TEXT;

    /** Lower snake case, as in taxonomy files: {@code one_of}, {@code many_of}, {@code boolean}, {@code number}, {@code text}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
