package dev.tickettriage.error;

import dev.tickettriage.domain.SupportStatus;

/** A support-status change the lifecycle does not allow, for example CLOSED to PENDING. */
public final class IllegalStatusTransitionException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public IllegalStatusTransitionException(SupportStatus from, SupportStatus to) {
        super("status", "cannot change from " + from + " to " + to, "Illegal status transition " + from + " -> " + to
                + "; allowed from " + from + ": " + from.allowedNext());
    }
}
