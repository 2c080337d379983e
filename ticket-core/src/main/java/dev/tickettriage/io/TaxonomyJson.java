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
 * {@code examples} and {@code aliases} are optional. Unknown fields, duplicate keys and anything after the
 * JSON value are rejected so typos and botched merges do not pass silently; input must be UTF-8 (an
 * optional byte-order mark is skipped) of at most 4 MiB. Stateless and thread-safe; each call uses its own {@link ObjectMapper}.
 */
public final class TaxonomyJson {

    private static final Set<String> TOP_FIELDS = Set.of("version", "fallback", "categories");
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
