package dev.tickettriage.error;

import java.util.Objects;

/**
 * A value for a custom classification field breaks its declaration: not one of the declared values, the wrong
 * type, out of range, too long, blank, with control characters or invalid Unicode, or for a field the taxonomy
 * does not declare. The value is never stored.
 *
 * <p>{@link #field()} is {@code fields.<name>} (for example {@code fields.plan}), {@link #fieldName()} the bare
 * name. The message names a declared field (never an undeclared one: see {@link #undeclared}) and never quotes the value, which may be model output steered by ticket text; it names the
 * field and the rule. Retryable, like {@link UnknownCategoryException}: a model may answer within the
 * declaration on the next attempt, and after the retry budget the ticket is FAILED with this message.
 */
public final class InvalidFieldValueException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final String fieldName;

    public InvalidFieldValueException(String fieldName, String reason) {
        this(fieldName, reason, "Value of field '" + Objects.requireNonNull(fieldName, "fieldName") + "' "
                + Objects.requireNonNull(reason, "reason") + "; not stored");
    }

    private InvalidFieldValueException(String fieldName, String reason, String message) {
        super("fields." + fieldName, reason, message);
        this.fieldName = fieldName;
    }

    /**
     * A classifier answered a field the taxonomy does not declare. The message does not quote the name, which came from
     * the classifier (a model steered by ticket text may put anything there); {@link #fieldName()} has it, for DEBUG.
     */
    public static InvalidFieldValueException undeclared(String fieldName, String taxonomyVersion) {
        Objects.requireNonNull(fieldName, "fieldName");
        Objects.requireNonNull(taxonomyVersion, "taxonomyVersion");
        String reason = "is not declared in taxonomy version " + taxonomyVersion;
        return new InvalidFieldValueException(fieldName, reason, "Classifier answered a field (name of " + fieldName.length()
                + " characters) that " + reason + "; not stored");
    }

    /** The custom field's name, for example {@code refund_requested}. */
    public String fieldName() {
        return fieldName;
    }

    /** Always true: a classifier may answer within the declaration when asked again. */
    @Override
    public boolean retryable() {
        return true;
    }
}
