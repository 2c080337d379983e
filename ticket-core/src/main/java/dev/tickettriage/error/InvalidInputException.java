package dev.tickettriage.error;

import java.util.Objects;

/**
 * Bad data: a ticket field that breaks a rule, or classifier output outside the taxonomy.
 *
 * <p>{@link #field()} names the offending field (for example {@code body} or {@code category}) and
 * {@link #reason()} says which rule it broke. Never retryable, except {@link InvalidFieldValueException}
 * (a classifier's custom field value, which a retry may fix).
 */
public class InvalidInputException extends TriageException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    public InvalidInputException(String field, String reason) {
        this(field, reason, field + " " + reason);
    }

    protected InvalidInputException(String field, String reason, String message) {
        super(message);
        this.field = Objects.requireNonNull(field, "field");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The name of the field that broke a rule, for example {@code customer.email}. */
    public String field() {
        return field;
    }

    /** The rule the field broke, for example {@code must not be blank}. */
    public String reason() {
        return reason;
    }
}
