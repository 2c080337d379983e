package dev.tickettriage.error;

import org.jspecify.annotations.Nullable;

/** A repository operation failed. Retryable when the store says the failure is transient. */
public class StorageException extends TriageException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    protected StorageException(String message, @Nullable Throwable cause, boolean retryable) {
        super(message, cause, retryable, null);
    }

    /** A storage failure worth retrying (connection lost, deadlock, serialization failure). */
    public static StorageException retryable(String message, @Nullable Throwable cause) {
        return new StorageException(message, cause, true);
    }
}
