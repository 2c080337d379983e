package dev.tickettriage.domain;

import dev.tickettriage.error.InvalidInputException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** A BCP-47 language tag such as {@code en}, {@code es} or {@code es-MX}; {@code und} when unknown. */
public record Language(String tag) {

    // declared before the constants below, which use it while the class initialises
    private static final Pattern BCP47 = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

    public static final Language ENGLISH = new Language("en");
    public static final Language SPANISH = new Language("es");
    public static final Language UNDETERMINED = new Language("und");

    public Language {
        Objects.requireNonNull(tag, "tag");
        if (!BCP47.matcher(tag).matches() || tag.length() > 35) {
            throw new InvalidInputException("language", "must be a BCP-47 tag such as 'en' or 'es-MX'");
        }
        tag = Locale.forLanguageTag(tag).toLanguageTag();
        if (tag.isEmpty()) {
            throw new InvalidInputException("language", "must be a BCP-47 tag such as 'en' or 'es-MX'");
        }
    }

    public static Language of(String tag) {
        return new Language(tag);
    }

    /** The primary language subtag, for example {@code es} for {@code es-MX}. */
    public String primary() {
        int dash = tag.indexOf('-');
        return dash < 0 ? tag : tag.substring(0, dash);
    }

    @Override
    public String toString() {
        return tag;
    }
}
