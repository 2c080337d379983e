package dev.tickettriage.examples.micronaut;

import io.micronaut.core.annotation.Nullable;
import java.util.Optional;

/** Helpers for optional settings: a property set to an empty value (for example {@code ${OPENAI_API_KEY:}}) is unset. */
final class Settings {

    private Settings() {
    }

    /** The value stripped, or empty when it is null or blank. */
    static Optional<String> value(@Nullable String value) {
        return Optional.ofNullable(value).filter(text -> !text.isBlank()).map(String::strip);
    }

    /** What a {@code toString()} shows for a secret: whether it is set, never the value. */
    static String masked(@Nullable String secret) {
        return value(secret).isPresent() ? "****" : "none";
    }
}
