package dev.tickettriage.openai.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tickettriage.domain.TokenUsage;
import dev.tickettriage.llm.FinishReason;
import dev.tickettriage.llm.LlmMessage;
import dev.tickettriage.llm.LlmReply;
import dev.tickettriage.llm.LlmRequest;
import dev.tickettriage.llm.TokenLogprob;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Responses API ({@code POST responses}): the messages as {@code input} items (the static system message first),
 * strict structured output under {@code text.format} (flat: {@code type, name, strict, schema}), temperature 0,
 * {@code max_output_tokens}, {@code store: false}, and log-probabilities only through {@code include:
 * ["message.output_text.logprobs"]}. The answer is the concatenated {@code output_text} parts of the assistant
 * {@code message} items (the raw API has no {@code output_text} convenience field), a {@code refusal} part is the
 * refusal; {@code incomplete_details.reason} {@code max_output_tokens} and {@code content_filter} map to a truncated
 * and a filtered answer; usage is {@code input_tokens}/{@code output_tokens}. There is no {@code seed}.
 */
public final class ResponsesApi extends WireApi {

    /** The {@code include} value that asks for token log-probabilities. */
    public static final String LOGPROBS_INCLUDE = "message.output_text.logprobs";

    private final ObjectReader reader;

    public ResponsesApi(ObjectMapper json) {
        super(json);
        this.reader = json.readerFor(ResponsesResponse.class);
    }

    @Override
    public String path() {
        return "responses";
    }

    @Override
    public String batchEndpoint() {
        return "/v1/responses";
    }

    @Override
    protected void write(JsonGenerator body, LlmRequest request, BodyOptions options) throws IOException {
        body.writeStringField("model", options.model());
        body.writeArrayFieldStart("input");
        for (LlmMessage message : request.messages()) {
            body.writeStartObject();
            body.writeStringField("type", "message");
            body.writeStringField("role", message.role().wireName());
            body.writeFieldName("content");
            writeText(body, message.content());
            body.writeEndObject();
        }
        body.writeEndArray();
        body.writeNumberField("temperature", 0);
        long maxTokens = maxOutputTokens(options, request.ticketCount());
        if (maxTokens > 0) body.writeNumberField("max_output_tokens", maxTokens);
        body.writeBooleanField("store", false);
        if (options.structuredOutput()) {
            body.writeObjectFieldStart("text");
            body.writeObjectFieldStart("format");
            body.writeStringField("type", "json_schema");
            body.writeStringField("name", request.schemaName());
            body.writeBooleanField("strict", true);
            body.writeFieldName("schema");
            writeSchema(body, request.schemaJson());
            body.writeEndObject();
            body.writeEndObject();
        }
        if (options.logprobs()) {
            body.writeArrayFieldStart("include");
            body.writeString(LOGPROBS_INCLUDE);
            body.writeEndArray();
        }
    }

    @Override
    public LlmReply reply(String text, @Nullable String requestId) throws JsonProcessingException {
        return toReply(reader.readValue(text), requestId);
    }

    static LlmReply toReply(ResponsesResponse response, @Nullable String requestId) {
        StringBuilder content = null;
        String refusal = null;
        List<TokenLogprob> tokens = new ArrayList<>();
        boolean logprobsValid = true;
        if (response.output() != null) {
            for (ResponsesResponse.Item item : response.output()) {
                if (!"message".equals(item.type()) || item.content() == null) continue;
                for (ResponsesResponse.Content part : item.content()) {
                    if ("output_text".equals(part.type()) && part.text() != null) {
                        if (content == null) content = new StringBuilder();
                        content.append(part.text());
                        if (logprobsValid && part.logprobs() != null) {
                            for (ResponsesResponse.Logprob token : part.logprobs()) {
                                if (!ChatCompletionsApi.addLogprob(tokens, token.token(), token.logprob())) {
                                    logprobsValid = false;
                                    break;
                                }
                            }
                        }
                    } else if ("refusal".equals(part.type()) && part.refusal() != null) {
                        refusal = refusal == null ? part.refusal() : refusal + part.refusal();
                    }
                }
            }
        }
        TokenUsage usage = response.usage() == null ? TokenUsage.NONE
                : new TokenUsage(Math.max(0, response.usage().inputTokens()), Math.max(0, response.usage().outputTokens()));
        return LlmReply.of(content == null ? null : content.toString(), refusal, finishReason(response), usage,
                logprobsValid ? tokens : List.of(), response.model(), requestId);
    }

    private static FinishReason finishReason(ResponsesResponse response) {
        String reason = response.incompleteDetails() == null ? null : response.incompleteDetails().reason();
        if ("max_output_tokens".equals(reason)) return FinishReason.LENGTH;
        if ("content_filter".equals(reason)) return FinishReason.CONTENT_FILTER;
        if ("completed".equals(response.status())) return FinishReason.STOP;
        return "incomplete".equals(response.status()) ? FinishReason.LENGTH : FinishReason.OTHER;
    }
}
