package dev.tickettriage.rules;

import static dev.tickettriage.rules.Conditions.hasTag;
import static dev.tickettriage.rules.Conditions.sentimentAtMost;
import static dev.tickettriage.rules.Conditions.slaBreached;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ordered set of {@link RoutingRule}s. {@link #route} evaluates every rule in declaration order and
 * runs the actions of each rule that fires; a later rule sees the ticket as changed by earlier ones
 * (like help-desk triggers). A rule declared with {@link Builder#stopProcessing()} ends the evaluation
 * when it fires. Immutable and thread-safe; routing is a pure function of the ticket and the clock,
 * except for the counters of round-robin {@link AssignmentStrategy}s.
 */
public final class RoutingRules {

    /** The default alert target. */
    public static final String DEFAULT_ALERT_TARGET = "support-alerts";
    /** The rule {@link #defaults()} declares. */
    public static final String NEGATIVE_SENTIMENT_RULE = "negative-sentiment-alert";
    /** The rule {@link #slaEscalation} declares. */
    public static final String SLA_BREACHED_RULE = "sla-breached";
    /** The tag {@link #slaEscalation} adds, which keeps it from firing twice for one ticket. */
    public static final String SLA_BREACHED_TAG = "sla-breached";
    /**
     * The tag {@code TicketTriage.acknowledge} adds when someone acknowledges a ticket's alert: {@link #slaEscalation}
     * does not fire for a ticket that has it, and {@code NotificationPolicy.Builder.skipAcknowledged} drops further
     * notifications about it.
     */
    public static final String ACKNOWLEDGED_TAG = "acknowledged";

    private static final Logger LOG = LoggerFactory.getLogger(RoutingRules.class);
    private static final RoutingRules NONE = new RoutingRules(new Builder());
    private static final RoutingRules DEFAULTS = builder()
            .rule(NEGATIVE_SENTIMENT_RULE).when(sentimentAtMost(Sentiment.NEGATIVE))
            .then(new NotifyAction(DEFAULT_ALERT_TARGET, "Negative ticket {id}: {category} ({sentiment})",
                    "Ticket {id} in {category} has sentiment {sentiment}.\nSummary: {summary}",
                    ticket -> ticket.classification()
                            .filter(classification -> classification.sentiment() == Sentiment.VERY_NEGATIVE)
                            .map(classification -> Priority.URGENT).orElse(Priority.HIGH)))
            .build();

    private final List<RoutingRule> rules;
    private final @Nullable String linkTemplate;
    private final @Nullable String escalationTarget;

    private RoutingRules(Builder builder) {
        this.rules = List.copyOf(builder.rules);
        this.linkTemplate = builder.linkTemplate;
        this.escalationTarget = builder.escalationTarget;
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this set's rules and settings, to extend it. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.rules.addAll(rules);
        builder.linkTemplate = linkTemplate;
        builder.escalationTarget = escalationTarget;
        return builder;
    }

    /**
     * The original system's behaviour: rule {@value #NEGATIVE_SENTIMENT_RULE} notifies
     * {@value #DEFAULT_ALERT_TARGET} about NEGATIVE (priority HIGH) and VERY_NEGATIVE (URGENT) tickets.
     */
    public static RoutingRules defaults() {
        return DEFAULTS;
    }

    /** No rules: routing changes nothing. */
    public static RoutingRules none() {
        return NONE;
    }

    /**
     * One rule, {@value #SLA_BREACHED_RULE}, for periodic runs over unresolved tickets: when a ticket is past its
     * SLA and not yet tagged {@value #SLA_BREACHED_TAG}, it adds that tag, escalates (priority one step up, tag
     * {@value Actions#ESCALATED_TAG}) and notifies {@code target}. The tag makes it fire once per ticket, provided
     * the caller stores the outcome. It never fires for a ticket tagged {@value #ACKNOWLEDGED_TAG}: someone is on it.
     */
    public static RoutingRules slaEscalation(SlaPolicy policy, String target) {
        Objects.requireNonNull(policy, "policy");
        return builder()
                .rule(SLA_BREACHED_RULE).when(slaBreached(policy).and(hasTag(SLA_BREACHED_TAG).negate()).and(hasTag(ACKNOWLEDGED_TAG).negate()))
                .then(Actions.addTag(SLA_BREACHED_TAG), Actions.escalate(), Actions.notifyTarget(target,
                        "SLA breached: ticket {id} ({category}) now {priority}",
                        "Ticket {id} in {category} is past its SLA and was escalated to {priority}.\nSummary: {summary}"))
                .build();
    }

    /**
     * Routes one ticket at {@code clock.instant()} (read once). The outcome's ticket has the fired rules' actions
     * applied and, when anything changed, {@code updatedAt} moved to that instant; the input is returned as is
     * when nothing changed. Exceptions thrown by host-supplied conditions or strategies propagate.
     */
    public RoutingOutcome route(Ticket ticket, Clock clock) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(clock, "clock");
        if (rules.isEmpty()) return RoutingOutcome.unchanged(ticket);
        RoutingOutcome outcome = new RoutingRun(ticket, clock, linkTemplate, escalationTarget).run(rules);
        LOG.debug("ticket {} routed: rules fired {}, {} notification(s)", ticket.id(), outcome.firedRules(),
                outcome.notifications().size());
        return outcome;
    }

    /** The rules in declaration order. */
    public List<RoutingRule> rules() {
        return rules;
    }

    /**
     * Every notification target these rules can notify: the targets of their notify actions, the explicit
     * targets of their escalate actions, and the rule set's escalation target when an escalate action uses it.
     * Lets a host (and {@code TicketTriage.Builder.build()}) check that each target has a notifier.
     *
     * @return the targets in the order the rules name them; empty when no rule notifies
     */
    public Set<String> notificationTargets() {
        Set<String> targets = new LinkedHashSet<>();
        for (RoutingRule rule : rules) {
            for (RuleAction action : rule.actions()) {
                if (action instanceof NotifyAction) {
                    targets.add(((NotifyAction) action).target());
                } else if (action instanceof EscalateAction) {
                    Optional<String> target = ((EscalateAction) action).explicitTarget().or(() -> Optional.ofNullable(escalationTarget));
                    target.ifPresent(targets::add);
                }
            }
        }
        return Collections.unmodifiableSet(targets);
    }

    @Override
    public String toString() {
        return "RoutingRules" + rules.stream().map(RoutingRule::name).toList();
    }

    /** Builds {@link RoutingRules}; not thread-safe. */
    public static final class Builder {
        private final List<RoutingRule> rules = new ArrayList<>();
        private @Nullable String linkTemplate;
        private @Nullable String escalationTarget;

        private Builder() {
        }

        /**
         * Starts a rule; finish it with {@code .when(condition).then(actions...)}.
         *
         * @throws IllegalArgumentException when the name is blank, longer than 100 characters or contains {@code /}
         */
        public RuleStep rule(String name) {
            return new RuleStep(this, RoutingRule.checkName(name));
        }

        /**
         * Makes the rule declared last stop the evaluation when it fires.
         *
         * @throws IllegalStateException when no rule was declared yet
         */
        public Builder stopProcessing() {
            if (rules.isEmpty()) throw new IllegalStateException("stopProcessing() must follow a rule");
            int last = rules.size() - 1;
            rules.set(last, rules.get(last).stoppingProcessing());
            return this;
        }

        /** Appends the rules of {@code other} (not its settings). */
        public Builder addAll(RoutingRules other) {
            rules.addAll(other.rules());
            return this;
        }

        /**
         * A link template for notifications, for example {@code https://desk.example.com/tickets/{id}}; values are
         * percent-encoded. Default: no link.
         *
         * @throws IllegalArgumentException when the template does not render to an absolute URI
         */
        public Builder linkTemplate(String template) {
            Objects.requireNonNull(template, "template");
            Ticket sample = Ticket.builder().id(TicketId.of(new UUID(0, 0)))
                    .createdAt(Instant.EPOCH).body("sample").build();
            try {
                if (!URI.create(Templates.link(template, sample, "rule")).isAbsolute()) {
                    throw new IllegalArgumentException("linkTemplate must render an absolute URI");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("linkTemplate must render an absolute URI: " + e.getMessage(), e);
            }
            this.linkTemplate = template;
            return this;
        }

        /** Where {@link Actions#escalate()} sends its notification. Default: none (escalation notifies nobody). */
        public Builder escalationTarget(String target) {
            this.escalationTarget = Actions.checkTarget(target);
            return this;
        }

        /** @throws DuplicateRuleNameException when two rules share a name */
        public RoutingRules build() {
            Set<String> names = new HashSet<>();
            for (RoutingRule rule : rules) {
                if (!names.add(rule.name())) throw new DuplicateRuleNameException(rule.name());
            }
            return new RoutingRules(this);
        }
    }

    /** The {@code when} step of a rule declaration. */
    public static final class RuleStep {
        private final Builder builder;
        private final String name;

        private RuleStep(Builder builder, String name) {
            this.builder = builder;
            this.name = name;
        }

        /** The rule's condition; combine several with {@link Condition#and}. */
        public ActionStep when(Condition condition) {
            return new ActionStep(builder, name, Objects.requireNonNull(condition, "condition"));
        }
    }

    /** The {@code then} step of a rule declaration. */
    public static final class ActionStep {
        private final Builder builder;
        private final String name;
        private final Condition condition;

        private ActionStep(Builder builder, String name, Condition condition) {
            this.builder = builder;
            this.name = name;
            this.condition = condition;
        }

        /** The actions to run, in order, when the condition holds; adds the rule and returns the rule set builder. */
        public Builder then(RuleAction first, RuleAction... more) {
            List<RuleAction> actions = new ArrayList<>();
            actions.add(Objects.requireNonNull(first, "first"));
            for (RuleAction action : more) actions.add(Objects.requireNonNull(action, "action"));
            builder.rules.add(new RoutingRule(name, condition, actions, false));
            return builder;
        }
    }
}
