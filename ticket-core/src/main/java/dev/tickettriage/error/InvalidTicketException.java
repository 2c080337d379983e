package dev.tickettriage.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A submitted ticket broke one or more input rules; nothing was stored.
 *
 * <p>{@link #violations()} lists every broken rule (never empty); {@link #field()} and
 * {@link #reason()} describe the first one.
 */
public final class InvalidTicketException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** One broken input rule: which field, and why. */
    public record Violation(String field, String reason) {
        public Violation {
            java.util.Objects.requireNonNull(field, "field");
            java.util.Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return field + " " + reason;
        }
    }

    private final List<Violation> violations;

    public InvalidTicketException(List<Violation> violations) {
        super(first(violations).field(), first(violations).reason(),
                "Invalid ticket: " + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    private static Violation first(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("violations must not be empty");
        }
        return violations.get(0);
    }

    /** Every rule the ticket broke, in field order; never empty. */
    public List<Violation> violations() {
        return violations;
    }
}
