package dev.tickettriage.error;

/**
 * An alert acknowledgement token that is malformed, was not signed with the configured secret, or was changed. The
 * message never quotes the token. Not retryable: ask for a new link.
 */
public class InvalidAcknowledgementTokenException extends TriageException {

    private static final long serialVersionUID = 1L;

    public InvalidAcknowledgementTokenException(String message) {
        super(message);
    }
}
