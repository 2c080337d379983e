package dev.tickettriage.domain;

import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.internal.Text;
import java.util.List;
import java.util.Objects;

/**
 * One category of a {@link Taxonomy}: its label, a description (used in LLM prompts and docs),
 * example texts and aliases (other words classifiers may answer with, mapped to this label).
 *
 * @throws InvalidInputException when a text contains an unpaired UTF-16 surrogate (it could not be sent
 *         to a model or stored as UTF-8)
 */
public record CategoryDefinition(Category category, String description, List<String> examples, List<String> aliases) {

    public CategoryDefinition {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(description, "description");
        examples = List.copyOf(examples);
        aliases = List.copyOf(aliases);
        requireValidUnicode("taxonomy.description", category, List.of(description));
        requireValidUnicode("taxonomy.examples", category, examples);
        requireValidUnicode("taxonomy.aliases", category, aliases);
    }

    private static void requireValidUnicode(String field, Category category, List<String> texts) {
        for (String text : texts) {
            if (Text.hasUnpairedSurrogate(text)) {
                throw new InvalidInputException(field, "of '" + category.id()
                        + "' contains an unpaired UTF-16 surrogate (invalid Unicode)");
            }
        }
    }

    public static CategoryDefinition of(String label, String description) {
        return new CategoryDefinition(Category.of(label), description, List.of(), List.of());
    }
}
