package dev.tickettriage.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.CategoryDefinition;
import dev.tickettriage.domain.FieldChoice;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.internal.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

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
 * {@code examples} and {@code aliases} are optional.
 *
 * <p><b>Custom fields</b> go in an optional {@code fields} array (see {@link FieldDefinition}). Every field has a
 * {@code name}, a {@code type} ({@code one_of}, {@code many_of}, {@code boolean}, {@code integer}, {@code number} or
 * {@code text}), an optional {@code description} (default empty) and {@code required} (default false); then, by type:
 * {@code values} (required for {@code one_of}/{@code many_of}: objects like categories, with {@code value},
 * {@code description}, {@code examples}, {@code aliases}), {@code min_count} (default 1) and {@code max_count} (default
 * the number of values) for {@code many_of}; {@code true_cues}/{@code false_cues} (optional) for {@code boolean};
 * {@code min} and {@code max} (required) for {@code integer}/{@code number}; {@code max_length} (default 200) for
 * {@code text}:
 *
 * <pre>{@code
 * "fields": [
 *   {"name": "plan", "type": "one_of", "description": "The customer's plan", "required": true,
 *    "values": [{"value": "free", "description": "Free tier"},
 *               {"value": "enterprise", "description": "Enterprise contract", "aliases": ["enterprise plan"]}]},
 *   {"name": "refund_requested", "type": "boolean", "description": "Asks for money back", "true_cues": ["refund"]},
 *   {"name": "seats", "type": "integer", "min": 1, "max": 500},
 *   {"name": "product_name", "type": "text", "max_length": 80}]
 * }</pre> Unknown fields, duplicate keys and anything after the
 * JSON value are rejected so typos and botched merges do not pass silently; input must be UTF-8 (an
 * optional byte-order mark is skipped) of at most 4 MiB. Stateless and thread-safe; each call uses its own {@link ObjectMapper}.
 */
public final class TaxonomyJson {

    private static final Set<String> TOP_FIELDS = Set.of("version", "fallback", "categories", "fields");
    private static final Set<String> COMMON_FIELD_KEYS = Set.of("name", "type", "description", "required");
    private static final Map<String, Set<String>> FIELD_KEYS = Map.of(
            "one_of", Set.of("values"),
            "many_of", Set.of("values", "min_count", "max_count"),
            "boolean", Set.of("true_cues", "false_cues"),
            "integer", Set.of("min", "max"),
            "number", Set.of("min", "max"),
            "text", Set.of("max_length"));
    private static final Set<String> VALUE_KEYS = Set.of("value", "description", "examples", "aliases");
    private static final Set<String> CATEGORY_FIELDS = Set.of("label", "description", "examples", "aliases");

    /** The largest taxonomy file read: 4 MiB. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

    private TaxonomyJson() {
    }

    /**
     * Reads a taxonomy from UTF-8 JSON (a leading byte-order mark is skipped); does not close {@code in}.
     *
     * @throws InvalidInputException naming the field (for example {@code taxonomy.categories[2].label})
     *         when the bytes are not valid UTF-8 (the message gives the byte offset), the JSON is malformed,
     *         has a duplicate key or content after the value, or breaks a taxonomy rule
     * @throws UncheckedIOException when reading fails
     */
    public static Taxonomy read(InputStream in) {
        Objects.requireNonNull(in, "in");
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException("taxonomy", "is larger than " + MAX_BYTES + " bytes");
        }
        return parse(decode(bytes));
    }

    /**
     * Reads a taxonomy from JSON text (a leading byte-order mark is skipped); does not close {@code reader}.
     *
     * @throws InvalidInputException naming the field when the JSON is malformed, has a duplicate key or
     *         content after the value, or breaks a taxonomy rule
     * @throws UncheckedIOException when reading fails
     */
    public static Taxonomy read(Reader reader) {
        Objects.requireNonNull(reader, "reader");
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n; (n = reader.read(buffer)) != -1; ) {
                text.append(buffer, 0, n);
                if (text.length() > MAX_BYTES) {
                    throw new InvalidInputException("taxonomy", "is longer than " + MAX_BYTES + " characters");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(text.toString());
    }

    /** Strict UTF-8: malformed bytes are an error naming their offset, never replacement characters. */
    private static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            throw new InvalidInputException("taxonomy", "is not valid UTF-8 (byte offset " + in.position()
                    + "); save the file as UTF-8");
        }
        return out.flip().toString();
    }

    private static Taxonomy parse(String json) {
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        ObjectMapper mapper = strictMapper();
        JsonNode root;
        try (JsonParser parser = mapper.createParser(text)) {
            root = mapper.readTree(parser);
            if (root != null && !root.isMissingNode()) requireEnd(parser);
        } catch (JsonProcessingException e) {
            Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
            if (duplicate.lookingAt()) {
                throw new InvalidInputException("taxonomy", "has duplicate field '" + shorten(duplicate.group(1)) + "'"
                        + where(e.getLocation()));
            }
            throw new InvalidInputException("taxonomy", "is not valid JSON" + where(e.getLocation()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException("taxonomy", "is empty");
        }
        return parse(root);
    }

    /** Only whitespace may follow the value; a second value or stray text is an error, even if not JSON. */
    private static void requireEnd(JsonParser parser) throws IOException {
        JsonLocation end = parser.currentLocation();
        boolean more;
        try {
            more = parser.nextToken() != null;
        } catch (JsonProcessingException e) {
            more = true;
        }
        if (more) {
            throw new InvalidInputException("taxonomy", "has content after the JSON value, which ends" + where(end));
        }
    }

    private static ObjectMapper strictMapper() {
        JsonFactory factory = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        return new ObjectMapper(factory);
    }

    private static String where(@Nullable JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
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
        if (!taxonomy.fields().isEmpty()) {
            ArrayNode fields = root.putArray("fields");
            for (FieldDefinition field : taxonomy.fields()) writeField(fields.addObject(), field);
        }
        try {
            return mapper.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings could not be written", e);
        }
    }

    private static void writeField(ObjectNode node, FieldDefinition field) {
        node.put("name", field.name());
        node.put("type", field instanceof FieldDefinition.NumberField number && number.integer() ? "integer" : field.kind().wireName());
        node.put("description", field.description());
        node.put("required", field.required());
        if (field instanceof FieldDefinition.OneOfField oneOf) {
            writeValues(node, oneOf.values());
        } else if (field instanceof FieldDefinition.ManyOfField manyOf) {
            node.put("min_count", manyOf.minCount());
            node.put("max_count", manyOf.maxCount());
            writeValues(node, manyOf.values());
        } else if (field instanceof FieldDefinition.BooleanField bool) {
            ArrayNode trueCues = node.putArray("true_cues");
            bool.trueCues().forEach(trueCues::add);
            ArrayNode falseCues = node.putArray("false_cues");
            bool.falseCues().forEach(falseCues::add);
        } else if (field instanceof FieldDefinition.NumberField number) {
            if (number.integer()) {
                node.put("min", (long) number.min());
                node.put("max", (long) number.max());
            } else {
                node.put("min", number.min());
                node.put("max", number.max());
            }
        } else if (field instanceof FieldDefinition.TextField text) {
            node.put("max_length", text.maxLength());
        }
    }

    private static void writeValues(ObjectNode node, List<FieldChoice> choices) {
        ArrayNode values = node.putArray("values");
        for (FieldChoice choice : choices) {
            ObjectNode value = values.addObject();
            value.put("value", choice.value());
            value.put("description", choice.description());
            ArrayNode examples = value.putArray("examples");
            choice.examples().forEach(examples::add);
            ArrayNode aliases = value.putArray("aliases");
            choice.aliases().forEach(aliases::add);
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
        JsonNode fields = root.get("fields");
        if (fields != null && !fields.isNull()) {
            if (!fields.isArray()) {
                throw new InvalidInputException("taxonomy.fields", "must be an array");
            }
            for (int i = 0; i < fields.size(); i++) {
                builder.field(field(fields.get(i), "taxonomy.fields[" + i + "]"));
            }
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

    private static FieldDefinition field(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidInputException(path, "must be a JSON object");
        }
        String name = requiredText(node, "name", path + ".name");
        String at = path + " (" + shorten(name) + ")";
        String type = requiredText(node, "type", at + ".type");
        Set<String> specific = FIELD_KEYS.get(type);
        if (specific == null) {
            throw new InvalidInputException(at + ".type", "must be one of " + FIELD_KEYS.keySet().stream().sorted().toList());
        }
        Set<String> known = new java.util.HashSet<>(COMMON_FIELD_KEYS);
        known.addAll(specific);
        rejectUnknown(node, known, at);
        JsonNode descriptionNode = node.get("description");
        String description = descriptionNode == null || descriptionNode.isNull() ? "" : text(descriptionNode, at + ".description");
        JsonNode requiredNode = node.get("required");
        boolean required = false;
        if (requiredNode != null && !requiredNode.isNull()) {
            if (!requiredNode.isBoolean()) throw new InvalidInputException(at + ".required", "must be true or false");
            required = requiredNode.booleanValue();
        }
        try {
            switch (type) {
                case "one_of":
                    return new FieldDefinition.OneOfField(name, description, required, choices(node, at));
                case "many_of": {
                    List<FieldChoice> values = choices(node, at);
                    int min = optionalInt(node, "min_count", at, 1);
                    int max = optionalInt(node, "max_count", at, values.size());
                    return new FieldDefinition.ManyOfField(name, description, required, min, max, values);
                }
                case "boolean":
                    return new FieldDefinition.BooleanField(name, description, required, texts(node, "true_cues", at),
                            texts(node, "false_cues", at));
                case "integer":
                case "number":
                    return new FieldDefinition.NumberField(name, description, required, requiredNumber(node, "min", at),
                            requiredNumber(node, "max", at), type.equals("integer"));
                default:
                    return new FieldDefinition.TextField(name, description, required,
                            optionalInt(node, "max_length", at, FieldDefinition.DEFAULT_TEXT_MAX_LENGTH));
            }
        } catch (InvalidInputException e) {
            if (e.field().startsWith(at)) throw e;
            throw new InvalidInputException(e.field(), e.reason() + " (at " + at + ")");
        }
    }

    private static List<FieldChoice> choices(JsonNode parent, String path) {
        JsonNode node = parent.get("values");
        if (node == null || node.isNull()) {
            throw new InvalidInputException(path + ".values", "is required");
        }
        if (!node.isArray()) {
            throw new InvalidInputException(path + ".values", "must be an array");
        }
        List<FieldChoice> choices = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String at = path + ".values[" + i + "]";
            if (!item.isObject()) {
                throw new InvalidInputException(at, "must be a JSON object");
            }
            rejectUnknown(item, VALUE_KEYS, at);
            String value = requiredText(item, "value", at + ".value");
            JsonNode description = item.get("description");
            String descriptionText = description == null || description.isNull() ? "" : text(description, at + ".description");
            try {
                choices.add(new FieldChoice(value, descriptionText, texts(item, "examples", at), texts(item, "aliases", at)));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(at, e.reason());
            }
        }
        return choices;
    }

    private static int optionalInt(JsonNode parent, String name, String path, int defaultValue) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) return defaultValue;
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidInputException(path + "." + name, "must be a whole number");
        }
        return node.intValue();
    }

    private static double requiredNumber(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new InvalidInputException(path + "." + name, "is required");
        }
        if (!node.isNumber()) {
            throw new InvalidInputException(path + "." + name, "must be a number");
        }
        return node.doubleValue();
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
