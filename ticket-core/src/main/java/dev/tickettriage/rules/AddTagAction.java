package dev.tickettriage.rules;

/** Adds a tag (a no-op when the ticket already has it). */
record AddTagAction(String tag) implements RuleAction {

    AddTagAction {
        Actions.checkTag(tag);
    }
}
