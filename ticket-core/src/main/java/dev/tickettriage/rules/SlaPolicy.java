package dev.tickettriage.rules;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long a ticket may stay unresolved, per priority, counted from {@link Ticket#createdAt()}.
 * Tickets without a priority use the {@link Priority#MEDIUM} target. Immutable and thread-safe.
 *
 * @throws IllegalArgumentException when a priority has no target or a target is not positive
 */
public record SlaPolicy(Map<Priority, Duration> targets) {

    public static final Priority PRIORITY_WHEN_UNSET = Priority.MEDIUM;

    public SlaPolicy {
        Objects.requireNonNull(targets, "targets");
        EnumMap<Priority, Duration> copy = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            Duration target = targets.get(priority);
            if (target == null) throw new IllegalArgumentException("targets has no entry for " + priority);
            if (target.isNegative() || target.isZero()) {
                throw new IllegalArgumentException("target for " + priority + " must be positive, was " + target);
            }
            copy.put(priority, target);
        }
        targets = Collections.unmodifiableMap(copy);
    }

    /** URGENT 1 h, HIGH 4 h, MEDIUM 24 h, LOW 72 h. */
    public static SlaPolicy ofDefaults() {
        return new SlaPolicy(Map.of(Priority.URGENT, Duration.ofHours(1), Priority.HIGH, Duration.ofHours(4),
                Priority.MEDIUM, Duration.ofHours(24), Priority.LOW, Duration.ofHours(72)));
    }

    /** The target for the ticket's priority in force, or the MEDIUM target when it has none. */
    public Duration targetFor(Ticket ticket) {
        return targets.get(ticket.priority().orElse(PRIORITY_WHEN_UNSET));
    }

    /** When the ticket's SLA runs out. */
    public Instant deadline(Ticket ticket) {
        return ticket.createdAt().plus(targetFor(ticket));
    }

    /**
     * Whether the ticket is still not done (RESOLVED or CLOSED) after its deadline; false exactly at the
     * deadline and always false for done tickets.
     */
    public boolean isBreached(Ticket ticket, Instant now) {
        Objects.requireNonNull(now, "now");
        return !ticket.status().isDone() && now.isAfter(deadline(ticket));
    }
}
