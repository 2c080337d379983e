package dev.tickettriage.rules;

/**
 * Something a rule does when it fires: notify, set priority, assign, add a tag or escalate.
 * Create actions with {@link Actions}; the set is closed so routing stays predictable. Immutable and thread-safe.
 */
public sealed interface RuleAction permits NotifyAction, SetPriorityAction, AssignAction, AddTagAction, EscalateAction {
}
