package dev.tickettriage.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.Language;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.internal.Text;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a model's raw text into validated answers. Survives what real models do around JSON: {@code <think>}
 * blocks, preambles, code fences, trailing prose, trailing commas, single or typographic quotes, label case and
 * alias mismatches. Rejects (for one repair attempt) invalid JSON, missing required keys, unknown keys and labels
 * outside the taxonomy. Stateless and thread-safe.
 */
final class AnswerParser {

    static final int MAX_LIST_ITEMS = 10;
    static final int MAX_LIST_ITEM_CHARS = 200;
    static final int MAX_TEXT_CHARS = 4_000;

    private static final ObjectMapper STRICT = new ObjectMapper();
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final Pattern THINK = Pattern.compile("(?is)<think(?:ing)?>.*?</think(?:ing)?>");
    private static final Pattern FENCE = Pattern.compile("(?s)```[a-zA-Z0-9_-]*\\s*\\n?(.*?)```");
    private static final int MAX_CANDIDATES = 16;

    private static final Set<String> ITEM_KEYS = Set.copyOf(OutputSchema.BUILT_IN_KEYS);

    private AnswerParser() {
    }

    /** Checks the reply's refusal and finish reason, then parses its content as one answer. */
    static ParsedAnswer parseSingleChecked(LlmReply reply, Taxonomy taxonomy) throws InvalidAnswer {
        return parseSingle(checkedContent(reply), taxonomy);
    }

    /** Checks the reply's refusal and finish reason, then parses its content as a batch answer. */
    static BatchAnswer parseBatchChecked(LlmReply reply, Taxonomy taxonomy, List<String> refs) throws InvalidAnswer {
        return parseBatch(checkedContent(reply), taxonomy, refs);
    }

    private static String checkedContent(LlmReply reply) throws InvalidAnswer {
        if (reply.refusal().filter(r -> !r.isBlank()).isPresent()) {
            throw new InvalidAnswer(ModelOutputException.Kind.REFUSAL, "you refused; classifying support tickets is allowed, the ticket is only data");
        }
        if (reply.finishReason() == FinishReason.CONTENT_FILTER) {
            throw new InvalidAnswer(ModelOutputException.Kind.CONTENT_FILTER, "the answer was removed by the content filter");
        }
        if (reply.finishReason() == FinishReason.LENGTH) {
            throw new InvalidAnswer(ModelOutputException.Kind.TRUNCATED, "the answer was cut at the token limit; keep every text short");
        }
        return reply.content().orElse("");
    }

    /** The one answer in {@code raw}. */
    static ParsedAnswer parseSingle(String raw, Taxonomy taxonomy) throws InvalidAnswer {
        JsonNode root = extractJson(raw, false);
        if (!root.isObject()) throw new InvalidAnswer(ModelOutputException.Kind.INVALID_JSON, "the answer is not a JSON object");
        ObjectNode object = (ObjectNode) root;
        // a model asked for one ticket sometimes answers in the batch shape
        if (!object.has(OutputSchema.CATEGORY) && object.path(OutputSchema.RESULTS).isArray() && object.path(OutputSchema.RESULTS).size() == 1
                && object.path(OutputSchema.RESULTS).get(0).isObject()) {
            ObjectNode inner = ((ObjectNode) object.path(OutputSchema.RESULTS).get(0)).deepCopy();
            inner.remove(OutputSchema.TICKET_ID);
            object = inner;
        }
        return parseItem(object, taxonomy, false);
    }

    /** A batch answer: valid answers by ticket reference, and the rejection reason of every other reference. */
    static BatchAnswer parseBatch(String raw, Taxonomy taxonomy, List<String> refs) throws InvalidAnswer {
        JsonNode root = extractJson(raw, true);
        JsonNode results = root.isArray() ? root : root.path(OutputSchema.RESULTS);
        if (!results.isArray()) throw new InvalidAnswer(ModelOutputException.Kind.INVALID_JSON, "the answer has no \"results\" array");
        Map<String, ParsedAnswer> answers = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Set<String> expected = new HashSet<>(refs);
        for (JsonNode item : results) {
            if (!item.isObject()) continue;
            String ref = normaliseRef(item.path(OutputSchema.TICKET_ID).asText(""));
            if (!expected.contains(ref) || answers.containsKey(ref) || errors.containsKey(ref)) continue;   // foreign or repeated ids are ignored
            try {
                answers.put(ref, parseItem((ObjectNode) item, taxonomy, true));
            } catch (InvalidAnswer e) {
                errors.put(ref, e.getMessage());
            }
        }
        for (String ref : refs) if (!answers.containsKey(ref) && !errors.containsKey(ref)) errors.put(ref, "no answer for ticket_id " + ref);
        return new BatchAnswer(answers, errors);
    }

    record BatchAnswer(Map<String, ParsedAnswer> answers, Map<String, String> errors) {
    }

    private static String normaliseRef(String ref) {
        String trimmed = ref.strip();
        if (trimmed.matches("\\d+")) return "T" + trimmed;
        return trimmed.toUpperCase(Locale.ROOT);
    }

    // ---- JSON extraction ----

    static JsonNode extractJson(String raw, boolean allowArray) throws InvalidAnswer {
        String text = THINK.matcher(raw).replaceAll(" ");
        text = text.replaceAll("(?i)</?think(?:ing)?>", " ");
        List<String> sources = new ArrayList<>();
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) sources.add(fence.group(1));
        sources.add(text);
        for (String source : sources) {
            Optional<JsonNode> found = firstJson(source, allowArray);
            if (found.isPresent()) return found.get();
        }
        String normalised = normaliseQuotes(text);
        if (!normalised.equals(text)) {
            Optional<JsonNode> found = firstJson(normalised, allowArray);
            if (found.isPresent()) return found.get();
        }
        throw new InvalidAnswer(ModelOutputException.Kind.INVALID_JSON, text.isBlank() ? "the answer is empty" : "the answer holds no valid JSON object");
    }

    private static Optional<JsonNode> firstJson(String text, boolean allowArray) {
        int tried = 0;
        for (int start = 0; start < text.length() && tried < MAX_CANDIDATES; start++) {
            char c = text.charAt(start);
            if (c != '{' && !(allowArray && c == '[')) continue;
            tried++;
            int end = matchingClose(text, start);
            String candidate = end < 0 ? text.substring(start) : text.substring(start, end + 1);
            Optional<JsonNode> node = read(candidate);
            if (node.isPresent() && (node.get().isObject() || node.get().isArray())) return node;
            if (end < 0) break;   // unbalanced from here on: a truncated answer
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> read(String candidate) {
        try {
            return Optional.of(STRICT.readTree(candidate));
        } catch (JsonProcessingException strict) {
            try {
                return Optional.of(LENIENT.readTree(candidate));
            } catch (JsonProcessingException lenient) {
                return Optional.empty();
            }
        }
    }

    /** The index of the bracket closing the one at {@code start}, skipping strings; -1 when it never closes. */
    private static int matchingClose(String text, int start) {
        int depth = 0;
        boolean inString = false;
        char quote = '"';
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == quote) inString = false;
            } else if (c == '"') {
                inString = true;
                quote = c;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) return i;
            }
        }
        return -1;
    }

    private static String normaliseQuotes(String text) {
        return text.replace('\u201C', '"').replace('\u201D', '"').replace('\u201E', '"').replace('\u201F', '"')
                .replace('\u2033', '"').replace('\u00AB', '"').replace('\u00BB', '"')
                .replace('\u2018', '\'').replace('\u2019', '\'').replace('\u201A', '\'');
    }

    // ---- validation ----

    static ParsedAnswer parseItem(ObjectNode item, Taxonomy taxonomy, boolean batchItem) throws InvalidAnswer {
        Set<String> customNames = new HashSet<>();
        for (FieldDefinition field : taxonomy.fields()) customNames.add(field.name());
        for (Iterator<String> names = item.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ITEM_KEYS.contains(name) && !customNames.contains(name) && !(batchItem && OutputSchema.TICKET_ID.equals(name))) {
                throw invalid("unexpected key '" + Text.truncate(name, 40) + "' (allowed: " + String.join(", ", OutputSchema.BUILT_IN_KEYS) + ")");
            }
        }
        String label = text(item, OutputSchema.CATEGORY);
        if (label == null || label.isBlank()) throw invalid("missing \"category\"");
        Category category = resolveLabel(label, taxonomy)
                .orElseThrow(() -> invalid("category '" + Text.truncate(label, 60) + "' is not one of the allowed labels"));
        Sentiment sentiment = enumValue(item, OutputSchema.SENTIMENT, Sentiment.class, SENTIMENT_ALIASES);
        Priority priority = enumValue(item, OutputSchema.PRIORITY, Priority.class, PRIORITY_ALIASES);
        return new ParsedAnswer(
                batchItem ? normaliseRef(item.path(OutputSchema.TICKET_ID).asText("")) : null,
                category, confidence(item, OutputSchema.CATEGORY_CONFIDENCE),
                sentiment, confidence(item, OutputSchema.SENTIMENT_CONFIDENCE),
                priority, confidence(item, OutputSchema.PRIORITY_CONFIDENCE),
                language(text(item, OutputSchema.LANGUAGE)),
                limited(text(item, OutputSchema.SUMMARY)), limited(text(item, OutputSchema.SUGGESTED_REPLY)),
                list(item.get(OutputSchema.KEY_TOPICS)), list(item.get(OutputSchema.ACTION_ITEMS)),
                limited(text(item, OutputSchema.RATIONALE)), customFields(item, taxonomy));
    }

    /** One value per filled custom field; null means not filled (refused for a required field). */
    private static List<ParsedAnswer.CustomValue> customFields(ObjectNode item, Taxonomy taxonomy) throws InvalidAnswer {
        List<ParsedAnswer.CustomValue> values = new ArrayList<>();
        for (FieldDefinition field : taxonomy.fields()) {
            JsonNode node = item.get(field.name());
            if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
                if (field.required()) throw invalid("missing required field \"" + field.name() + "\"");
                continue;
            }
            try {
                FieldValue value;
                if (node.isArray()) {
                    List<String> answers = new ArrayList<>();
                    for (JsonNode element : node) answers.add(element.asText());
                    value = field.parse(answers);
                } else {
                    value = field.parse(node.asText());
                }
                values.add(new ParsedAnswer.CustomValue(field.name(), field.validate(value)));
            } catch (InvalidInputException e) {
                throw invalid("field \"" + field.name() + "\": " + e.reason());
            }
        }
        return values;
    }

    static Optional<Category> resolveLabel(String label, Taxonomy taxonomy) {
        String trimmed = label.strip();
        if (trimmed.length() > 2 && (trimmed.startsWith("\"") || trimmed.startsWith("'") || trimmed.startsWith("`"))) {
            trimmed = trimmed.substring(1, trimmed.length() - 1).strip();
        }
        for (String candidate : List.of(trimmed, trimmed.replace(' ', '_'), trimmed.replace('_', ' '), trimmed.replace('-', '_'),
                trimmed.replace(' ', '-'), trimmed.replace('_', '-'))) {
            Optional<Category> found = taxonomy.resolve(candidate);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    private static final Map<String, String> SENTIMENT_ALIASES = Map.of("MIXED", "NEUTRAL", "ANGRY", "VERY_NEGATIVE",
            "FRUSTRATED", "NEGATIVE", "HAPPY", "POSITIVE");
    private static final Map<String, String> PRIORITY_ALIASES = Map.of("NORMAL", "MEDIUM", "MODERATE", "MEDIUM",
            "CRITICAL", "URGENT", "HIGHEST", "URGENT", "LOWEST", "LOW");

    private static <E extends Enum<E>> E enumValue(ObjectNode item, String key, Class<E> type, Map<String, String> aliases) throws InvalidAnswer {
        String value = text(item, key);
        if (value == null || value.isBlank()) throw invalid("missing \"" + key + "\"");
        String name = value.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        name = aliases.getOrDefault(name, name);
        for (E constant : type.getEnumConstants()) if (constant.name().equals(name)) return constant;
        throw invalid(key + " '" + Text.truncate(value, 40) + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }

    private static @Nullable Double confidence(ObjectNode item, String key) throws InvalidAnswer {
        JsonNode node = item.get(key);
        if (node == null || node.isNull()) return null;
        double value;
        if (node.isNumber()) value = node.asDouble();
        else if (node.isTextual()) {
            try {
                value = Double.parseDouble(node.asText().strip().replace("%", ""));
            } catch (NumberFormatException e) {
                throw invalid(key + " is not a number");
            }
        } else throw invalid(key + " is not a number");
        if (value > 1 && value <= 100) value = value / 100;   // a percentage
        if (!(value >= 0 && value <= 1)) throw invalid(key + " must be between 0 and 1");
        return value;
    }

    private static Language language(@Nullable String tag) {
        if (tag == null || tag.isBlank()) return Language.UNDETERMINED;
        try {
            return Language.of(tag.strip().replace('_', '-'));
        } catch (InvalidInputException e) {
            return Language.UNDETERMINED;
        }
    }

    private static @Nullable String text(ObjectNode item, String key) {
        JsonNode node = item.get(key);
        if (node == null || node.isNull()) return null;
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static @Nullable String limited(@Nullable String text) {
        return text == null ? null : Text.truncate(text.strip(), MAX_TEXT_CHARS);
    }

    private static List<String> list(@Nullable JsonNode node) {
        if (node == null || node.isNull()) return List.of();
        ArrayNode array;
        if (node.isArray()) array = (ArrayNode) node;
        else array = JsonNodeFactory.instance.arrayNode().add(node.asText());
        List<String> values = new ArrayList<>();
        for (JsonNode element : array) {
            if (values.size() == MAX_LIST_ITEMS) break;
            String value = element.isValueNode() ? element.asText().strip() : element.toString();
            if (!value.isEmpty()) values.add(Text.truncate(value, MAX_LIST_ITEM_CHARS));
        }
        return values;
    }

    private static InvalidAnswer invalid(String message) {
        return new InvalidAnswer(ModelOutputException.Kind.INVALID_ANSWER, message);
    }
}
