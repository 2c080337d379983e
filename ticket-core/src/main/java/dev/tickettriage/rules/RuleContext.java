package dev.tickettriage.rules;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Ticket;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Condition} looks at: the ticket as routed so far, the clock, and the instant the
 * routing started (every rule of one {@link RoutingRules#route} call sees the same {@code now}).
 * Immutable and thread-safe.
 */
public record RuleContext(Ticket ticket, Clock clock, Instant now) {

    public RuleContext {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(now, "now");
    }

    /** A context whose {@code now} is read once from {@code clock}. */
    public static RuleContext of(Ticket ticket, Clock clock) {
        return new RuleContext(ticket, clock, clock.instant());
    }

    /** The ticket's classification; empty for an unclassified ticket. */
    public Optional<Classification> classification() {
        return ticket.classification();
    }

    RuleContext withTicket(Ticket updated) {
        return new RuleContext(updated, clock, now);
    }
}
