package dev.tickettriage.rules;

import java.util.Locale;
import java.util.Optional;

/** How far automation may act on one classified field; see {@link AutomationPolicy}. */
public enum AutomationLevel {
    /** Low confidence: show the value as a suggestion only. */
    SUGGEST,
    /** Medium confidence: pre-select the value; a human must confirm it. */
    PRESELECT,
    /** High confidence: apply the value automatically. */
    APPLY;

    /** The lower-case name stored in ticket attributes, for example {@code preselect}. */
    public String attributeValue() {
        return attributeValue;
    }

    private final String attributeValue = name().toLowerCase(Locale.ROOT);

    /** The level whose {@link #attributeValue()} is {@code value}; empty for anything else. */
    public static Optional<AutomationLevel> fromAttributeValue(String value) {
        for (AutomationLevel level : values()) {
            if (level.attributeValue().equals(value)) return Optional.of(level);
        }
        return Optional.empty();
    }
}
