package dev.tickettriage.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The support lifecycle a human agent drives: OPEN -> IN_PROGRESS -> PENDING -> RESOLVED -> CLOSED,
 * with reopening from RESOLVED or CLOSED back to OPEN. Moving to the same status is a no-op and allowed.
 */
public enum SupportStatus {
    OPEN, IN_PROGRESS, PENDING, RESOLVED, CLOSED;

    /** The statuses this one may change to (itself excluded). */
    public Set<SupportStatus> allowedNext() {
        switch (this) {
            case OPEN: return EnumSet.of(IN_PROGRESS, PENDING, RESOLVED, CLOSED);
            case IN_PROGRESS: return EnumSet.of(OPEN, PENDING, RESOLVED, CLOSED);
            case PENDING: return EnumSet.of(IN_PROGRESS, RESOLVED, CLOSED);
            case RESOLVED: return EnumSet.of(CLOSED, OPEN);
            case CLOSED: return EnumSet.of(OPEN);
            default: throw new IllegalStateException("unknown status " + this);
        }
    }

    /** Whether a ticket in this status may move to {@code next}; true for {@code next == this}. */
    public boolean canTransitionTo(SupportStatus next) {
        return next == this || allowedNext().contains(next);
    }

    /** Whether the customer's problem is considered done (RESOLVED or CLOSED). */
    public boolean isDone() {
        return this == RESOLVED || this == CLOSED;
    }
}
