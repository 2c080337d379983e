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
import dev.tickettriage.openai.ChatDialect;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Chat Completions ({@code POST chat/completions}): {@code messages}, strict {@code response_format: json_schema},
 * temperature 0, optional {@code seed}, {@code max_completion_tokens}, {@code logprobs}; the answer in
 * {@code choices[0].message.content} (or {@code refusal}), usage as {@code prompt_tokens}/{@code completion_tokens}.
 */
public final class ChatCompletionsApi extends WireApi {

    private final ObjectReader reader;
    private final ChatDialect dialect;

    public ChatCompletionsApi(ObjectMapper json) {
        this(json, ChatDialect.OPENAI);
    }

    /** Chat Completions as {@code dialect} speaks it: the token limit's name and the {@code response_format} shape. */
    public ChatCompletionsApi(ObjectMapper json, ChatDialect dialect) {
        super(json);
        this.reader = json.readerFor(ChatCompletionResponse.class);
        this.dialect = dialect;
    }

    @Override
    public String path() {
        return "chat/completions";
    }

    @Override
    public String batchEndpoint() {
        return "/v1/chat/completions";
    }

    @Override
    protected void write(JsonGenerator body, LlmRequest request, BodyOptions options) throws IOException {
        body.writeStringField("model", options.model());
        body.writeArrayFieldStart("messages");
        for (LlmMessage message : request.messages()) {
            body.writeStartObject();
            body.writeStringField("role", message.role().wireName());
            body.writeFieldName("content");
            writeText(body, message.content());
            body.writeEndObject();
        }
        body.writeEndArray();
        body.writeNumberField("temperature", 0);
        if (options.seed() != null) body.writeNumberField("seed", options.seed());
        long maxTokens = maxOutputTokens(options, request.ticketCount());
        if (maxTokens > 0) body.writeNumberField(dialect == ChatDialect.OPENAI ? "max_completion_tokens" : "max_tokens", maxTokens);
        if (options.structuredOutput() && dialect == ChatDialect.TGI) {   // TGI's GrammarType: {"type": "json", "value": schema}
            body.writeObjectFieldStart("response_format");
            body.writeStringField("type", "json");
            body.writeFieldName("value");
            writeSchema(body, request.schemaJson());
            body.writeEndObject();
        } else if (options.structuredOutput()) {
            body.writeObjectFieldStart("response_format");
            body.writeStringField("type", "json_schema");
            body.writeObjectFieldStart("json_schema");
            body.writeStringField("name", request.schemaName());
            body.writeBooleanField("strict", true);
            body.writeFieldName("schema");
            writeSchema(body, request.schemaJson());
            body.writeEndObject();
            body.writeEndObject();
        }
        if (options.logprobs()) body.writeBooleanField("logprobs", true);
    }

    @Override
    public LlmReply reply(String text, @Nullable String requestId) throws JsonProcessingException {
        ChatCompletionResponse response = reader.readValue(text);
        return toReply(response, requestId);
    }

    static LlmReply toReply(ChatCompletionResponse response, @Nullable String requestId) {
        List<ChatCompletionResponse.Choice> choices = response.choices() == null ? List.of() : response.choices();
        ChatCompletionResponse.Choice choice = choices.isEmpty() ? null : choices.get(0);
        ChatCompletionResponse.Message message = choice == null ? null : choice.message();
        TokenUsage usage = response.usage() == null ? TokenUsage.NONE
                : new TokenUsage(Math.max(0, response.usage().promptTokens()), Math.max(0, response.usage().completionTokens()));
        List<TokenLogprob> tokens = new ArrayList<>();
        if (choice != null && choice.logprobs() != null && choice.logprobs().content() != null) {
            for (ChatCompletionResponse.TokenLogprob token : choice.logprobs().content()) {
                if (!addLogprob(tokens, token.token(), token.logprob())) break;
            }
        }
        return LlmReply.of(message == null ? null : message.content(), message == null ? null : message.refusal(),
                FinishReason.fromWire(choice == null ? null : choice.finishReason()), usage, tokens, response.model(), requestId);
    }

    /** Adds one token's log-probability; on an invalid one clears the list (no confidence rather than a wrong one). */
    static boolean addLogprob(List<TokenLogprob> tokens, @Nullable String token, @Nullable Double logprob) {
        if (token == null || logprob == null || logprob > 0 || logprob.isNaN()) {
            tokens.clear();
            return false;
        }
        tokens.add(new TokenLogprob(token, logprob));
        return true;
    }
}
