package dev.tickettriage.llm;

import dev.tickettriage.error.ClassificationException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The model answered, but not with a usable classification, even after one repair attempt: invalid JSON, a label
 * outside the taxonomy, a refusal, a truncated or filtered answer. The raw output is kept for the record through
 * {@link #rawOutput()} and the validation error through {@link #validationError()}; neither is in the message (they
 * may quote ticket text). Retryable except for refusals and content-filter stops, which the same input repeats.
 */
public final class ModelOutputException extends ClassificationException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the answer. */
    public enum Kind {
        /** Not parseable as the expected JSON. */
        INVALID_JSON,
        /** Parseable, but a value broke the schema or the taxonomy (unknown label, missing or extra key). */
        INVALID_ANSWER,
        /** The model refused to answer. */
        REFUSAL,
        /** Generation stopped at the token limit. */
        TRUNCATED,
        /** The provider's content filter removed the answer. */
        CONTENT_FILTER
    }

    private final Kind kind;
    private final transient @Nullable String rawOutput;
    private final String validationError;

    ModelOutputException(String message, Kind kind, @Nullable String rawOutput, String validationError) {
        super(message, null, kind != Kind.REFUSAL && kind != Kind.CONTENT_FILTER, null);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.rawOutput = rawOutput;
        this.validationError = Objects.requireNonNull(validationError, "validationError");
    }

    public Kind kind() {
        return kind;
    }

    /** The model's last answer as received (may quote ticket text: keep it out of logs above DEBUG). */
    public Optional<String> rawOutput() {
        return Optional.ofNullable(rawOutput);
    }

    /** Why the last answer was rejected (may quote model output). */
    public String validationError() {
        return validationError;
    }
}
