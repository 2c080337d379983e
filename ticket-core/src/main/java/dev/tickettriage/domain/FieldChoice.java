package dev.tickettriage.domain;

import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.internal.Text;
import java.util.List;
import java.util.Objects;

/**
 * One declared value of a closed-set custom field ({@link FieldDefinition.OneOfField} or
 * {@link FieldDefinition.ManyOfField}), like a category: its value, a description for the model, example texts
 * and aliases (other words a classifier may answer with, mapped to this value; the rule classifier also looks
 * for the aliases and the examples' distinctive words in ticket text).
 *
 * <p>The value is the host's own word, kept verbatim: 1-{@value #MAX_LENGTH} printable characters without
 * surrounding blanks and without {@code |} (which joins several values in CSV files). Immutable and thread-safe.
 *
 * @throws InvalidInputException when the value breaks those rules, an alias is blank, or a text contains an
 *         unpaired UTF-16 surrogate
 */
public record FieldChoice(String value, String description, List<String> examples, List<String> aliases) {

    /** The longest declared value. */
    public static final int MAX_LENGTH = 100;

    public FieldChoice {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(description, "description");
        examples = List.copyOf(examples);
        aliases = List.copyOf(aliases);
        if (Text.hasUnpairedSurrogate(value) || !Text.hasVisibleCharacter(value) || value.length() > MAX_LENGTH
                || value.chars().anyMatch(Character::isISOControl) || !value.strip().equals(value) || value.indexOf('|') >= 0) {
            throw new InvalidInputException("taxonomy.fields.values", "must be 1-" + MAX_LENGTH
                    + " printable characters without surrounding blanks or '|'");
        }
        FieldChecks.requireValidUnicode("taxonomy.fields.values.description", value, List.of(description));
        FieldChecks.requireValidUnicode("taxonomy.fields.values.examples", value, examples);
        FieldChecks.requireValidUnicode("taxonomy.fields.values.aliases", value, aliases);
        for (String alias : aliases) {
            if (!Text.hasVisibleCharacter(alias)) {
                throw new InvalidInputException("taxonomy.fields.values.aliases", "of '" + value + "' must not be blank");
            }
        }
    }

    /** A value with a description and no examples or aliases. */
    public static FieldChoice of(String value, String description) {
        return new FieldChoice(value, description, List.of(), List.of());
    }

    /** A value with a description, examples and aliases. */
    public static FieldChoice of(String value, String description, List<String> examples, List<String> aliases) {
        return new FieldChoice(value, description, examples, aliases);
    }
}
