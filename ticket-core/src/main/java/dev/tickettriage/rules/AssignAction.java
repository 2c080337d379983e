package dev.tickettriage.rules;

import java.util.Objects;

/** Assigns an unassigned ticket to the agent the strategy chooses. */
record AssignAction(AssignmentStrategy strategy) implements RuleAction {

    AssignAction {
        Objects.requireNonNull(strategy, "strategy");
    }
}
