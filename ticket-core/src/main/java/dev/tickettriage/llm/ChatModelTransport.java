package dev.tickettriage.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.tickettriage.domain.TokenUsage;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.RateLimitedException;
import dev.tickettriage.port.RetryAfter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link LlmTransport} over a LangChain4j {@link ChatModel}. A ChatModel blocks, so this transport completes its
 * stage on the calling thread; {@link ChatModelClassifier} calls it from the pipeline's executor. Sends the strict
 * output schema as a {@link ResponseFormat} JSON schema when the model lists
 * {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA} (and stops sending it after an {@link UnsupportedFeatureException});
 * otherwise the prompt alone asks for JSON and the robust parser reads the answer.
 */
final class ChatModelTransport implements LlmTransport {

    private static final Logger LOG = LoggerFactory.getLogger(ChatModelTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A plain-text apology instead of JSON: treated as a refusal (not repaired, not retried). */
    private static final Pattern REFUSAL = Pattern.compile("(?is)^\\s*(I['\u2019]?m sorry|I am sorry|I cannot|I can['\u2019]?t|I won['\u2019]?t|I will not|Sorry, (but )?I)\\b[^{]*");

    private final ChatModel model;
    private final @Nullable Double temperature;
    private final AtomicBoolean structuredOutput;
    private final Clock clock;
    private final Map<String, JsonSchemaElement> schemas = new ConcurrentHashMap<>();

    ChatModelTransport(ChatModel model, boolean structuredOutput, @Nullable Double temperature, Clock clock) {
        this.model = model;
        this.temperature = temperature;
        this.clock = clock;
        this.structuredOutput = new AtomicBoolean(structuredOutput && supportsJsonSchema(model));
    }

    private static boolean supportsJsonSchema(ChatModel model) {
        try {
            return model.supportedCapabilities().contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        } catch (RuntimeException e) {   // a model that cannot say is treated as one without the capability
            return false;
        }
    }

    boolean sendsStructuredOutput() {
        return structuredOutput.get();
    }

    @Override
    public CompletionStage<LlmReply> send(LlmRequest request) {
        boolean withSchema = structuredOutput.get();
        try {
            return CompletableFuture.completedFuture(reply(model.chat(chatRequest(request, withSchema))));
        } catch (RuntimeException first) {
            if (withSchema && find(first, UnsupportedFeatureException.class) != null) {
                structuredOutput.set(false);
                LOG.warn("the ChatModel rejected the JSON-schema response format; asking without it from now on (answers are still validated)");
                try {
                    return CompletableFuture.completedFuture(reply(model.chat(chatRequest(request, false))));
                } catch (RuntimeException second) {
                    return failed(second);
                }
            }
            return failed(first);
        }
    }

    ChatRequest chatRequest(LlmRequest request, boolean withSchema) {
        List<ChatMessage> messages = new ArrayList<>(request.messages().size());
        for (LlmMessage message : request.messages()) {
            switch (message.role()) {
                case SYSTEM -> messages.add(SystemMessage.from(message.content()));
                case USER -> messages.add(UserMessage.from(message.content()));
                case ASSISTANT -> messages.add(AiMessage.from(message.content()));
            }
        }
        ChatRequest.Builder builder = ChatRequest.builder().messages(messages);
        if (temperature != null) builder.temperature(temperature);
        if (withSchema) {
            if (schemas.size() > 64) schemas.clear();   // bounded: taxonomies change rarely
            JsonSchemaElement root = schemas.computeIfAbsent(request.schemaJson(), ChatModelTransport::convert);
            builder.responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                    .jsonSchema(JsonSchema.builder().name(request.schemaName()).rootElement(root).build()).build());
        }
        return builder.build();
    }

    private LlmReply reply(ChatResponse response) {
        AiMessage message = response.aiMessage();
        String text = message == null ? null : message.text();
        String refusal = null;
        if (text != null && REFUSAL.matcher(text).matches()) {
            refusal = text;
            text = null;
        }
        dev.langchain4j.model.output.TokenUsage usage = response.tokenUsage();
        TokenUsage tokens = usage == null ? TokenUsage.NONE
                : new TokenUsage(nonNegative(usage.inputTokenCount()), nonNegative(usage.outputTokenCount()));
        return LlmReply.of(text, refusal, finishReason(response.finishReason()), tokens, List.of(), response.modelName(), response.id());
    }

    private static long nonNegative(@Nullable Integer count) {
        return count == null || count < 0 ? 0 : count;
    }

    private static FinishReason finishReason(dev.langchain4j.model.output.@Nullable FinishReason reason) {
        if (reason == null) return FinishReason.STOP;   // many integrations leave it unset on a normal answer
        return switch (reason) {
            case STOP -> FinishReason.STOP;
            case LENGTH -> FinishReason.LENGTH;
            case CONTENT_FILTER -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    /** Maps LangChain4j's exceptions (anywhere in the cause chain) to ours; the cause stays attached, its text out of the message. */
    private CompletionStage<LlmReply> failed(RuntimeException thrown) {
        if (find(thrown, ContentFilteredException.class) != null) {
            return CompletableFuture.completedFuture(LlmReply.of(null, null, FinishReason.CONTENT_FILTER, TokenUsage.NONE, List.of(), null, null));
        }
        String what = "ChatModel call failed: " + thrown.getClass().getSimpleName();
        Instant now = clock.instant();
        ClassificationException mapped;
        HttpException http = find(thrown, HttpException.class);
        if (find(thrown, RateLimitException.class) != null || (http != null && http.statusCode() == 429)) {
            mapped = new RateLimitedException(what + " (rate limited)", now.plus(Duration.ofSeconds(1)), now);
        } else if (http != null) {
            mapped = RetryAfter.isRetryableStatus(http.statusCode())
                    ? ClassificationException.retryable(what + " (HTTP " + http.statusCode() + ")", thrown)
                    : ClassificationException.permanent(what + " (HTTP " + http.statusCode() + ")", thrown);
        } else if (find(thrown, RetriableException.class) != null) {
            mapped = ClassificationException.retryable(what, thrown);
        } else if (find(thrown, NonRetriableException.class) != null) {
            mapped = ClassificationException.permanent(what, thrown);
        } else {
            return CompletableFuture.failedFuture(thrown);   // LlmClassifier reports it as unexpected (retryable)
        }
        return CompletableFuture.failedFuture(mapped);
    }

    private static <T extends Throwable> @Nullable T find(Throwable thrown, Class<T> type) {
        Throwable current = thrown;
        for (int depth = 0; current != null && depth < 8; depth++, current = current.getCause()) {
            if (type.isInstance(current)) return type.cast(current);
        }
        return null;
    }

    // ---- JSON Schema text -> LangChain4j schema elements (the subset OutputSchema writes) ----

    static JsonSchemaElement convert(String schemaJson) {
        try {
            return element(JSON.readTree(schemaJson));
        } catch (IOException e) {
            throw new UncheckedIOException("the output schema is not JSON", e);
        }
    }

    private static JsonSchemaElement element(JsonNode node) {
        String description = node.hasNonNull("description") ? node.get("description").asText() : null;
        JsonNode type = node.path("type");
        if (type.isArray()) {   // ["string", "null"]: an optional custom field
            List<JsonSchemaElement> options = new ArrayList<>();
            for (JsonNode each : type) {
                if (each.asText().equals("null")) continue;
                options.add(element(((com.fasterxml.jackson.databind.node.ObjectNode) node.deepCopy()).put("type", each.asText())));
            }
            options.add(new JsonNullSchema());
            return JsonAnyOfSchema.builder().description(description).anyOf(options).build();
        }
        switch (type.asText()) {
            case "object": {
                JsonObjectSchema.Builder object = JsonObjectSchema.builder().description(description);
                for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
                    object.addProperty(property.getKey(), element(property.getValue()));
                }
                List<String> required = new ArrayList<>();
                node.path("required").forEach(name -> required.add(name.asText()));
                object.required(required);
                if (node.has("additionalProperties")) object.additionalProperties(node.get("additionalProperties").asBoolean());
                return object.build();
            }
            case "array":
                return JsonArraySchema.builder().description(description).items(element(node.path("items"))).build();
            case "integer":
                return JsonIntegerSchema.builder().description(description).build();
            case "number":
                return JsonNumberSchema.builder().description(description).build();
            case "boolean":
                return JsonBooleanSchema.builder().description(description).build();
            case "string": {
                if (!node.has("enum")) return JsonStringSchema.builder().description(description).build();
                List<String> values = new ArrayList<>();
                node.get("enum").forEach(value -> {
                    if (!value.isNull()) values.add(value.asText());
                });
                return JsonEnumSchema.builder().description(description).enumValues(values).build();
            }
            default:
                throw new IllegalArgumentException("unsupported schema type '" + type.asText() + "'");
        }
    }
}
