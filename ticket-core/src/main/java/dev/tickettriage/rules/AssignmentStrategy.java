package dev.tickettriage.rules;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Ticket;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * Chooses the agent for a ticket, or nobody. Implementations must be thread-safe; the factories here are.
 * Agent lists are copied and must be non-empty with non-blank names ({@link IllegalArgumentException} otherwise).
 */
@FunctionalInterface
public interface AssignmentStrategy {

    /** The agent for {@code ticket}; empty when this strategy has nobody for it. */
    Optional<String> choose(Ticket ticket);

    /** This strategy, or {@code fallback} when this one chooses nobody. */
    default AssignmentStrategy orElse(AssignmentStrategy fallback) {
        Objects.requireNonNull(fallback, "fallback");
        return ticket -> {
            Optional<String> chosen = choose(ticket);
            return chosen.isPresent() ? chosen : fallback.choose(ticket);
        };
    }

    /**
     * Cycles through {@code agents} in order, one step per assignment; the counter is atomic, so concurrent
     * routings get distinct turns. The counter lives in the returned instance: share it to share the rotation.
     */
    static AssignmentStrategy roundRobin(List<String> agents) {
        List<String> copy = checkAgents(agents);
        AtomicLong next = new AtomicLong();
        return ticket -> Optional.of(copy.get((int) Math.floorMod(next.getAndIncrement(), (long) copy.size())));
    }

    /**
     * The agent with the fewest open tickets according to {@code openTicketsOf} (the host's count, read at
     * routing time); ties go to the agent listed first.
     */
    static AssignmentStrategy leastLoaded(List<String> agents, ToIntFunction<String> openTicketsOf) {
        List<String> copy = checkAgents(agents);
        Objects.requireNonNull(openTicketsOf, "openTicketsOf");
        return ticket -> copy.stream().min(Comparator.comparingInt(openTicketsOf)).map(agent -> agent);
    }

    /** The agent mapped to the ticket's classified category; empty when unclassified or unmapped. */
    static AssignmentStrategy byCategory(Map<Category, String> agents) {
        Map<Category, String> copy = Map.copyOf(agents);
        copy.values().forEach(Actions::checkAgent);
        return ticket -> ticket.classification().map(classification -> copy.get(classification.category()));
    }

    /** The agent mapped to the ticket's category, else {@code fallbackAgent}. */
    static AssignmentStrategy byCategory(Map<Category, String> agents, String fallbackAgent) {
        Actions.checkAgent(fallbackAgent);
        return byCategory(agents).orElse(ticket -> Optional.of(fallbackAgent));
    }

    /** The agent mapped to the ticket's category, else whoever {@code fallback} chooses. */
    static AssignmentStrategy byCategory(Map<Category, String> agents, AssignmentStrategy fallback) {
        return byCategory(agents).orElse(fallback);
    }

    private static List<String> checkAgents(List<String> agents) {
        List<String> copy = List.copyOf(agents);
        if (copy.isEmpty()) throw new IllegalArgumentException("agents must not be empty");
        copy.forEach(Actions::checkAgent);
        return copy;
    }
}
