package dev.tickettriage.testkit;

import dev.tickettriage.domain.Ticket;
import dev.tickettriage.rules.RoutingRule;
import dev.tickettriage.rules.RoutingRules;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link RoutingRules} set; start routing checks with {@link #given(Ticket)}. Not thread-safe. */
public final class RuleSetAssert extends AbstractAssert<RuleSetAssert, RoutingRules> {

    RuleSetAssert(RoutingRules rules) {
        super(rules, RuleSetAssert.class);
    }

    /** Routing checks for {@code ticket} (routed lazily, at its {@code createdAt} unless {@code at(...)} says otherwise). */
    public RuleOutcomeAssert given(Ticket ticket) {
        isNotNull();
        return new RuleOutcomeAssert(actual, Objects.requireNonNull(ticket, "ticket"));
    }

    /** Checks that the set declares a rule named {@code name}. */
    public RuleSetAssert hasRule(String name) {
        isNotNull();
        if (!names().contains(name)) {
            failWithMessage("%s", "Expected a rule named '" + name + "' but the rule set declares " + names());
        }
        return this;
    }

    /** Checks the rule names, in declaration order. */
    public RuleSetAssert hasRulesInOrder(String... names) {
        isNotNull();
        if (!names().equals(List.of(names))) {
            failWithMessage("%s", "Expected rules " + List.of(names) + " in this order but the rule set declares " + names());
        }
        return this;
    }

    private List<String> names() {
        return actual.rules().stream().map(RoutingRule::name).toList();
    }
}
