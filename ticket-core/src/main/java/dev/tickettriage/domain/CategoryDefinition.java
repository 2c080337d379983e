package dev.tickettriage.domain;

import java.util.List;
import java.util.Objects;

/**
 * One category of a {@link Taxonomy}: its label, a description (used in LLM prompts and docs),
 * example texts and aliases (other words classifiers may answer with, mapped to this label).
 */
public record CategoryDefinition(Category category, String description, List<String> examples, List<String> aliases) {

    public CategoryDefinition {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(description, "description");
        examples = List.copyOf(examples);
        aliases = List.copyOf(aliases);
    }

    public static CategoryDefinition of(String label, String description) {
        return new CategoryDefinition(Category.of(label), description, List.of(), List.of());
    }
}
