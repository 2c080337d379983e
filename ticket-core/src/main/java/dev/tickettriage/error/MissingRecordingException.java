package dev.tickettriage.error;

import java.util.Objects;

/**
 * A replay classifier has no recorded answer for a ticket under the current classifier name, prompt version and
 * taxonomy. Permanent: replaying again gives the same answer; record the ticket again (with the real classifier
 * wrapped in a recording classifier) or let the replay fall through to a live classifier. {@link #reason()} tells
 * whether the ticket was never recorded or was recorded under something that has changed since. The message names
 * the ticket id and the recordings file, never the ticket's text.
 */
public final class MissingRecordingException extends ClassificationException {

    private static final long serialVersionUID = 1L;

    /** Why no recording matched. */
    public enum Reason {
        /** No answer was recorded for this ticket text. */
        NOT_RECORDED,
        /** The text was recorded, but under another taxonomy (labels, descriptions, fields or version changed). */
        TAXONOMY_CHANGED,
        /** The text was recorded, but under another prompt version. */
        PROMPT_CHANGED,
        /** The text was recorded, but by another classifier name. */
        CLASSIFIER_CHANGED
    }

    private final Reason reason;

    public MissingRecordingException(String message, Reason reason) {
        super(message, null, false, null);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why no recording matched. */
    public Reason reason() {
        return reason;
    }
}
