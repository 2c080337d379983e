package dev.tickettriage.rules;

import java.util.Objects;

/** Thrown by {@link RoutingRules.Builder#build()} when two rules share a name; {@link #ruleName()} names it. */
public final class DuplicateRuleNameException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String ruleName;

    /** An exception naming the duplicated {@code ruleName}. */
    public DuplicateRuleNameException(String ruleName) {
        super("rule names must be unique within a rule set, '" + ruleName + "' is declared twice");
        this.ruleName = Objects.requireNonNull(ruleName, "ruleName");
    }

    /** The name declared more than once. */
    public String ruleName() {
        return ruleName;
    }
}
