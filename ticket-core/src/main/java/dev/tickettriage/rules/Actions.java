package dev.tickettriage.rules;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.TicketLimits;
import java.util.Objects;

/**
 * Ready-made {@link RuleAction}s, meant for static import.
 *
 * <p>Templates may use {@code {id}}, {@code {category}}, {@code {sentiment}}, {@code {priority}},
 * {@code {language}}, {@code {summary}}, {@code {subject}}, {@code {channel}}, {@code {status}},
 * {@code {assignee}}, {@code {rule}}, {@code {customer.name}}, {@code {customer.externalId}} and
 * {@code {confidence.<field>}} (for example {@code {confidence.category}}, two decimals). Unknown
 * placeholders stay verbatim, missing values render as {@code -}; titles are cut to 200 characters on one
 * line, messages to 1,000.
 *
 * <p>Use {@link #notifyTarget} with a static import: an unqualified {@code notify(...)} call does not
 * compile inside a class, because {@link Object#notify()} hides statically imported methods of that name.
 * {@code Actions.notify(...)} works when qualified. All factories throw {@link NullPointerException} for
 * null arguments and {@link IllegalArgumentException} for blank or invalid ones.
 */
public final class Actions {

    /** The tag {@link #escalate()} adds. */
    public static final String ESCALATED_TAG = "escalated";

    private Actions() {
    }

    /**
     * Notifies {@code target} (a logical name the host maps to a notifier); the notification's priority is
     * the ticket's priority in force after the rule's earlier actions, else MEDIUM.
     */
    public static RuleAction notifyTarget(String target, String titleTemplate, String messageTemplate) {
        return new NotifyAction(target, titleTemplate, messageTemplate, ticket -> null);
    }

    /** Notifies {@code target} with a fixed notification priority. */
    public static RuleAction notifyTarget(String target, String titleTemplate, String messageTemplate, Priority priority) {
        Objects.requireNonNull(priority, "priority");
        return new NotifyAction(target, titleTemplate, messageTemplate, ticket -> priority);
    }

    /** Same as {@link #notifyTarget(String, String, String)}; call it qualified, as {@code Actions.notify(...)}. */
    public static RuleAction notify(String target, String titleTemplate, String messageTemplate) {
        return notifyTarget(target, titleTemplate, messageTemplate);
    }

    /** Same as {@link #notifyTarget(String, String, String, Priority)}; call it qualified. */
    public static RuleAction notify(String target, String titleTemplate, String messageTemplate, Priority priority) {
        return notifyTarget(target, titleTemplate, messageTemplate, priority);
    }

    /** Sets the ticket's priority in force (it may lower it). */
    public static RuleAction setPriority(Priority priority) {
        return new SetPriorityAction(priority);
    }

    /** Assigns the ticket to {@code agent} unless it already has an assignee. */
    public static RuleAction assignTo(String agent) {
        checkAgent(agent);
        return new AssignAction(ticket -> java.util.Optional.of(agent));
    }

    /**
     * Assigns the ticket to the agent {@code strategy} chooses, unless it already has an assignee (a human's
     * or an earlier rule's assignment is never replaced); no change when the strategy chooses nobody.
     */
    public static RuleAction assign(AssignmentStrategy strategy) {
        return new AssignAction(strategy);
    }

    /** Adds {@code tag} (1-64 printable characters). */
    public static RuleAction addTag(String tag) {
        return new AddTagAction(tag);
    }

    /**
     * Raises the priority one step (an unset priority counts as MEDIUM, URGENT stays URGENT), adds the tag
     * {@value #ESCALATED_TAG}, and notifies the rule set's escalation target if one is configured
     * ({@link RoutingRules.Builder#escalationTarget}).
     */
    public static RuleAction escalate() {
        return new EscalateAction(null);
    }

    /** Like {@link #escalate()}, but notifies {@code target} whatever the rule set configures. */
    public static RuleAction escalateTo(String target) {
        return new EscalateAction(target);
    }

    static String checkTarget(String target) {
        Objects.requireNonNull(target, "target");
        if (target.isBlank() || target.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("target must be non-blank printable text");
        }
        return target;
    }

    static String checkTag(String tag) {
        Objects.requireNonNull(tag, "tag");
        if (tag.isBlank() || tag.length() > TicketLimits.DEFAULT_MAX_TAG_LENGTH || tag.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("tag must be 1-" + TicketLimits.DEFAULT_MAX_TAG_LENGTH + " printable characters");
        }
        return tag;
    }

    static String checkAgent(String agent) {
        Objects.requireNonNull(agent, "agent");
        if (agent.isBlank()) throw new IllegalArgumentException("agent must not be blank");
        return agent;
    }
}
