package dev.tickettriage.domain;

import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.internal.Text;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The host's versioned set of categories. Classifiers may only answer with its labels; anything else
 * is rejected with an {@link InvalidInputException} before it can be stored.
 *
 * <p>Validated when built: at least one category, no duplicate labels or aliases (compared
 * case-insensitively), a non-blank version, valid Unicode (no unpaired UTF-16 surrogate) in the version,
 * labels, aliases, descriptions and examples, and the fallback (if set) must be one of the labels.
 * Immutable and thread-safe.
 */
public final class Taxonomy {

    private final String version;
    private final List<CategoryDefinition> definitions;
    private final Map<Category, CategoryDefinition> byCategory;
    private final Map<String, Category> byLowerName;
    private final @Nullable Category fallback;

    private Taxonomy(Builder builder) {
        if (builder.version == null || !Text.hasVisibleCharacter(builder.version)) {
            throw new InvalidInputException("taxonomy.version", "must not be blank");
        }
        if (Text.hasUnpairedSurrogate(builder.version)) {
            throw new InvalidInputException("taxonomy.version", "contains an unpaired UTF-16 surrogate (invalid Unicode)");
        }
        if (builder.definitions.isEmpty()) {
            throw new InvalidInputException("taxonomy.categories", "must contain at least one category");
        }
        this.version = builder.version;
        this.definitions = List.copyOf(builder.definitions);
        Map<Category, CategoryDefinition> categories = new LinkedHashMap<>();
        Map<String, Category> names = new HashMap<>();
        for (CategoryDefinition definition : definitions) {
            Category category = definition.category();
            if (categories.put(category, definition) != null) {
                throw new InvalidInputException("taxonomy.categories", "has duplicate label '" + category.id() + "'");
            }
            register(names, category.id(), category);
        }
        for (CategoryDefinition definition : definitions) {
            for (String alias : definition.aliases()) {
                if (!Text.hasVisibleCharacter(alias)) {
                    throw new InvalidInputException("taxonomy.aliases", "of '" + definition.category().id() + "' must not be blank");
                }
                register(names, alias, definition.category());
            }
        }
        this.byCategory = Collections.unmodifiableMap(categories);
        this.byLowerName = Map.copyOf(names);
        if (builder.fallback != null && !categories.containsKey(builder.fallback)) {
            throw new InvalidInputException("taxonomy.fallback", "'" + builder.fallback.id() + "' is not one of the labels");
        }
        this.fallback = builder.fallback;
    }

    private static void register(Map<String, Category> names, String name, Category category) {
        Category previous = names.put(name.strip().toLowerCase(Locale.ROOT), category);
        if (previous != null && !previous.equals(category)) {
            throw new InvalidInputException("taxonomy", "name '" + name + "' is used twice (by '" + previous.id()
                    + "' and '" + category.id() + "')");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The default support taxonomy (English and Spanish examples and aliases); see {@link DefaultTaxonomy}. */
    public static Taxonomy defaultSupport() {
        return DefaultTaxonomy.INSTANCE;
    }

    /** The version string; classifications record it in their provenance. */
    public String version() { return version; }

    /** Category definitions in declaration order. */
    public List<CategoryDefinition> definitions() { return definitions; }

    /** The labels in declaration order. */
    public List<Category> categories() { return List.copyOf(byCategory.keySet()); }

    /** The category to use when nothing matches, if the host named one. */
    public Optional<Category> fallback() { return Optional.ofNullable(fallback); }

    public boolean contains(Category category) {
        return byCategory.containsKey(category);
    }

    public Optional<CategoryDefinition> definition(Category category) {
        return Optional.ofNullable(byCategory.get(category));
    }

    /**
     * Maps a classifier's answer to a label: the exact label, else a case-insensitive match on a label
     * or alias (surrounding blanks ignored). Empty when the answer is not in the taxonomy.
     */
    public Optional<Category> resolve(String answer) {
        Objects.requireNonNull(answer, "answer");
        String trimmed = answer.strip();
        for (Category category : byCategory.keySet()) {
            if (category.id().equals(trimmed)) return Optional.of(category);
        }
        return Optional.ofNullable(byLowerName.get(trimmed.toLowerCase(Locale.ROOT)));
    }

    /**
     * Returns {@code category} if it is one of the labels.
     *
     * @throws InvalidInputException (field {@code category}) when it is not
     */
    public Category require(Category category) {
        if (!byCategory.containsKey(category)) {
            throw new InvalidInputException("category", "'" + category.id() + "' is not in taxonomy version " + version);
        }
        return category;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Taxonomy && version.equals(((Taxonomy) other).version)
                && definitions.equals(((Taxonomy) other).definitions) && Objects.equals(fallback, ((Taxonomy) other).fallback);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, definitions, fallback);
    }

    @Override
    public String toString() {
        return "Taxonomy[version=" + version + ", categories=" + byCategory.keySet() + "]";
    }

    /** Builds a {@link Taxonomy}; not thread-safe. */
    public static final class Builder {
        private @Nullable String version;
        private final List<CategoryDefinition> definitions = new ArrayList<>();
        private @Nullable Category fallback;

        private Builder() {
        }

        /** Required: changes whenever labels change, for example {@code support-2026-11}. */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        public Builder category(CategoryDefinition definition) {
            definitions.add(Objects.requireNonNull(definition, "definition"));
            return this;
        }

        public Builder category(String label, String description) {
            return category(CategoryDefinition.of(label, description));
        }

        public Builder category(String label, String description, List<String> examples, List<String> aliases) {
            return category(new CategoryDefinition(Category.of(label), description, examples, aliases));
        }

        /** Optional: the label to use when a classifier has nothing better (for example {@code other}). */
        public Builder fallback(String label) {
            this.fallback = Category.of(label);
            return this;
        }

        /** @throws InvalidInputException naming the broken rule */
        public Taxonomy build() {
            return new Taxonomy(this);
        }
    }
}
