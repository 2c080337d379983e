package dev.tickettriage.error;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A classifier answered with a category that is not in the taxonomy. The answer is never stored.
 * Retryable: a model may answer within the taxonomy on the next attempt; after the retry budget the
 * ticket is FAILED with this message.
 *
 * <p>The message never quotes the answer: a model steered by ticket text may answer with that text or with
 * a secret, and this message reaches ERROR logs. It names the classifier, the taxonomy version, the
 * answer's length and the first 8 hex digits of its SHA-256 (enough to tell repeated answers apart);
 * {@link #label()} returns the answer itself, for DEBUG use.
 */
public final class UnknownCategoryException extends ClassificationException {

    private static final long serialVersionUID = 1L;

    private final String label;
    private final String taxonomyVersion;

    public UnknownCategoryException(String classifier, String label, String taxonomyVersion) {
        super("Classifier " + classifier + " answered a category that is not in taxonomy version " + taxonomyVersion
                + " (answer of " + Objects.requireNonNull(label, "label").length() + " characters, sha256 "
                + shortHash(label) + "); not stored", null, true, null);
        this.label = label;
        this.taxonomyVersion = Objects.requireNonNull(taxonomyVersion, "taxonomyVersion");
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    /** The label the classifier answered with, verbatim: untrusted model output, log it at DEBUG at most. */
    public String label() {
        return label;
    }

    /** The version of the taxonomy it was checked against. */
    public String taxonomyVersion() {
        return taxonomyVersion;
    }
}
