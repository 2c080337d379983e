package dev.tickettriage.rules;

import java.util.Objects;

/**
 * A test on a {@link RuleContext}; composable with {@link #and}, {@link #or} and {@link #negate}.
 * Ready-made conditions are in {@link Conditions}. Implementations must be side-effect free and
 * thread-safe, because one rule set routes tickets on many threads at once.
 */
@FunctionalInterface
public interface Condition {

    /** Whether the rule applies to {@code context}. */
    boolean test(RuleContext context);

    /** Both this and {@code other} (short-circuit). */
    default Condition and(Condition other) {
        Objects.requireNonNull(other, "other");
        return context -> test(context) && other.test(context);
    }

    /** This or {@code other} (short-circuit). */
    default Condition or(Condition other) {
        Objects.requireNonNull(other, "other");
        return context -> test(context) || other.test(context);
    }

    /** The opposite of this condition. */
    default Condition negate() {
        return context -> !test(context);
    }

    /** The opposite of {@code condition}; reads well with a static import: {@code not(hasTag("vip"))}. */
    static Condition not(Condition condition) {
        Objects.requireNonNull(condition, "condition");
        return condition.negate();
    }

    /** True for every ticket. */
    static Condition always() {
        return context -> true;
    }

    /** False for every ticket. */
    static Condition never() {
        return context -> false;
    }
}
