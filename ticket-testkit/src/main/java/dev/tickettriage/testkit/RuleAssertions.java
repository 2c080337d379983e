package dev.tickettriage.testkit;

import dev.tickettriage.rules.RoutingRules;

/**
 * Entry point for fluent routing-rule assertions, built on AssertJ:
 *
 * <pre>{@code
 * assertThatRules(rules).given(ticket).notifies("support-alerts").withPriority(URGENT);
 * assertThatRules(rules).given(ticket).at(Instant.parse("2026-03-02T20:00:00Z")).fires("after-hours").addsTag("night");
 * }</pre>
 *
 * Without {@code at(...)} or {@code withClock(...)} the rules run with a clock fixed at the ticket's
 * {@code createdAt} (UTC). Failures are {@link AssertionError}s whose message lists what the rules actually did.
 */
public final class RuleAssertions {

    private RuleAssertions() {
    }

    /** Starts an assertion on {@code rules}; never null. */
    public static RuleSetAssert assertThatRules(RoutingRules rules) {
        return new RuleSetAssert(rules);
    }
}
