package dev.tickettriage.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.TokenUsage;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.llm.FinishReason;
import dev.tickettriage.llm.LlmMessage;
import dev.tickettriage.llm.LlmReply;
import dev.tickettriage.llm.LlmRequest;
import dev.tickettriage.llm.LlmTransport;
import dev.tickettriage.llm.TokenLogprob;
import dev.tickettriage.openai.ChatDialect;
import dev.tickettriage.openai.OpenAiException;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chat Completions over OkHttp {@code enqueue} (no thread per call). Sends strict {@code json_schema} structured
 * output, temperature 0, optional seed, {@code logprobs}. An OpenAI-compatible server that answers 400 naming
 * {@code response_format}/{@code json_schema} or {@code logprobs} is asked once more without that feature, and the
 * feature stays off for this transport from then on (the robust parser copes without it).
 */
public final class OpenAiTransport implements LlmTransport {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiTransport.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");

    /** Static settings of one transport. */
    public record Settings(String provider, HttpUrl chatCompletionsUrl, String model, @Nullable String apiKey,
                           @Nullable String organization, @Nullable String project, @Nullable Long seed, boolean logprobs,
                           boolean structuredOutput, int maxOutputTokensPerTicket, ChatDialect dialect) {

        /** Settings for OpenAI's own dialect. */
        public Settings(String provider, HttpUrl chatCompletionsUrl, String model, @Nullable String apiKey, @Nullable String organization,
                        @Nullable String project, @Nullable Long seed, boolean logprobs, boolean structuredOutput, int maxOutputTokensPerTicket) {
            this(provider, chatCompletionsUrl, model, apiKey, organization, project, seed, logprobs, structuredOutput, maxOutputTokensPerTicket,
                    ChatDialect.OPENAI);
        }

        @Override
        public String toString() {
            return "Settings[provider=" + provider + ", url=" + chatCompletionsUrl + ", model=" + model + ", apiKey="
                    + (apiKey == null ? "none" : "****") + "]";
        }
    }

    private final OkHttpClient client;
    private final ObjectMapper json;
    private final Settings settings;
    private final Clock clock;
    private final AtomicBoolean structuredOutput;
    private final AtomicBoolean logprobs;
    /** Parsed schemas by their JSON text: a taxonomy has one single and a few batch schemas, parsed once each. */
    private final java.util.concurrent.ConcurrentMap<String, com.fasterxml.jackson.databind.JsonNode> schemas = new java.util.concurrent.ConcurrentHashMap<>();

    public OpenAiTransport(OkHttpClient client, ObjectMapper json, Settings settings, Clock clock) {
        this.client = client;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        this.structuredOutput = new AtomicBoolean(settings.structuredOutput());
        this.logprobs = new AtomicBoolean(settings.logprobs());
    }

    /** Whether requests still carry {@code response_format: json_schema} (false after a server rejected it). */
    public boolean sendsStructuredOutput() {
        return structuredOutput.get();
    }

    /** Whether requests still ask for {@code logprobs} (false after a server rejected them). */
    public boolean sendsLogprobs() {
        return logprobs.get();
    }

    @Override
    public CompletionStage<LlmReply> send(LlmRequest request) {
        CompletableFuture<LlmReply> result = new CompletableFuture<>();
        enqueue(request, structuredOutput.get(), logprobs.get(), true, result);
        return result;
    }

    /** The JSON body for {@code request}; public for the spec-validation tests. */
    public String body(LlmRequest request, boolean withSchema, boolean withLogprobs) {
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.model());
        ArrayNode messages = body.putArray("messages");
        for (LlmMessage message : request.messages()) {
            messages.addObject().put("role", message.role().wireName()).put("content", message.content());
        }
        body.put("temperature", 0);
        if (settings.seed() != null) body.put("seed", settings.seed());
        if (settings.maxOutputTokensPerTicket() > 0) {
            body.put(settings.dialect() == ChatDialect.OPENAI ? "max_completion_tokens" : "max_tokens",
                    256 + (long) settings.maxOutputTokensPerTicket() * request.ticketCount());
        }
        if (withSchema) {
            if (schemas.size() > 64) schemas.clear();   // bounded: taxonomies change rarely
            com.fasterxml.jackson.databind.JsonNode parsed = schemas.computeIfAbsent(request.schemaJson(), this::parseSchema);
            if (settings.dialect() == ChatDialect.TGI) {
                body.putObject("response_format").put("type", "json").set("value", parsed);   // TGI's GrammarType
            } else {
                ObjectNode format = body.putObject("response_format").put("type", "json_schema");
                format.putObject("json_schema").put("name", request.schemaName()).put("strict", true).set("schema", parsed);
            }
        }
        if (withLogprobs) body.put("logprobs", true);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the request could not be written as JSON", e);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode parseSchema(String schemaJson) {
        try {
            return json.readTree(schemaJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the output schema is not JSON", e);
        }
    }

    private void enqueue(LlmRequest request, boolean withSchema, boolean withLogprobs, boolean mayDowngrade, CompletableFuture<LlmReply> result) {
        Request.Builder http = new Request.Builder().url(settings.chatCompletionsUrl())
                .post(RequestBody.create(body(request, withSchema, withLogprobs), JSON_TYPE))
                .header("Accept", "application/json");
        if (settings.apiKey() != null) http.header("Authorization", "Bearer " + settings.apiKey());
        if (settings.organization() != null) http.header("OpenAI-Organization", settings.organization());
        if (settings.project() != null) http.header("OpenAI-Project", settings.project());
        Call call;
        try {
            call = client.newCall(http.build());
        } catch (RuntimeException e) {
            result.completeExceptionally(ClassificationException.unexpected(settings.provider(), e));
            return;
        }
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                LOG.debug("{} call failed: {}", settings.provider(), e.getClass().getName());
                result.completeExceptionally(HttpFailures.ioFailure(settings.provider(), e));
            }

            @Override
            public void onResponse(Call done, Response response) {
                try (response) {
                    handle(request, withSchema, withLogprobs, mayDowngrade, response, result);
                } catch (IOException e) {
                    result.completeExceptionally(HttpFailures.ioFailure(settings.provider(), e));
                } catch (RuntimeException e) {
                    result.completeExceptionally(ClassificationException.unexpected(settings.provider(), e));
                }
            }
        });
    }

    private void handle(LlmRequest request, boolean withSchema, boolean withLogprobs, boolean mayDowngrade, Response response,
                        CompletableFuture<LlmReply> result) throws IOException {
        ResponseBody responseBody = response.body();
        String text = responseBody.string();
        if (!response.isSuccessful()) {
            if ((response.code() == 400 || response.code() == 422) && mayDowngrade) {   // TGI answers 422 to what it cannot read
                HttpFailures.ErrorBody error = HttpFailures.ErrorBody.parse(text);
                boolean schemaRejected = withSchema && (error.mentions("response_format") || error.mentions("json_schema")
                        || error.mentions("structured") || error.mentions("grammar"));
                boolean logprobsRejected = withLogprobs && error.mentions("logprob");
                if (schemaRejected || logprobsRejected) {
                    if (schemaRejected) structuredOutput.set(false);
                    if (logprobsRejected) logprobs.set(false);
                    LOG.warn("{} rejected {}; sending requests without it from now on (answers are still validated)",
                            settings.provider(), schemaRejected ? "response_format json_schema" : "logprobs");
                    enqueue(request, withSchema && !schemaRejected, withLogprobs && !logprobsRejected, false, result);
                    return;
                }
            }
            result.completeExceptionally(HttpFailures.failure(settings.provider(), response.code(), response::header, text, clock.instant()));
            return;
        }
        ChatCompletionResponse parsed;
        try {
            parsed = json.readValue(text, ChatCompletionResponse.class);
        } catch (JsonProcessingException e) {
            result.completeExceptionally(new OpenAiException(settings.provider() + " answered HTTP " + response.code()
                    + " with a body that is not a chat completion", OpenAiException.Reason.IO, response.code(), response.header("x-request-id"), null, null));
            return;
        }
        result.complete(toReply(parsed, response.header("x-request-id")));
    }

    private LlmReply toReply(ChatCompletionResponse response, @Nullable String requestId) {
        List<ChatCompletionResponse.Choice> choices = response.choices() == null ? List.of() : response.choices();
        ChatCompletionResponse.Choice choice = choices.isEmpty() ? null : choices.get(0);
        ChatCompletionResponse.Message message = choice == null ? null : choice.message();
        TokenUsage usage = response.usage() == null ? TokenUsage.NONE
                : new TokenUsage(Math.max(0, response.usage().promptTokens()), Math.max(0, response.usage().completionTokens()));
        List<TokenLogprob> tokens = new ArrayList<>();
        if (choice != null && choice.logprobs() != null && choice.logprobs().content() != null) {
            for (ChatCompletionResponse.TokenLogprob token : choice.logprobs().content()) {
                if (token.token() == null || token.logprob() == null || token.logprob() > 0 || token.logprob().isNaN()) {
                    tokens.clear();
                    break;
                }
                tokens.add(new TokenLogprob(token.token(), token.logprob()));
            }
        }
        return LlmReply.of(message == null ? null : message.content(), message == null ? null : message.refusal(),
                FinishReason.fromWire(choice == null ? null : choice.finishReason()), usage, tokens, response.model(), requestId);
    }
}
