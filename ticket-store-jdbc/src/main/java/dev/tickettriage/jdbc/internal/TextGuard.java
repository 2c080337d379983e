package dev.tickettriage.jdbc.internal;

import dev.tickettriage.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Rejects text the database would not give back byte for byte: unpaired UTF-16 surrogates (UTF-8 cannot
 * encode them) everywhere, and U+0000 where the database cannot store it (PostgreSQL text and jsonb).
 * The exception names the field, never the text. Immutable and thread-safe.
 */
public final class TextGuard {

    private final boolean storesNul;

    public TextGuard(boolean storesNul) {
        this.storesNul = storesNul;
    }

    public @Nullable String check(String field, @Nullable String value) {
        if (value == null) return null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 && !storesNul) {
                throw new InvalidInputException(field, "contains a NUL character (U+0000), which this database cannot store");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new InvalidInputException(field, "contains an unpaired UTF-16 surrogate (invalid Unicode)");
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidInputException(field, "contains an unpaired UTF-16 surrogate (invalid Unicode)");
            }
        }
        return value;
    }
}
