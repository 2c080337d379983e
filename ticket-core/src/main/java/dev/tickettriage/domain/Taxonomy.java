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
 *
 * <p><b>Custom fields.</b> Next to the categories a taxonomy may declare the host's own classification fields
 * ({@link FieldDefinition}: product area, plan, refund requested, ...), with unique names that clash with no
 * built-in field. Classifiers fill them; {@link #requireValidFields(Classification)} rejects any value outside its
 * declaration before it can be stored. Fields are part of {@link #equals}, {@link #hashCode} and
 * {@link #fingerprint()}: change the {@link #version()} whenever labels or fields change.
 *
 * <p>Immutable and thread-safe.
 */
public final class Taxonomy {

    private final String version;
    private final List<CategoryDefinition> definitions;
    private final Map<Category, CategoryDefinition> byCategory;
    private final Map<String, Category> byLowerName;
    private final @Nullable Category fallback;
    private final List<FieldDefinition> fields;
    private final Map<String, FieldDefinition> fieldsByName;
    private final String fingerprint;

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
        this.fields = List.copyOf(builder.fields);
        Map<String, FieldDefinition> byName = new LinkedHashMap<>();
        for (FieldDefinition field : fields) {
            if (byName.put(field.name(), field) != null) {
                throw new InvalidInputException("taxonomy.fields." + field.name(), "is declared twice");
            }
        }
        this.fieldsByName = Collections.unmodifiableMap(byName);
        this.fingerprint = TaxonomyFingerprint.of(this);
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

    /**
     * A builder holding this taxonomy's version, categories, fallback and fields, for example to add custom fields to
     * the default taxonomy: {@code Taxonomy.defaultSupport().toBuilder().version("support-2").field(...).build()}.
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.version = version;
        builder.definitions.addAll(definitions);
        builder.fallback = fallback;
        builder.fields.addAll(fields);
        return builder;
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

    /** The custom field declarations in declaration order; empty when the taxonomy declares none. */
    public List<FieldDefinition> fields() { return fields; }

    /** The custom field declared as {@code name}, if any. */
    public Optional<FieldDefinition> field(String name) {
        return Optional.ofNullable(fieldsByName.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * The custom field declared as {@code name}, for host code that knows its own fields:
     * {@code taxonomy.requireField("plan").parse("Enterprise ")}.
     *
     * @throws IllegalArgumentException when the taxonomy declares no such field
     */
    public FieldDefinition requireField(String name) {
        return field(name).orElseThrow(() -> new IllegalArgumentException("taxonomy version " + version
                + " declares no field '" + FieldChecks.shown(name) + "' (declared: " + fieldsByName.keySet() + ")"));
    }

    /**
     * Checks every custom field of {@code classification} against its declaration: the field must be declared and
     * its value must {@linkplain FieldDefinition#validate fit}. Fields not filled are fine, required ones included
     * (see {@link FieldDefinition#required()}). The category is checked separately ({@link #require(Category)}).
     *
     * @throws dev.tickettriage.error.InvalidFieldValueException (retryable) naming the first offending field
     */
    public void requireValidFields(Classification classification) {
        Objects.requireNonNull(classification, "classification");
        for (FilledField filled : classification.fields().values()) {
            FieldDefinition definition = fieldsByName.get(filled.name());
            if (definition == null) {
                throw dev.tickettriage.error.InvalidFieldValueException.undeclared(filled.name(), version);
            }
            definition.validate(filled.value());
        }
    }

    /**
     * A SHA-256 (64 lower-case hex digits) over everything the taxonomy declares: version, categories with their
     * descriptions, examples and aliases, fallback, and fields. Equal taxonomies have the same
     * fingerprint; caches and prompt versions can key on it so an edit that forgot to change the version still
     * shows.
     */
    public String fingerprint() { return fingerprint; }

    @Override
    public boolean equals(Object other) {
        return other instanceof Taxonomy && version.equals(((Taxonomy) other).version)
                && definitions.equals(((Taxonomy) other).definitions) && Objects.equals(fallback, ((Taxonomy) other).fallback)
                && fields.equals(((Taxonomy) other).fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, definitions, fallback, fields);
    }

    @Override
    public String toString() {
        return "Taxonomy[version=" + version + ", categories=" + byCategory.keySet()
                + (fields.isEmpty() ? "" : ", fields=" + fieldsByName.keySet()) + "]";
    }

    /** Builds a {@link Taxonomy}; not thread-safe. */
    public static final class Builder {
        private @Nullable String version;
        private final List<CategoryDefinition> definitions = new ArrayList<>();
        private @Nullable Category fallback;
        private final List<FieldDefinition> fields = new ArrayList<>();

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

        /** Declares a custom classification field; names must be unique (checked by {@link #build()}). */
        public Builder field(FieldDefinition definition) {
            fields.add(Objects.requireNonNull(definition, "definition"));
            return this;
        }

        /** @throws InvalidInputException naming the broken rule */
        public Taxonomy build() {
            return new Taxonomy(this);
        }
    }
}
