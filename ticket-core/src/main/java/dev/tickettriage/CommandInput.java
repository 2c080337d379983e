package dev.tickettriage;

import dev.tickettriage.domain.TicketLimits;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.internal.Text;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the values of agent commands the way ticket input is checked: NFC, control characters stripped from
 * free text, unpaired surrogates rejected, trimmed, lengths in code points. Reasons never quote the value.
 */
final class CommandInput {

    /** Longest actor or assignee name, like a customer name. */
    static final int MAX_NAME_LENGTH = TicketLimits.DEFAULT_MAX_NAME_LENGTH;

    private CommandInput() {
    }

    /**
     * An actor or assignee: 1 to {@value #MAX_NAME_LENGTH} characters, no control characters (they would forge
     * audit lines).
     *
     * @throws InvalidInputException naming {@code field}
     */
    static String name(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "must not contain control characters");
        }
        return text(field, value, MAX_NAME_LENGTH);
    }

    /**
     * A tag as ticket input takes it: 1 to {@code maxTagLength} characters, no whitespace.
     *
     * @throws InvalidInputException (field {@code tag})
     */
    static String tag(String value, TicketLimits limits) {
        Objects.requireNonNull(value, "tag");
        String tag = text("tag", value, limits.maxTagLength());
        if (tag.chars().anyMatch(Character::isWhitespace)) throw new InvalidInputException("tag", "must not contain whitespace");
        return tag;
    }

    /**
     * A suggested reply: like a ticket body (control characters other than tab and line feed stripped, at most
     * {@code maxBodyLength} characters, not blank).
     *
     * @throws InvalidInputException (field {@code suggestedReply})
     */
    static String reply(String value, TicketLimits limits) {
        Objects.requireNonNull(value, "suggestedReply");
        return text("suggestedReply", value, limits.maxBodyLength());
    }

    private static String text(String field, String raw, int max) {
        // refuse absurd input before normalising it (normalisation is linear but not free)
        if (raw.length() > 4L * max) throw new InvalidInputException(field, "must be at most " + max + " characters");
        Optional<String> sanitized = Text.sanitize(raw);
        if (sanitized.isEmpty()) throw new InvalidInputException(field, "contains an unpaired UTF-16 surrogate (invalid Unicode)");
        String value = sanitized.get().strip();
        if (value.isEmpty() || !hasVisible(value)) throw new InvalidInputException(field, "must not be blank");
        int length = Text.codePoints(value);
        if (length > max) throw new InvalidInputException(field, "must be at most " + max + " characters, was " + length);
        return value;
    }

    /** Whether some character is visible: not whitespace, a space separator (NBSP), a format character (zero-width) or a control. */
    private static boolean hasVisible(String value) {
        return value.codePoints().anyMatch(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)
                && Character.getType(cp) != Character.FORMAT && !Character.isISOControl(cp));
    }
}
