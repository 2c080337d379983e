package dev.tickettriage.rules;

import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.Notification;
import java.util.List;
import java.util.Objects;

/**
 * What routing one ticket produced: the ticket with the fired rules' actions applied, the notifications
 * to send (in firing order), and the names of the rules that fired (in declaration order). Immutable.
 */
public record RoutingOutcome(Ticket ticket, List<Notification> notifications, List<String> firedRules) {

    public RoutingOutcome {
        Objects.requireNonNull(ticket, "ticket");
        notifications = List.copyOf(notifications);
        firedRules = List.copyOf(firedRules);
    }

    /** An outcome where no rule fired. */
    public static RoutingOutcome unchanged(Ticket ticket) {
        return new RoutingOutcome(ticket, List.of(), List.of());
    }

    /** Whether at least one rule fired (then the pipeline should store {@link #ticket()}). */
    public boolean anyFired() {
        return !firedRules.isEmpty();
    }

    /** Whether the rule named {@code ruleName} fired. */
    public boolean hasFired(String ruleName) {
        return firedRules.contains(ruleName);
    }

    /** The notifications addressed to {@code target}, in firing order. */
    public List<Notification> notificationsTo(String target) {
        return notifications.stream().filter(notification -> notification.target().equals(target)).toList();
    }
}
