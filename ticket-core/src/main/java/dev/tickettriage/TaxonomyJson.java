package dev.tickettriage;

import dev.tickettriage.internal.Text;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.CategoryDefinition;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and writes a {@link Taxonomy} as JSON, so hosts can keep their categories in a file:
 *
 * <pre>{@code
 * {"version": "banking-1", "fallback": "other",
 *  "categories": [{"label": "card_lost", "description": "Lost or stolen card",
 *                  "examples": ["I lost my card"], "aliases": ["lost_card"]}]}
 * }</pre>
 *
 * <p>{@code version} and {@code categories} are required; {@code fallback}, {@code description},
 * {@code examples} and {@code aliases} are optional. Unknown fields are rejected so typos do not pass
 * silently. Stateless and thread-safe; each call uses its own {@link ObjectMapper}.
 */
public final class TaxonomyJson {

    private static final Set<String> TOP_FIELDS = Set.of("version", "fallback", "categories");
    private static final Set<String> CATEGORY_FIELDS = Set.of("label", "description", "examples", "aliases");

    private TaxonomyJson() {
    }

    /**
     * Reads a taxonomy from UTF-8 JSON; does not close {@code in}.
     *
     * @throws InvalidInputException naming the field (for example {@code taxonomy.categories[2].label})
     *         when the JSON is malformed or breaks a taxonomy rule
     * @throws UncheckedIOException when reading fails
     */
    public static Taxonomy read(InputStream in) {
        Objects.requireNonNull(in, "in");
        return read(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /**
     * Reads a taxonomy from JSON text; does not close {@code reader}.
     *
     * @throws InvalidInputException naming the field when the JSON is malformed or breaks a taxonomy rule
     * @throws UncheckedIOException when reading fails
     */
    public static Taxonomy read(Reader reader) {
        Objects.requireNonNull(reader, "reader");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(reader);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw new InvalidInputException("taxonomy", "is not valid JSON" + where);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException("taxonomy", "is empty");
        }
        return parse(root);
    }

    /** Writes {@code taxonomy} as pretty-printed JSON that {@link #read(Reader)} reads back to an equal taxonomy. */
    public static String write(Taxonomy taxonomy) {
        Objects.requireNonNull(taxonomy, "taxonomy");
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("version", taxonomy.version());
        taxonomy.fallback().ifPresent(fallback -> root.put("fallback", fallback.id()));
        ArrayNode categories = root.putArray("categories");
        for (CategoryDefinition definition : taxonomy.definitions()) {
            ObjectNode node = categories.addObject();
            node.put("label", definition.category().id());
            node.put("description", definition.description());
            ArrayNode examples = node.putArray("examples");
            definition.examples().forEach(examples::add);
            ArrayNode aliases = node.putArray("aliases");
            definition.aliases().forEach(aliases::add);
        }
        try {
            return mapper.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings could not be written", e);
        }
    }

    private static Taxonomy parse(JsonNode root) {
        if (!root.isObject()) {
            throw new InvalidInputException("taxonomy", "must be a JSON object");
        }
        rejectUnknown(root, TOP_FIELDS, "taxonomy");
        Taxonomy.Builder builder = Taxonomy.builder().version(requiredText(root, "version", "taxonomy.version"));
        JsonNode fallback = root.get("fallback");
        if (fallback != null && !fallback.isNull()) {
            builder.fallback(text(fallback, "taxonomy.fallback"));
        }
        JsonNode categories = root.get("categories");
        if (categories == null || categories.isNull()) {
            throw new InvalidInputException("taxonomy.categories", "is required");
        }
        if (!categories.isArray()) {
            throw new InvalidInputException("taxonomy.categories", "must be an array");
        }
        for (int i = 0; i < categories.size(); i++) {
            builder.category(definition(categories.get(i), "taxonomy.categories[" + i + "]"));
        }
        return builder.build();
    }

    private static CategoryDefinition definition(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidInputException(path, "must be a JSON object");
        }
        rejectUnknown(node, CATEGORY_FIELDS, path);
        String label = requiredText(node, "label", path + ".label");
        Category category;
        try {
            category = Category.of(label);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(path + ".label", e.reason());
        }
        JsonNode description = node.get("description");
        String descriptionText = description == null || description.isNull() ? "" : text(description, path + ".description");
        return new CategoryDefinition(category, descriptionText, texts(node, "examples", path), texts(node, "aliases", path));
    }

    private static void rejectUnknown(JsonNode node, Set<String> known, String path) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!known.contains(field.getKey())) {
                throw new InvalidInputException(path, "has unknown field '" + shorten(field.getKey())
                        + "' (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String requiredText(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new InvalidInputException(path, "is required");
        }
        String value = text(node, path);
        if (value.isBlank()) {
            throw new InvalidInputException(path, "must not be blank");
        }
        return value;
    }

    private static String text(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw new InvalidInputException(path, "must be a string");
        }
        return node.textValue();
    }

    private static List<String> texts(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidInputException(path + "." + name, "must be an array of strings");
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            values.add(text(node.get(i), path + "." + name + "[" + i + "]"));
        }
        return values;
    }

    private static String shorten(String name) {
        return Text.truncate(name, 40);
    }
}
