package dev.tickettriage.rules;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Raises the priority one step, tags the ticket and notifies {@code target} or the rule set's escalation target. */
record EscalateAction(@Nullable String target) implements RuleAction {

    EscalateAction {
        if (target != null) Actions.checkTarget(target);
    }

    Optional<String> explicitTarget() {
        return Optional.ofNullable(target);
    }
}
