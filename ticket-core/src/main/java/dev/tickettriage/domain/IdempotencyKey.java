package dev.tickettriage.domain;

import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.internal.Text;
import java.util.Objects;
import java.util.Optional;

/**
 * A caller-chosen key that makes a submit safe to retry: a second submit with the same key and the same
 * ticket returns the ticket the first one stored instead of creating another; with a different ticket it
 * fails with {@link dev.tickettriage.error.IdempotencyConflictException}. 1-200 printable characters with
 * at least one visible one, and valid Unicode (no unpaired UTF-16 surrogate).
 */
public record IdempotencyKey(String value) {

    public static final int MAX_LENGTH = 200;

    /** @throws InvalidInputException (field {@code idempotencyKey}) when {@code value} breaks a rule */
    public IdempotencyKey {
        Objects.requireNonNull(value, "value");
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new InvalidInputException("idempotencyKey", problem.get());
        }
    }

    /** Why {@code value} is not a valid key, if it is not. */
    static Optional<String> problem(String value) {
        if (Text.hasUnpairedSurrogate(value)) {
            return Optional.of("contains an unpaired UTF-16 surrogate (invalid Unicode)");
        }
        if (!Text.hasVisibleCharacter(value) || value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("must be 1-" + MAX_LENGTH + " printable characters");
        }
        return Optional.empty();
    }

    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
