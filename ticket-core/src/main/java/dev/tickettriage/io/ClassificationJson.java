package dev.tickettriage.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.FieldKind;
import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.FilledField;
import dev.tickettriage.domain.Language;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.ScoredCategory;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.TokenUsage;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.error.TriageException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Classification} as a JSON object and back, every field included (confidences, alternatives, texts, custom
 * fields, provenance with tokens and cost). Names are camelCase, enums their Java names, durations ISO-8601, costs
 * decimal strings (no binary rounding). Stateless and thread-safe.
 *
 * <pre>{@code
 * {"category":"card_arrival","sentiment":"NEGATIVE","sentimentScore":-0.45,"priority":"HIGH","language":"es-MX",
 *  "confidences":{"CATEGORY":{"value":0.91,"source":"MODEL"}},"alternatives":[{"category":"other","score":0.03}],
 *  "summary":"…","suggestedReply":"…","keyTopics":["card"],"rationale":"…",
 *  "fields":{"card_type":{"kind":"ONE_OF","value":"debit","confidence":{"value":0.88,"source":"MODEL"}}},
 *  "provenance":{"classifier":"openai","model":"gpt-4o-mini","taxonomyVersion":"v1","promptVersion":"p3",
 *                "latency":"PT0.812S","inputTokens":412,"outputTokens":57,"costUsd":"0.000150","cacheHit":false}}
 * }</pre>
 */
public final class ClassificationJson {

    private ClassificationJson() {
    }

    /** {@code classification} as a new JSON object made with {@code nodes}. */
    public static ObjectNode write(Classification classification, JsonNodeFactory nodes) {
        Objects.requireNonNull(classification, "classification");
        ObjectNode node = nodes.objectNode();
        node.put("category", classification.category().id());
        node.put("sentiment", classification.sentiment().name());
        node.put("sentimentScore", classification.sentimentScore());
        node.put("priority", classification.priority().name());
        node.put("language", classification.language().tag());
        ObjectNode confidences = node.putObject("confidences");
        classification.confidences().forEach((field, confidence) -> confidences.set(field.name(), confidence(confidence, nodes)));
        ArrayNode alternatives = node.putArray("alternatives");
        for (ScoredCategory alternative : classification.alternatives()) {
            alternatives.addObject().put("category", alternative.category().id()).put("score", alternative.score());
        }
        classification.summary().ifPresent(text -> node.put("summary", text));
        classification.suggestedReply().ifPresent(text -> node.put("suggestedReply", text));
        ArrayNode topics = node.putArray("keyTopics");
        classification.keyTopics().forEach(topics::add);
        classification.rationale().ifPresent(text -> node.put("rationale", text));
        ObjectNode fields = node.putObject("fields");
        for (FilledField filled : classification.fields().values()) {
            ObjectNode field = fields.putObject(filled.name());
            field.put("kind", filled.value().kind().name());
            FieldValue value = filled.value();
            if (value instanceof FieldValue.BooleanValue bool) field.put("value", bool.value());
            else if (value instanceof FieldValue.NumberValue number) field.put("value", number.value());
            else if (value instanceof FieldValue.ChoicesValue choices) choices.values().forEach(field.putArray("value")::add);
            else field.put("value", value.strings().get(0));
            field.set("confidence", confidence(filled.confidence(), nodes));
        }
        Provenance provenance = classification.provenance();
        ObjectNode source = node.putObject("provenance");
        source.put("classifier", provenance.classifier());
        provenance.modelName().ifPresent(model -> source.put("model", model));
        source.put("taxonomyVersion", provenance.taxonomyVersion());
        provenance.prompt().ifPresent(prompt -> source.put("promptVersion", prompt));
        source.put("latency", provenance.latency().toString());
        source.put("inputTokens", provenance.tokenUsage().inputTokens());
        source.put("outputTokens", provenance.tokenUsage().outputTokens());
        provenance.cost().ifPresent(cost -> source.put("costUsd", cost.toPlainString()));
        source.put("cacheHit", provenance.isCacheHit());
        return node;
    }

    /**
     * The classification in {@code node}, as {@link #write} wrote it.
     *
     * @param path where the node sits, for error messages (for example {@code recording.classification})
     * @throws InvalidInputException naming the offending field (for example {@code recording.classification.priority})
     *                               when a required value is missing or invalid
     */
    public static Classification read(JsonNode node, String path) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(path, "path");
        if (!node.isObject()) throw new InvalidInputException(path, "must be a JSON object");
        Classification.Builder builder = Classification.builder();
        builder.category(value(path, node, "category", text -> Category.of(text)));
        builder.sentiment(value(path, node, "sentiment", Sentiment::valueOf));
        builder.sentimentScore(number(path, node, "sentimentScore"));
        builder.priority(value(path, node, "priority", Priority::valueOf));
        builder.language(value(path, node, "language", Language::of));
        for (Map.Entry<String, JsonNode> entry : node.path("confidences").properties()) {
            String at = path + ".confidences." + entry.getKey();
            builder.confidence(parse(at, entry.getKey(), ClassificationField::valueOf), confidence(entry.getValue(), at));
        }
        List<ScoredCategory> alternatives = new ArrayList<>();
        int index = 0;
        for (JsonNode alternative : node.path("alternatives")) {
            String at = path + ".alternatives[" + index++ + "]";
            alternatives.add(guard(at, () -> new ScoredCategory(value(at, alternative, "category", text -> Category.of(text)),
                    number(at, alternative, "score"))));
        }
        builder.alternatives(alternatives);
        builder.summary(optionalText(node, "summary")).suggestedReply(optionalText(node, "suggestedReply"))
                .rationale(optionalText(node, "rationale"));
        List<String> topics = new ArrayList<>();
        node.path("keyTopics").forEach(topic -> topics.add(topic.asText()));
        builder.keyTopics(topics);
        for (Map.Entry<String, JsonNode> entry : node.path("fields").properties()) {
            String at = path + ".fields." + entry.getKey();
            JsonNode field = entry.getValue();
            FieldKind kind = value(at, field, "kind", FieldKind::valueOf);
            JsonNode raw = field.path("value");
            FieldValue value = guard(at + ".value", () -> fieldValue(kind, raw));
            builder.field(guard(at, () -> FilledField.of(entry.getKey(), value, confidence(field.path("confidence"), at + ".confidence"))));
        }
        builder.provenance(provenance(node.path("provenance"), path + ".provenance"));
        return guard(path, builder::build);
    }

    private static FieldValue fieldValue(FieldKind kind, JsonNode raw) {
        if (raw.isMissingNode() || raw.isNull()) throw new IllegalArgumentException("is missing");
        switch (kind) {
            case BOOLEAN: return FieldValue.of(raw.asBoolean());
            case NUMBER: return FieldValue.number(raw.asDouble());
            case MANY_OF:
                List<String> choices = new ArrayList<>();
                raw.forEach(choice -> choices.add(choice.asText()));
                return FieldValue.choices(choices);
            case ONE_OF: return FieldValue.choice(raw.asText());
            default: return FieldValue.text(raw.asText());
        }
    }

    private static Provenance provenance(JsonNode source, String path) {
        if (!source.isObject()) throw new InvalidInputException(path, "must be a JSON object");
        Provenance.Builder provenance = Provenance.builder(value(path, source, "classifier", text -> text),
                value(path, source, "taxonomyVersion", text -> text));
        provenance.latency(value(path, source, "latency", Duration::parse));
        provenance.tokenUsage(guard(path, () -> new TokenUsage(source.path("inputTokens").asLong(), source.path("outputTokens").asLong())));
        String model = optionalText(source, "model");
        if (model != null) provenance.model(model);
        String prompt = optionalText(source, "promptVersion");
        if (prompt != null) provenance.promptVersion(prompt);
        if (source.hasNonNull("costUsd")) provenance.estimatedCostUsd(value(path, source, "costUsd", BigDecimal::new));
        if (source.path("cacheHit").asBoolean()) provenance.cacheHit();
        return guard(path, provenance::build);
    }

    private static ObjectNode confidence(Confidence confidence, JsonNodeFactory nodes) {
        return nodes.objectNode().put("value", confidence.value()).put("source", confidence.source().name());
    }

    private static Confidence confidence(JsonNode node, String path) {
        return guard(path, () -> Confidence.of(number(path, node, "value"), value(path, node, "source", ConfidenceSource::valueOf)));
    }

    private static double number(String path, JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isNumber()) throw new InvalidInputException(path + "." + name, "must be a number");
        return value.asDouble();
    }

    private static <T> T value(String path, JsonNode node, String name, java.util.function.Function<String, T> parser) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) throw new InvalidInputException(path + "." + name, "must be a string");
        return parse(path + "." + name, value.asText(), parser);
    }

    private static <T> T parse(String path, String text, java.util.function.Function<String, T> parser) {
        return guard(path, () -> parser.apply(text));
    }

    /** Runs {@code step}, turning a domain rule it breaks into an error naming {@code path}. */
    private static <T> T guard(String path, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (InvalidInputException e) {
            throw e.field().startsWith(path) ? e : new InvalidInputException(path, e.reason());
        } catch (TriageException | IllegalArgumentException | NullPointerException | java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(path, "is invalid (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static @Nullable String optionalText(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
