package dev.tickettriage.domain;

import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.internal.Text;
import java.util.Objects;

/**
 * A category label from the host's {@link Taxonomy}, for example {@code billing} or {@code card_arrival}.
 * Labels are the host's own words: kept verbatim, never re-cased or slugified.
 */
public record Category(String id) {

    public static final int MAX_LENGTH = 100;

    public Category {
        Objects.requireNonNull(id, "id");
        if (Text.hasUnpairedSurrogate(id)) {
            throw new InvalidInputException("category", "contains an unpaired UTF-16 surrogate (invalid Unicode)");
        }
        if (!Text.hasVisibleCharacter(id) || id.length() > MAX_LENGTH || id.chars().anyMatch(Character::isISOControl)
                || !id.strip().equals(id)) {
            throw new InvalidInputException("category", "must be 1-" + MAX_LENGTH
                    + " printable characters without surrounding blanks");
        }
    }

    public static Category of(String id) {
        return new Category(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
