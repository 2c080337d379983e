package dev.tickettriage.domain;

import dev.tickettriage.error.InvalidInputException;
import java.util.Objects;

/**
 * A caller-chosen key that makes a submit safe to retry: a second submit with the same key returns the
 * ticket the first one stored instead of creating another. 1-200 printable characters.
 */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 200;

    public IdempotencyKey {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("idempotencyKey", "must be 1-" + MAX_LENGTH + " printable characters");
        }
    }

    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
