package dev.tickettriage.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Channel;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.FieldKind;
import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.FilledField;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.CorrectedLabels;
import dev.tickettriage.domain.Correction;
import dev.tickettriage.domain.Customer;
import dev.tickettriage.domain.Language;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.ScoredCategory;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TokenUsage;
import dev.tickettriage.error.StorageException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The ticket's JSON document: everything except the columns that change on every claim (version, updated
 * time, processing state and lease), written as explicit JSON so the stored form does not depend on Jackson's
 * view of the domain classes. Instants, durations and decimals are strings, so they come back exactly; the
 * host's attributes are a JSON object that SQL can filter on. Thread-safe.
 */
public final class TicketCodec {

    /** Version of the document layout, stored in the document for later migrations. */
    static final int LAYOUT = 1;

    private final ObjectMapper mapper;
    private final TextGuard guard;

    public TicketCodec(ObjectMapper mapper, TextGuard guard) {
        this.mapper = mapper;
        this.guard = guard;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    public String encode(Ticket ticket) {
        ObjectNode doc = mapper.createObjectNode();
        doc.put("v", LAYOUT);
        doc.put("createdAt", ticket.createdAt().toString());
        text(doc, "subject", "subject", ticket.subject().orElse(null));
        text(doc, "body", "body", ticket.body());
        ObjectNode customer = doc.putObject("customer");
        text(customer, "name", "customer.name", ticket.customer().name().orElse(null));
        text(customer, "email", "customer.email", ticket.customer().email().orElse(null));
        text(customer, "externalId", "customer.externalId", ticket.customer().externalId().orElse(null));
        doc.put("channel", ticket.channel().name());
        doc.put("status", ticket.status().name());
        text(doc, "assignee", "assignee", ticket.assignee().orElse(null));
        ticket.priority().ifPresent(priority -> doc.put("priority", priority.name()));
        ArrayNode tags = doc.putArray("tags");
        for (String tag : ticket.tags()) tags.add(guard.check("tags", tag));
        ObjectNode attributes = doc.putObject("attributes");
        ticket.attributes().forEach((key, value) -> attributes.put(guard.check("attributes", key), guard.check("attributes", value)));
        ticket.classification().ifPresent(classification -> doc.set("classification", classification(classification)));
        ticket.correction().ifPresent(correction -> doc.set("correction", correction(correction)));
        try {
            return mapper.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new StorageException("Could not encode ticket " + ticket.id() + " as JSON", e);
        }
    }

    private ObjectNode classification(Classification classification) {
        ObjectNode node = mapper.createObjectNode();
        node.put("category", guard.check("classification.category", classification.category().id()));
        node.put("sentiment", classification.sentiment().name());
        node.put("sentimentScore", classification.sentimentScore());
        node.put("priority", classification.priority().name());
        node.put("language", classification.language().tag());
        ObjectNode confidences = node.putObject("confidences");
        classification.confidences().forEach((field, confidence) -> {
            ObjectNode value = confidences.putObject(field.name());
            value.put("value", confidence.value());
            value.put("source", confidence.source().name());
        });
        ArrayNode alternatives = node.putArray("alternatives");
        for (ScoredCategory alternative : classification.alternatives()) {
            ObjectNode value = alternatives.addObject();
            value.put("category", guard.check("classification.alternatives", alternative.category().id()));
            value.put("score", alternative.score());
        }
        text(node, "summary", "classification.summary", classification.summary().orElse(null));
        text(node, "suggestedReply", "classification.suggestedReply", classification.suggestedReply().orElse(null));
        ArrayNode topics = node.putArray("keyTopics");
        for (String topic : classification.keyTopics()) topics.add(guard.check("classification.keyTopics", topic));
        text(node, "rationale", "classification.rationale", classification.rationale().orElse(null));
        Provenance provenance = classification.provenance();
        ObjectNode source = node.putObject("provenance");
        text(source, "classifier", "provenance.classifier", provenance.classifier());
        text(source, "model", "provenance.model", provenance.modelName().orElse(null));
        text(source, "taxonomyVersion", "provenance.taxonomyVersion", provenance.taxonomyVersion());
        text(source, "promptVersion", "provenance.promptVersion", provenance.prompt().orElse(null));
        source.put("latency", provenance.latency().toString());
        source.put("inputTokens", provenance.tokenUsage().inputTokens());
        source.put("outputTokens", provenance.tokenUsage().outputTokens());
        provenance.cost().ifPresent(cost -> source.put("costUsd", cost.toString()));
        source.put("cacheHit", provenance.isCacheHit());
        ObjectNode fields = node.putObject("fields");
        for (FilledField filled : classification.fields().values()) {
            ObjectNode field = fields.putObject(guard.check("classification.fields", filled.name()));
            FieldValue value = filled.value();
            field.put("kind", value.kind().name());
            if (value instanceof FieldValue.BooleanValue) {
                field.put("value", ((FieldValue.BooleanValue) value).value());
            } else if (value instanceof FieldValue.NumberValue) {
                field.put("value", ((FieldValue.NumberValue) value).value());
            } else if (value instanceof FieldValue.ChoicesValue) {
                ArrayNode choices = field.putArray("value");
                for (String choice : ((FieldValue.ChoicesValue) value).values()) choices.add(guard.check("classification.fields", choice));
            } else {
                field.put("value", guard.check("classification.fields", value.strings().get(0)));
            }
            field.put("confidence", filled.confidence().value());
            field.put("source", filled.confidence().source().name());
        }
        return node;
    }

    private ObjectNode correction(Correction correction) {
        ObjectNode node = mapper.createObjectNode();
        correction.predictedCategory().ifPresent(category -> node.put("predictedCategory", guard.check("correction", category.id())));
        correction.predictedSentiment().ifPresent(sentiment -> node.put("predictedSentiment", sentiment.name()));
        correction.predictedPriority().ifPresent(priority -> node.put("predictedPriority", priority.name()));
        ObjectNode decided = node.putObject("decided");
        correction.decided().category().ifPresent(category -> decided.put("category", guard.check("correction", category.id())));
        correction.decided().sentiment().ifPresent(sentiment -> decided.put("sentiment", sentiment.name()));
        correction.decided().priority().ifPresent(priority -> decided.put("priority", priority.name()));
        node.put("actor", guard.check("correction.actor", correction.actor()));
        node.put("at", correction.at().toString());
        return node;
    }

    private void text(ObjectNode node, String name, String field, @Nullable String value) {
        if (value != null) node.put(name, guard.check(field, value));
    }

    /** Fills {@code builder} (which already holds the column values) from the document. */
    public Ticket.Builder decode(String json, Ticket.Builder builder) {
        JsonNode doc;
        try {
            doc = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StorageException("A stored ticket document is not valid JSON", e);
        }
        builder.createdAt(Instant.parse(doc.get("createdAt").asText()))
                .subject(optional(doc, "subject"))
                .body(doc.get("body").asText());
        JsonNode customer = doc.path("customer");
        String name = optional(customer, "name");
        String email = optional(customer, "email");
        String externalId = optional(customer, "externalId");
        builder.customer(name == null && email == null && externalId == null ? Customer.ANONYMOUS : new Customer(name, email, externalId));
        builder.channel(Channel.valueOf(doc.get("channel").asText()))
                .status(SupportStatus.valueOf(doc.get("status").asText()))
                .assignee(optional(doc, "assignee"));
        String priority = optional(doc, "priority");
        builder.priority(priority == null ? null : Priority.valueOf(priority));
        Set<String> tags = new LinkedHashSet<>();
        doc.path("tags").forEach(tag -> tags.add(tag.asText()));
        builder.tags(tags);
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : doc.path("attributes").properties()) {
            attributes.put(field.getKey(), field.getValue().asText());
        }
        builder.attributes(attributes);
        JsonNode classification = doc.get("classification");
        builder.classification(classification == null || classification.isNull() ? null : classification(classification));
        JsonNode correction = doc.get("correction");
        builder.correction(correction == null || correction.isNull() ? null : correction(correction));
        return builder;
    }

    private static Classification classification(JsonNode node) {
        Classification.Builder builder = Classification.builder()
                .category(Category.of(node.get("category").asText()))
                .sentiment(Sentiment.valueOf(node.get("sentiment").asText()))
                .sentimentScore(node.get("sentimentScore").asDouble())
                .priority(Priority.valueOf(node.get("priority").asText()))
                .language(Language.of(node.get("language").asText()));
        for (Map.Entry<String, JsonNode> entry : node.path("confidences").properties()) {
            builder.confidence(ClassificationField.valueOf(entry.getKey()), Confidence.of(entry.getValue().get("value").asDouble(),
                    ConfidenceSource.valueOf(entry.getValue().get("source").asText())));
        }
        List<ScoredCategory> alternatives = new ArrayList<>();
        node.path("alternatives").forEach(alternative ->
                alternatives.add(new ScoredCategory(Category.of(alternative.get("category").asText()), alternative.get("score").asDouble())));
        builder.alternatives(alternatives);
        builder.summary(optional(node, "summary")).suggestedReply(optional(node, "suggestedReply")).rationale(optional(node, "rationale"));
        List<String> topics = new ArrayList<>();
        node.path("keyTopics").forEach(topic -> topics.add(topic.asText()));
        builder.keyTopics(topics);
        JsonNode source = node.get("provenance");
        Provenance.Builder provenance = Provenance.builder(source.get("classifier").asText(), source.get("taxonomyVersion").asText())
                .latency(Duration.parse(source.get("latency").asText()))
                .tokenUsage(new TokenUsage(source.path("inputTokens").asLong(), source.path("outputTokens").asLong()));
        String model = optional(source, "model");
        if (model != null) provenance.model(model);
        String promptVersion = optional(source, "promptVersion");
        if (promptVersion != null) provenance.promptVersion(promptVersion);
        String cost = optional(source, "costUsd");
        if (cost != null) provenance.estimatedCostUsd(new BigDecimal(cost));
        if (source.path("cacheHit").asBoolean()) provenance.cacheHit();
        for (Map.Entry<String, JsonNode> entry : node.path("fields").properties()) {
            JsonNode field = entry.getValue();
            JsonNode raw = field.get("value");
            FieldValue value;
            switch (FieldKind.valueOf(field.get("kind").asText())) {
                case BOOLEAN: value = FieldValue.of(raw.asBoolean()); break;
                case NUMBER: value = FieldValue.number(raw.asDouble()); break;
                case MANY_OF:
                    List<String> choices = new ArrayList<>();
                    raw.forEach(choice -> choices.add(choice.asText()));
                    value = FieldValue.choices(choices);
                    break;
                case ONE_OF: value = FieldValue.choice(raw.asText()); break;
                default: value = FieldValue.text(raw.asText()); break;
            }
            builder.field(FilledField.of(entry.getKey(), value, Confidence.of(field.get("confidence").asDouble(),
                    ConfidenceSource.valueOf(field.get("source").asText()))));
        }
        return builder.provenance(provenance.build()).build();
    }

    private static Correction correction(JsonNode node) {
        CorrectedLabels.Builder decided = CorrectedLabels.builder();
        JsonNode labels = node.path("decided");
        String category = optional(labels, "category");
        if (category != null) decided.category(Category.of(category));
        String sentiment = optional(labels, "sentiment");
        if (sentiment != null) decided.sentiment(Sentiment.valueOf(sentiment));
        String priority = optional(labels, "priority");
        if (priority != null) decided.priority(Priority.valueOf(priority));
        String predictedCategory = optional(node, "predictedCategory");
        String predictedSentiment = optional(node, "predictedSentiment");
        String predictedPriority = optional(node, "predictedPriority");
        return Correction.builder()
                .predictedCategory(predictedCategory == null ? null : Category.of(predictedCategory))
                .predictedSentiment(predictedSentiment == null ? null : Sentiment.valueOf(predictedSentiment))
                .predictedPriority(predictedPriority == null ? null : Priority.valueOf(predictedPriority))
                .decided(decided.build())
                .actor(node.get("actor").asText())
                .at(Instant.parse(node.get("at").asText()))
                .build();
    }

    private static @Nullable String optional(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
