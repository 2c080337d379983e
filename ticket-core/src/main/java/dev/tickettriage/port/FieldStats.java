package dev.tickettriage.port;

import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.Ticket;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts for one custom classification field over the tickets a query matches, from
 * {@link TicketRepository#fieldStats}: how many tickets matched, how many have the field filled, and how many hold
 * each value. Values are keyed by their canonical strings ({@link FieldValue#strings()}): the declared value of a
 * closed-set field, {@code true}/{@code false}, the plain decimal of a number. A several-values ticket counts once
 * for each of its values, so the counts may add up to more than {@code filled}. Free text is not counted by value
 * (only as filled). Values with a zero count are absent. Immutable and thread-safe.
 */
public record FieldStats(String field, long total, long filled, Map<String, Long> byValue) {

    public FieldStats {
        Objects.requireNonNull(field, "field");
        byValue = Map.copyOf(byValue);
        if (total < 0 || filled < 0 || filled > total) {
            throw new IllegalArgumentException("need 0 <= filled <= total, were " + filled + " and " + total);
        }
    }

    /** Tickets that matched without the field filled (unclassified ones included). */
    public long notFilled() {
        return total - filled;
    }

    /** How many tickets hold {@code value}; 0 when none. */
    public long count(String value) {
        return byValue.getOrDefault(value, 0L);
    }

    /**
     * Accumulates {@link FieldStats} over tickets, for stores that count in memory; not thread-safe.
     *
     * @throws IllegalArgumentException when {@code field} is not a valid field name
     */
    public static Counter counter(String field) {
        return new Counter(field);
    }

    /** Counts tickets one at a time; see {@link FieldStats#counter(String)}. Not thread-safe. */
    public static final class Counter {
        private final String field;
        private long total;
        private long filled;
        private final Map<String, Long> byValue = new HashMap<>();

        private Counter(String field) {
            Objects.requireNonNull(field, "field");
            if (!FieldDefinition.isValidName(field)) {
                throw new IllegalArgumentException("field name must be lower snake case (a-z, 0-9, '_'), at most 64 characters");
            }
            this.field = field;
        }

        /** Counts one ticket (which the caller has matched against the query). */
        public Counter add(Ticket ticket) {
            total++;
            Optional<FieldValue> value = ticket.classification().flatMap(classification -> classification.fieldValue(field));
            if (value.isEmpty()) return this;
            filled++;
            if (!(value.get() instanceof FieldValue.TextValue)) {
                for (String key : value.get().strings()) byValue.merge(key, 1L, Long::sum);
            }
            return this;
        }

        public FieldStats build() {
            return new FieldStats(field, total, filled, byValue);
        }
    }
}
