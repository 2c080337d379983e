package dev.tickettriage.examples.quickstart;

/** An expected problem with the command line or the input: printed as one line, exit code 2, no stack trace. */
final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
