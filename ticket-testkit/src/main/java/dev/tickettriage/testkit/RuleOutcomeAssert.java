package dev.tickettriage.testkit;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.Notification;
import dev.tickettriage.rules.Actions;
import dev.tickettriage.rules.RoutingOutcome;
import dev.tickettriage.rules.RoutingRules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Checks on what a rule set does to one ticket; the ticket is routed on the first check and again after
 * {@link #at} or {@link #withClock}. Every check returns this for chaining. Not thread-safe.
 */
public final class RuleOutcomeAssert extends AbstractAssert<RuleOutcomeAssert, Ticket> {

    private final RoutingRules rules;
    private Clock clock;
    private @Nullable RoutingOutcome outcome;

    RuleOutcomeAssert(RoutingRules rules, Ticket ticket) {
        super(ticket, RuleOutcomeAssert.class);
        this.rules = rules;
        this.clock = Clock.fixed(ticket.createdAt(), ZoneOffset.UTC);
    }

    /** Routes at {@code now} instead of the ticket's {@code createdAt}. */
    public RuleOutcomeAssert at(Instant now) {
        return withClock(Clock.fixed(Objects.requireNonNull(now, "now"), ZoneOffset.UTC));
    }

    /** Routes with {@code clock}. */
    public RuleOutcomeAssert withClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.outcome = null;
        return this;
    }

    /** The routing outcome, for checks this class does not offer. */
    public RoutingOutcome outcome() {
        if (outcome == null) outcome = rules.route(actual, clock);
        return outcome;
    }

    /** Checks that at least one notification goes to {@code target}; refine with the returned assert. */
    public RuleNotificationAssert notifies(String target) {
        List<Notification> matching = outcome().notificationsTo(target);
        if (matching.isEmpty()) fail("Expected a notification to '" + target + "'");
        return new RuleNotificationAssert(this, target, matching);
    }

    /** Checks that no notification is produced at all. */
    public RuleOutcomeAssert doesNotNotify() {
        if (!outcome().notifications().isEmpty()) fail("Expected no notification");
        return this;
    }

    /** Checks that no notification goes to {@code target}. */
    public RuleOutcomeAssert doesNotNotify(String target) {
        if (!outcome().notificationsTo(target).isEmpty()) fail("Expected no notification to '" + target + "'");
        return this;
    }

    /** Checks that the rule named {@code ruleName} fires. */
    public RuleOutcomeAssert fires(String ruleName) {
        if (!outcome().hasFired(ruleName)) fail("Expected rule '" + ruleName + "' to fire");
        return this;
    }

    /** Checks that the rule named {@code ruleName} does not fire. */
    public RuleOutcomeAssert doesNotFire(String ruleName) {
        if (outcome().hasFired(ruleName)) fail("Expected rule '" + ruleName + "' not to fire");
        return this;
    }

    /** Checks that no rule fires. */
    public RuleOutcomeAssert firesNothing() {
        if (outcome().anyFired()) fail("Expected no rule to fire");
        return this;
    }

    /** Checks that routing changes the ticket's priority to {@code priority} (it must differ from the input's). */
    public RuleOutcomeAssert setsPriority(Priority priority) {
        Optional<Priority> after = outcome().ticket().priority();
        if (!after.equals(Optional.of(priority)) || actual.priority().equals(after)) {
            fail("Expected the rules to set priority " + priority);
        }
        return this;
    }

    /** Checks that routing assigns the ticket to {@code agent} (it must not have been assigned to them already). */
    public RuleOutcomeAssert assigns(String agent) {
        Optional<String> after = outcome().ticket().assignee();
        if (!after.equals(Optional.of(agent)) || actual.assignee().equals(after)) {
            fail("Expected the rules to assign the ticket to '" + agent + "'");
        }
        return this;
    }

    /** Checks that routing adds {@code tag} (the input must not carry it). */
    public RuleOutcomeAssert addsTag(String tag) {
        if (!outcome().ticket().tags().contains(tag) || actual.tags().contains(tag)) {
            fail("Expected the rules to add tag '" + tag + "'");
        }
        return this;
    }

    /**
     * Checks that routing escalates: the result carries the tag {@value Actions#ESCALATED_TAG} and either that
     * tag is new or the priority went up.
     */
    public RuleOutcomeAssert escalates() {
        Ticket after = outcome().ticket();
        boolean tagged = after.tags().contains(Actions.ESCALATED_TAG);
        boolean newlyTagged = tagged && !actual.tags().contains(Actions.ESCALATED_TAG);
        boolean raised = after.priority().isPresent()
                && actual.priority().map(before -> after.priority().get().compareTo(before) > 0).orElse(true);
        if (!tagged || !(newlyTagged || raised)) fail("Expected the rules to escalate the ticket");
        return this;
    }

    void fail(String expectation) {
        failWithMessage("%s", expectation + " but the rules did this:\n" + describe(actual, outcome()));
    }

    static String describe(Ticket before, RoutingOutcome outcome) {
        Ticket after = outcome.ticket();
        StringBuilder text = new StringBuilder();
        text.append("  fired rules:   ").append(outcome.firedRules()).append('\n');
        text.append("  notifications: ").append(outcome.notifications().isEmpty() ? "none" : "").append('\n');
        for (Notification notification : outcome.notifications()) {
            text.append("    - to '").append(notification.target()).append("', priority ").append(notification.priority())
                    .append(", title \"").append(notification.title()).append("\"\n");
        }
        text.append("  priority:      ").append(change(before.priority(), after.priority())).append('\n');
        text.append("  assignee:      ").append(change(before.assignee(), after.assignee())).append('\n');
        text.append("  tags:          ").append(before.tags()).append(" -> ").append(after.tags());
        before.classification().filter(classification -> !classification.fields().isEmpty()).ifPresent(classification -> {
            text.append("\n  custom fields: ");
            classification.fields().values().forEach(field -> text.append(field.name()).append('=')
                    .append(field.value().kind() == dev.tickettriage.domain.FieldKind.TEXT ? "<text>" : field.value().joined())
                    .append(" (").append(field.confidence().value()).append(") "));
        });
        return text.toString();
    }

    private static String change(Optional<?> before, Optional<?> after) {
        String from = before.map(Object::toString).orElse("<none>");
        String to = after.map(Object::toString).orElse("<none>");
        return from.equals(to) ? from + " (unchanged)" : from + " -> " + to;
    }
}
