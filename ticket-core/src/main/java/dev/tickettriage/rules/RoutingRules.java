// TEMPORARY STUB so main compiles; replaced by the real implementation from branch h-rules / h-classifier.
package dev.tickettriage.rules;
import dev.tickettriage.domain.Ticket;
import java.time.Clock;
import java.util.List;
public final class RoutingRules {
    public static RoutingRules defaults() { return new RoutingRules(); }
    public static RoutingRules none() { return new RoutingRules(); }
    public static RoutingRules slaEscalation(SlaPolicy policy, String target) { return new RoutingRules(); }
    public RoutingOutcome route(Ticket ticket, Clock clock) { return new RoutingOutcome(ticket, List.of(), List.of()); }
}
