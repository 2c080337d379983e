package dev.tickettriage.rules;

import dev.tickettriage.domain.Priority;
import java.util.Objects;

/** Sets the ticket's priority in force, up or down. */
record SetPriorityAction(Priority priority) implements RuleAction {

    SetPriorityAction {
        Objects.requireNonNull(priority, "priority");
    }
}
