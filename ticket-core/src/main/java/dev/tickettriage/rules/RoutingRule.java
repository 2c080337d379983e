package dev.tickettriage.rules;

import java.util.List;
import java.util.Objects;

/**
 * One named rule: a {@link Condition} and the {@link RuleAction}s to run, in order, when it holds.
 * Built through {@link RoutingRules#builder()}. Immutable and thread-safe.
 */
public final class RoutingRule {

    /** Longest allowed rule name. */
    public static final int MAX_NAME_LENGTH = 100;

    private final String name;
    private final Condition condition;
    private final List<RuleAction> actions;
    private final boolean stopsProcessing;

    RoutingRule(String name, Condition condition, List<RuleAction> actions, boolean stopsProcessing) {
        this.name = checkName(name);
        this.condition = Objects.requireNonNull(condition, "condition");
        this.actions = List.copyOf(actions);
        if (this.actions.isEmpty()) throw new IllegalArgumentException("rule '" + name + "' needs at least one action");
        this.stopsProcessing = stopsProcessing;
    }

    /** Unique within its rule set; part of notification idempotency keys. */
    public String name() {
        return name;
    }

    public Condition condition() {
        return condition;
    }

    /** The actions in the order they run. */
    public List<RuleAction> actions() {
        return actions;
    }

    /** Whether later rules are skipped once this one fires. */
    public boolean stopsProcessing() {
        return stopsProcessing;
    }

    /** Whether this rule fires for {@code context}. */
    public boolean matches(RuleContext context) {
        return condition.test(context);
    }

    RoutingRule stoppingProcessing() {
        return new RoutingRule(name, condition, actions, true);
    }

    /**
     * Checks a rule name: 1-100 printable characters without surrounding blanks and without {@code /} (the
     * separator of notification idempotency keys).
     */
    static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH || !name.strip().equals(name) || name.contains("/")
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("rule name must be 1-" + MAX_NAME_LENGTH
                    + " printable characters without '/' or surrounding blanks, was '" + name + "'");
        }
        return name;
    }

    @Override
    public String toString() {
        return "RoutingRule[" + name + ", actions=" + actions.size() + (stopsProcessing ? ", stopsProcessing" : "") + "]";
    }
}
