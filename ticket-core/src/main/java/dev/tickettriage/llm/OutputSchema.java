package dev.tickettriage.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The JSON Schema a model's answer must follow, generated from a {@link Taxonomy}; strict-mode compatible (OpenAI
 * Structured Outputs): the root is an object, every object lists all its properties in {@code required} and sets
 * {@code additionalProperties: false}, and only supported keywords are used ({@code type}, {@code enum},
 * {@code items}, {@code description}).
 *
 * <p>One answer ({@link #single(Taxonomy)}) has, in this order: {@value #CATEGORY} (enum of the taxonomy's labels),
 * {@value #CATEGORY_CONFIDENCE}, {@value #SENTIMENT} (enum of {@link Sentiment} names), {@value #SENTIMENT_CONFIDENCE},
 * {@value #PRIORITY} (enum of {@link Priority} names), {@value #PRIORITY_CONFIDENCE}, {@value #LANGUAGE},
 * {@value #SUMMARY}, {@value #SUGGESTED_REPLY}, {@value #KEY_TOPICS}, {@value #ACTION_ITEMS} and {@value #RATIONALE},
 * then the host's custom fields. A batch answer ({@link #batch(Taxonomy, int)}) is
 * {@code {"results": [{"ticket_id": "T1", ...one answer...}, ...]}} with {@code ticket_id} an enum of the request's
 * ticket references. Stateless and thread-safe.
 */
public final class OutputSchema {

    public static final String CATEGORY = "category";
    public static final String CATEGORY_CONFIDENCE = "category_confidence";
    public static final String SENTIMENT = "sentiment";
    public static final String SENTIMENT_CONFIDENCE = "sentiment_confidence";
    public static final String PRIORITY = "priority";
    public static final String PRIORITY_CONFIDENCE = "priority_confidence";
    public static final String LANGUAGE = "language";
    public static final String SUMMARY = "summary";
    public static final String SUGGESTED_REPLY = "suggested_reply";
    public static final String KEY_TOPICS = "key_topics";
    public static final String ACTION_ITEMS = "action_items";
    public static final String RATIONALE = "rationale";
    public static final String TICKET_ID = "ticket_id";
    public static final String RESULTS = "results";
    /** The schema name sent with single-ticket requests. */
    public static final String SINGLE_NAME = "ticket_triage";
    /** The schema name sent with batch requests. */
    public static final String BATCH_NAME = "ticket_triage_batch";

    /** The built-in answer keys, in schema order (custom fields come after them). */
    public static final List<String> BUILT_IN_KEYS = List.of(CATEGORY, CATEGORY_CONFIDENCE, SENTIMENT, SENTIMENT_CONFIDENCE,
            PRIORITY, PRIORITY_CONFIDENCE, LANGUAGE, SUMMARY, SUGGESTED_REPLY, KEY_TOPICS, ACTION_ITEMS, RATIONALE);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OutputSchema() {
    }

    /** The schema of one ticket's answer. */
    public static ObjectNode single(Taxonomy taxonomy) {
        return item(Objects.requireNonNull(taxonomy, "taxonomy"), null);
    }

    /**
     * The schema of a batch answer for {@code ticketCount} tickets referenced {@code T1}..{@code Tn}.
     *
     * @throws IllegalArgumentException when {@code ticketCount < 1}
     */
    public static ObjectNode batch(Taxonomy taxonomy, int ticketCount) {
        if (ticketCount < 1) throw new IllegalArgumentException("ticketCount must be >= 1, was " + ticketCount);
        ArrayNode refs = JSON.arrayNode();
        for (int i = 1; i <= ticketCount; i++) refs.add(ticketRef(i));
        ObjectNode items = item(Objects.requireNonNull(taxonomy, "taxonomy"), refs);
        ObjectNode results = JSON.objectNode().put("type", "array")
                .put("description", "One answer per ticket of the data, each naming its ticket_id");
        results.set("items", items);
        ObjectNode root = JSON.objectNode().put("type", "object");
        root.set("properties", JSON.objectNode().set(RESULTS, results));
        root.set("required", JSON.arrayNode().add(RESULTS));
        root.put("additionalProperties", false);
        return root;
    }

    /** The reference of the {@code index}-th ticket (1-based) of a request: {@code T1}, {@code T2}, ... */
    public static String ticketRef(int index) {
        return "T" + index;
    }

    private static ObjectNode item(Taxonomy taxonomy, @Nullable ArrayNode ticketRefs) {
        ObjectNode properties = JSON.objectNode();
        if (ticketRefs != null) properties.set(TICKET_ID, enumOf(ticketRefs, "The ticket_id of the ticket this answer is for"));
        ArrayNode labels = JSON.arrayNode();
        for (Category category : taxonomy.categories()) labels.add(category.id());
        properties.set(CATEGORY, enumOf(labels, "Exactly one label of the category list"));
        properties.set(CATEGORY_CONFIDENCE, number("How sure you are of the category, 0 to 1"));
        ArrayNode sentiments = JSON.arrayNode();
        for (Sentiment sentiment : Sentiment.values()) sentiments.add(sentiment.name());
        properties.set(SENTIMENT, enumOf(sentiments, "The customer's mood"));
        properties.set(SENTIMENT_CONFIDENCE, number("How sure you are of the sentiment, 0 to 1"));
        ArrayNode priorities = JSON.arrayNode();
        for (Priority priority : Priority.values()) priorities.add(priority.name());
        properties.set(PRIORITY, enumOf(priorities, "How soon a person must act"));
        properties.set(PRIORITY_CONFIDENCE, number("How sure you are of the priority, 0 to 1"));
        properties.set(LANGUAGE, string("BCP-47 tag of the ticket's language, such as en or es; und when unknown"));
        properties.set(SUMMARY, string("One or two neutral sentences"));
        properties.set(SUGGESTED_REPLY, string("A short, polite reply to the customer in the ticket's language"));
        properties.set(KEY_TOPICS, strings("Up to 5 short topics"));
        properties.set(ACTION_ITEMS, strings("Up to 5 short next steps for the support team"));
        properties.set(RATIONALE, string("One sentence: why this category and priority"));
        addCustomFields(properties, taxonomy);
        ObjectNode item = JSON.objectNode().put("type", "object");
        item.set("properties", properties);
        ArrayNode required = JSON.arrayNode();
        properties.fieldNames().forEachRemaining(required::add);
        item.set("required", required);
        item.put("additionalProperties", false);
        return item;
    }

    /**
     * The host's custom fields (issue 6), one required property each, added after the built-in keys. One method per
     * field kind builds its property: closed sets become enums, optional fields are nullable ({@code ["string",
     * "null"]}). No taxonomy declares custom fields yet on this branch, so nothing is added.
     */
    private static void addCustomFields(ObjectNode properties, Taxonomy taxonomy) {
        for (FieldDefinition field : taxonomy.fields()) {
            ObjectNode property;
            if (field instanceof FieldDefinition.OneOfField) property = oneOf((FieldDefinition.OneOfField) field);
            else if (field instanceof FieldDefinition.ManyOfField) property = manyOf((FieldDefinition.ManyOfField) field);
            else if (field instanceof FieldDefinition.BooleanField) property = typed("boolean", field.description());
            else if (field instanceof FieldDefinition.NumberField) property = number((FieldDefinition.NumberField) field);
            else property = text((FieldDefinition.TextField) field);
            if (!field.required()) nullable(property);
            properties.set(field.name(), property);
        }
    }

    private static ObjectNode oneOf(FieldDefinition.OneOfField field) {
        ArrayNode values = JSON.arrayNode();
        field.valueNames().forEach(values::add);
        return enumOf(values, field.description());
    }

    private static ObjectNode manyOf(FieldDefinition.ManyOfField field) {
        ArrayNode values = JSON.arrayNode();
        field.valueNames().forEach(values::add);
        ObjectNode node = JSON.objectNode().put("type", "array");
        node.set("items", JSON.objectNode().put("type", "string").set("enum", values));
        return node.put("description", field.description() + " (" + field.minCount() + " to " + field.maxCount() + " values)");
    }

    private static ObjectNode number(FieldDefinition.NumberField field) {
        return typed(field.integer() ? "integer" : "number", field.description() + " (from " + field.min() + " to " + field.max() + ")");
    }

    private static ObjectNode text(FieldDefinition.TextField field) {
        return typed("string", field.description() + " (at most " + field.maxLength() + " characters)");
    }

    private static ObjectNode typed(String type, String description) {
        return JSON.objectNode().put("type", type).put("description", description);
    }

    /** An optional field may be null: its type becomes {@code [type, "null"]}, and an enum also lists null. */
    private static void nullable(ObjectNode property) {
        String type = property.get("type").asText();
        property.set("type", JSON.arrayNode().add(type).add("null"));
        if (property.has("enum")) ((ArrayNode) property.get("enum")).addNull();
    }

    private static ObjectNode enumOf(ArrayNode values, String description) {
        ObjectNode node = JSON.objectNode().put("type", "string");
        node.set("enum", values);
        return node.put("description", description);
    }

    private static ObjectNode number(String description) {
        return JSON.objectNode().put("type", "number").put("description", description);
    }

    private static ObjectNode string(String description) {
        return JSON.objectNode().put("type", "string").put("description", description);
    }

    private static ObjectNode strings(String description) {
        ObjectNode node = JSON.objectNode().put("type", "array");
        node.set("items", JSON.objectNode().put("type", "string"));
        return node.put("description", description);
    }

    /** Whether {@code schema} follows the strict-mode rules: every object requires all its properties and forbids others. */
    public static boolean isStrictCompatible(JsonNode schema) {
        if (schema.isObject() && schema.path("properties").isObject()) {
            JsonNode properties = schema.path("properties");
            if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").asBoolean()) return false;
            JsonNode required = schema.path("required");
            if (required.size() != properties.size()) return false;
            for (JsonNode name : required) if (!properties.has(name.asText())) return false;
            for (JsonNode property : properties) if (!isStrictCompatible(property)) return false;
        }
        JsonNode items = schema.path("items");
        return items.isMissingNode() || isStrictCompatible(items);
    }
}
