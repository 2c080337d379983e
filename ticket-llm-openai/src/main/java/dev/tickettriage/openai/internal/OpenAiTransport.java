package dev.tickettriage.openai.internal;

import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.RateLimitedException;
import dev.tickettriage.llm.LlmMessage;
import dev.tickettriage.llm.LlmReply;
import dev.tickettriage.llm.LlmRequest;
import dev.tickettriage.llm.LlmTransport;
import dev.tickettriage.openai.OpenAiException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenAI-style calls over OkHttp {@code enqueue} (no thread waits for an answer): Chat Completions or the Responses
 * API ({@link WireApi}), authenticated with a bearer key or Azure's {@code api-key} header, each request admitted by
 * the {@link RequestLimiter} first (requests/min, tokens/min, in flight). An OpenAI-compatible server that answers
 * 400 naming {@code response_format}/{@code json_schema} or {@code logprobs} is asked once more without that
 * feature, and the feature stays off for this transport from then on (the robust parser copes without it).
 */
public final class OpenAiTransport implements LlmTransport {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiTransport.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    /** Output tokens a ticket's answer is assumed to take before the usage is known (the limiter's estimate). */
    public static final int ESTIMATED_OUTPUT_TOKENS_PER_TICKET = 200;

    /** How the key is sent. */
    public enum Auth {
        /** {@code Authorization: Bearer KEY} (OpenAI, compatible servers, Azure's v1 API). */
        BEARER,
        /** {@code api-key: KEY} (Azure OpenAI). */
        API_KEY_HEADER
    }

    /** Static settings of one transport; {@link #toString()} masks the key. */
    public record Settings(String provider, HttpUrl url, WireApi api, String model, @Nullable String apiKey, Auth auth,
                           @Nullable String organization, @Nullable String project, @Nullable Long seed, boolean logprobs,
                           boolean structuredOutput, int maxOutputTokensPerTicket) {
        @Override
        public String toString() {
            return "Settings[provider=" + provider + ", url=" + url + ", model=" + model + ", apiKey="
                    + (apiKey == null ? "none" : "****") + "]";
        }
    }

    private final OkHttpClient client;
    private final Settings settings;
    private final RequestLimiter limiter;
    private final Clock clock;
    private final AtomicBoolean structuredOutput;
    private final AtomicBoolean logprobs;

    public OpenAiTransport(OkHttpClient client, Settings settings, RequestLimiter limiter, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.limiter = limiter;
        this.clock = clock;
        this.structuredOutput = new AtomicBoolean(settings.structuredOutput());
        this.logprobs = new AtomicBoolean(settings.logprobs());
    }

    /** Whether requests still carry strict structured output (false after a server rejected it). */
    public boolean sendsStructuredOutput() {
        return structuredOutput.get();
    }

    /** Whether requests still ask for log-probabilities (false after a server rejected them). */
    public boolean sendsLogprobs() {
        return logprobs.get();
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public CompletionStage<LlmReply> send(LlmRequest request) {
        CompletableFuture<LlmReply> result = new CompletableFuture<>();
        send(request, structuredOutput.get(), logprobs.get(), true, result);
        return result;
    }

    /** The JSON body for {@code request}; public for the spec-validation tests and the Batch API's input file. */
    public String body(LlmRequest request, boolean withSchema, boolean withLogprobs) {
        return settings.api().body(request, options(withSchema, withLogprobs));
    }

    private WireApi.BodyOptions options(boolean withSchema, boolean withLogprobs) {
        return new WireApi.BodyOptions(settings.model(), settings.seed(), settings.maxOutputTokensPerTicket(), withSchema, withLogprobs);
    }

    /** Tokens a request is expected to cost: its characters / 4 plus {@value #ESTIMATED_OUTPUT_TOKENS_PER_TICKET} per ticket. */
    public static long estimateTokens(LlmRequest request) {
        long chars = request.schemaJson().length();
        for (LlmMessage message : request.messages()) chars += message.content().length();
        return (chars + 3) / 4 + (long) ESTIMATED_OUTPUT_TOKENS_PER_TICKET * request.ticketCount();
    }

    /** Adds the key and the organisation/project headers. */
    public Request.Builder authorise(Request.Builder http) {
        if (settings.apiKey() != null) {
            if (settings.auth() == Auth.API_KEY_HEADER) http.header("api-key", settings.apiKey());
            else http.header("Authorization", "Bearer " + settings.apiKey());
        }
        if (settings.organization() != null) http.header("OpenAI-Organization", settings.organization());
        if (settings.project() != null) http.header("OpenAI-Project", settings.project());
        return http;
    }

    private void send(LlmRequest request, boolean withSchema, boolean withLogprobs, boolean mayDowngrade, CompletableFuture<LlmReply> result) {
        limiter.acquire(estimateTokens(request)).whenComplete((permit, thrown) -> {
            if (thrown != null) {
                result.completeExceptionally(ClassificationException.unexpected(settings.provider(), thrown));
                return;
            }
            enqueue(request, withSchema, withLogprobs, mayDowngrade, permit, result);
        });
    }

    private void enqueue(LlmRequest request, boolean withSchema, boolean withLogprobs, boolean mayDowngrade, RequestLimiter.Permit permit,
                         CompletableFuture<LlmReply> result) {
        Call call;
        try {
            Request.Builder http = new Request.Builder().url(settings.url())
                    .post(RequestBody.create(body(request, withSchema, withLogprobs), JSON_TYPE))
                    .header("Accept", "application/json");
            call = client.newCall(authorise(http).build());
        } catch (RuntimeException e) {
            limiter.release(permit, 0);
            result.completeExceptionally(ClassificationException.unexpected(settings.provider(), e));
            return;
        }
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                limiter.release(permit, -1);
                LOG.debug("{} call failed: {}", settings.provider(), e.getClass().getName());
                result.completeExceptionally(HttpFailures.ioFailure(settings.provider(), e));
            }

            @Override
            public void onResponse(Call done, Response response) {
                long used = -1;
                try (response) {
                    used = handle(request, withSchema, withLogprobs, mayDowngrade, response, result);
                } catch (IOException e) {
                    result.completeExceptionally(HttpFailures.ioFailure(settings.provider(), e));
                } catch (RuntimeException e) {
                    result.completeExceptionally(ClassificationException.unexpected(settings.provider(), e));
                } finally {
                    limiter.release(permit, used);
                }
            }
        });
    }

    /** Completes {@code result} (or re-sends once without a rejected feature); returns the tokens used, -1 if unknown. */
    private long handle(LlmRequest request, boolean withSchema, boolean withLogprobs, boolean mayDowngrade, Response response,
                        CompletableFuture<LlmReply> result) throws IOException {
        String text = response.body().string();
        String requestId = response.header("x-request-id");
        if (!response.isSuccessful()) {
            if ((response.code() == 400 || response.code() == 422) && mayDowngrade) {   // TGI answers 422 to what it cannot read
                HttpFailures.ErrorBody error = HttpFailures.ErrorBody.parse(text);
                boolean schemaRejected = withSchema && (error.mentions("response_format") || error.mentions("json_schema")
                        || error.mentions("text.format") || error.mentions("structured") || error.mentions("grammar"));
                boolean logprobsRejected = withLogprobs && error.mentions("logprob");
                if (schemaRejected || logprobsRejected) {
                    if (schemaRejected) structuredOutput.set(false);
                    if (logprobsRejected) logprobs.set(false);
                    LOG.warn("{} rejected {}; sending requests without it from now on (answers are still validated)",
                            settings.provider(), schemaRejected ? "structured output (json_schema)" : "logprobs");
                    send(request, withSchema && !schemaRejected, withLogprobs && !logprobsRejected, false, result);
                    return 0;
                }
            }
            ClassificationException failure = HttpFailures.failure(settings.provider(), response.code(), response::header, text, clock.instant());
            if (failure instanceof RateLimitedException) {
                Duration wait = Duration.between(clock.instant(), ((RateLimitedException) failure).until());
                if (!wait.isNegative()) limiter.pauseFor(wait.toNanos());
            }
            result.completeExceptionally(failure);
            return response.code() == 429 ? 0 : -1;
        }
        LlmReply reply;
        try {
            reply = settings.api().reply(text, requestId);
        } catch (IOException e) {
            result.completeExceptionally(new OpenAiException(settings.provider() + " answered HTTP " + response.code()
                    + " with a body that is not a " + settings.api().path() + " response" + (requestId == null ? "" : " [request id " + requestId + "]"),
                    OpenAiException.Reason.IO, response.code(), requestId, null, null));
            return -1;
        }
        result.complete(reply);
        return reply.usage().equals(dev.tickettriage.domain.TokenUsage.NONE) ? -1 : reply.usage().inputTokens() + reply.usage().outputTokens();
    }
}
