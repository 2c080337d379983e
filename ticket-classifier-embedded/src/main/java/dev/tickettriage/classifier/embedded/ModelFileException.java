package dev.tickettriage.classifier.embedded;

import dev.tickettriage.error.TriageException;

import java.util.Objects;

/**
 * A model file could not be used: {@link #reason()} says why (not a model file, a format version this library does not
 * read, corrupt, trained with another encoder or for another taxonomy, or an I/O failure). Never retryable.
 */
public final class ModelFileException extends TriageException {

    private static final long serialVersionUID = 1L;

    /** Why a model file was refused. */
    public enum Reason {
        NOT_A_MODEL_FILE, UNSUPPORTED_VERSION, CORRUPT, ENCODER_MISMATCH, TAXONOMY_MISMATCH, IO
    }

    private final Reason reason;

    public ModelFileException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ModelFileException(Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(reason, "reason") + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
