package dev.tickettriage.pipeline;

import dev.tickettriage.domain.TicketLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How submitted tickets are accepted: input size limits, and backpressure. At most {@code backlogCapacity}
 * tickets submitted through one instance wait unfinished; a submit beyond it blocks up to {@code submitTimeout}
 * and then fails with {@code TriageOverloadedException}. {@link #ofDefaults()}: {@link TicketLimits#ofDefaults()},
 * {@value #DEFAULT_BACKLOG_CAPACITY} tickets, 30 s. Immutable.
 */
public record IntakeConfig(TicketLimits limits, int backlogCapacity, Duration submitTimeout) {

    public static final int DEFAULT_BACKLOG_CAPACITY = 10_000;
    public static final Duration DEFAULT_SUBMIT_TIMEOUT = Duration.ofSeconds(30);

    public IntakeConfig {
        Objects.requireNonNull(limits, "limits");
        if (backlogCapacity < 1) throw new IllegalArgumentException("backlogCapacity must be >= 1, was " + backlogCapacity);
        Durations.notNegative(submitTimeout, "submitTimeout");
    }

    public static IntakeConfig ofDefaults() {
        return new IntakeConfig(TicketLimits.ofDefaults(), DEFAULT_BACKLOG_CAPACITY, DEFAULT_SUBMIT_TIMEOUT);
    }

    /** These settings with other input limits. */
    public IntakeConfig withLimits(TicketLimits newLimits) {
        return new IntakeConfig(newLimits, backlogCapacity, submitTimeout);
    }

    /** These settings with another backlog bound. */
    public IntakeConfig withBacklog(int capacity, Duration timeout) {
        return new IntakeConfig(limits, capacity, timeout);
    }
}
