package dev.tickettriage.error;

import dev.tickettriage.internal.Text;
import java.util.Objects;

/**
 * A classifier answered with a category that is not in the taxonomy. The answer is never stored.
 * Retryable: a model may answer within the taxonomy on the next attempt; after the retry budget the
 * ticket is FAILED with this message.
 */
public final class UnknownCategoryException extends ClassificationException {

    private static final long serialVersionUID = 1L;

    private final String label;
    private final String taxonomyVersion;

    public UnknownCategoryException(String classifier, String label, String taxonomyVersion) {
        super("Classifier " + classifier + " answered category '" + Text.truncate(label, 60)
                + "' which is not in taxonomy version " + taxonomyVersion + "; not stored", null, true, null);
        this.label = Objects.requireNonNull(label, "label");
        this.taxonomyVersion = Objects.requireNonNull(taxonomyVersion, "taxonomyVersion");
    }

    /** The label the classifier answered with. */
    public String label() {
        return label;
    }

    /** The version of the taxonomy it was checked against. */
    public String taxonomyVersion() {
        return taxonomyVersion;
    }
}
