// TEMPORARY STUB so main compiles; replaced by the real implementation from branch h-rules / h-classifier.
package dev.tickettriage.rules;
import dev.tickettriage.domain.Ticket;
public final class AutomationPolicy {
    public static AutomationPolicy ofDefaults() { return new AutomationPolicy(); }
    public Ticket apply(Ticket t) { return t; }
}
