package dev.tickettriage.rules;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.Notification;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One routing of one ticket: evaluates the rules in order and applies the actions of those that fire. Not thread-safe. */
final class RoutingRun {

    static final String ESCALATION_TITLE = "Escalated to {priority}: ticket {id} ({category})";
    static final String ESCALATION_MESSAGE =
            "Ticket {id} ({category}, sentiment {sentiment}) was escalated to {priority} by rule {rule}.\nSummary: {summary}";

    private final @Nullable String linkTemplate;
    private final @Nullable String escalationTarget;
    private final Ticket original;
    private RuleContext context;
    private final List<Notification> notifications = new ArrayList<>();
    private final Set<String> idempotencyKeys = new HashSet<>();
    private final List<String> firedRules = new ArrayList<>();

    RoutingRun(Ticket ticket, Clock clock, @Nullable String linkTemplate, @Nullable String escalationTarget) {
        this.original = ticket;
        this.context = RuleContext.of(ticket, clock);
        this.linkTemplate = linkTemplate;
        this.escalationTarget = escalationTarget;
    }

    RoutingOutcome run(List<RoutingRule> rules) {
        for (RoutingRule rule : rules) {
            if (!rule.matches(context)) continue;
            firedRules.add(rule.name());
            for (RuleAction action : rule.actions()) {
                apply(rule.name(), action);
            }
            if (rule.stopsProcessing()) break;
        }
        Ticket routed = context.ticket();
        if (!routed.equals(original) && context.now().isAfter(routed.updatedAt())) {
            routed = routed.toBuilder().updatedAt(context.now()).build();
        }
        return new RoutingOutcome(routed, notifications, firedRules);
    }

    private void apply(String rule, RuleAction action) {
        Ticket ticket = context.ticket();
        if (action instanceof NotifyAction notify) {
            Priority priority = notify.priority().apply(ticket);
            notify(rule, notify.target(), notify.titleTemplate(), notify.messageTemplate(), priority);
        } else if (action instanceof SetPriorityAction setPriority) {
            update(ticket.toBuilder().priority(setPriority.priority()).build());
        } else if (action instanceof AssignAction assign) {
            if (ticket.assignee().isEmpty()) {
                assign.strategy().choose(ticket).ifPresent(agent -> update(ticket.toBuilder().assignee(agent).build()));
            }
        } else if (action instanceof AddTagAction addTag) {
            if (!ticket.tags().contains(addTag.tag())) update(ticket.toBuilder().tag(addTag.tag()).build());
        } else if (action instanceof EscalateAction escalate) {
            Priority raised = ticket.priority().orElse(Priority.MEDIUM).raised();
            update(ticket.toBuilder().priority(raised).tag(Actions.ESCALATED_TAG).build());
            Optional<String> target = escalate.explicitTarget().or(() -> Optional.ofNullable(escalationTarget));
            target.ifPresent(to -> notify(rule, to, ESCALATION_TITLE, ESCALATION_MESSAGE, raised));
        } else {
            throw new IllegalStateException("unknown action " + action.getClass().getName());
        }
    }

    private void update(Ticket ticket) {
        context = context.withTicket(ticket);
    }

    private void notify(String rule, String target, String titleTemplate, String messageTemplate, @Nullable Priority fixed) {
        Ticket ticket = context.ticket();
        String key = idempotencyKey(ticket, rule, target);
        if (!idempotencyKeys.add(key)) {
            return;   // one notification per rule and target: a second would share the key and be dropped downstream
        }
        Priority priority = fixed != null ? fixed : ticket.priority().orElse(Priority.MEDIUM);
        URI link = linkTemplate == null ? null : URI.create(Templates.link(linkTemplate, ticket, rule));
        notifications.add(new Notification(target, Templates.title(titleTemplate, ticket, rule),
                Templates.message(messageTemplate, ticket, rule), priority, List.of(rule), link, ticket.id(), key));
    }

    /** {@code <ticketId>/<ruleName>/<target>/v<version>}: stable for one stored ticket version. */
    static String idempotencyKey(Ticket ticket, String rule, String target) {
        return ticket.id() + "/" + rule + "/" + target + "/v" + ticket.version();
    }
}
