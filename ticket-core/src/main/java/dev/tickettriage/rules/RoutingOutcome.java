// TEMPORARY STUB so main compiles; replaced by the real implementation from branch h-rules / h-classifier.
package dev.tickettriage.rules;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.Notification;
import java.util.List;
public record RoutingOutcome(Ticket ticket, List<Notification> notifications, List<String> firedRules) {}
