package dev.tickettriage.huggingface.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.huggingface.HuggingFaceException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
 * Posts {@code {"inputs": ..., "parameters": ...}} to {@code <base>/models/<model id>} over OkHttp {@code enqueue}
 * (no thread per call) and completes with the answer's JSON. A 503 "model is loading" (or a 2xx body saying so) is
 * waited out: the call is sent again after the model's {@code estimated_time} (1 s when it names none), with
 * {@code X-Wait-For-Model: true}, while the total wait stays within {@code maxLoadingWait}; past that it fails with a
 * retryable {@link HuggingFaceException.Reason#MODEL_LOADING} carrying the estimate. Everything else fails at once
 * through {@link TaskFailures}.
 */
public final class TaskClient {

    private static final Logger LOG = LoggerFactory.getLogger(TaskClient.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}(/[A-Za-z0-9][A-Za-z0-9._-]{0,95})?");
    private static final Duration UNKNOWN_LOADING_ESTIMATE = Duration.ofSeconds(1);

    private final OkHttpClient client;
    private final ObjectMapper json;
    private final HttpUrl base;
    private final @Nullable String token;
    private final Duration maxLoadingWait;
    private final Clock clock;

    public TaskClient(OkHttpClient client, ObjectMapper json, HttpUrl base, @Nullable String token, Duration maxLoadingWait, Clock clock) {
        this.client = client;
        this.json = json;
        this.base = base;
        this.token = token;
        this.maxLoadingWait = maxLoadingWait;
        this.clock = clock;
    }

    /** Whether {@code model} is a Hub repository id ({@code name} or {@code owner/name}). */
    public static boolean isModelId(String model) {
        return MODEL_ID.matcher(model).matches() && !model.contains("..");
    }

    /** The URL of {@code model}'s task endpoint. */
    public HttpUrl url(String model) {
        return base.newBuilder().addPathSegment("models").addPathSegments(model).build();
    }

    /** Sends {@code body} to {@code model}; never throws, failures complete the stage with a {@link ClassificationException}. */
    public CompletableFuture<JsonNode> post(String model, ObjectNode body) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            result.completeExceptionally(new IllegalStateException("the request could not be written as JSON", e));
            return result;
        }
        send(model, text, false, System.nanoTime() + maxLoadingWait.toNanos(), result);
        return result;
    }

    private void send(String model, String body, boolean waitForModel, long deadline, CompletableFuture<JsonNode> result) {
        Request.Builder http = new Request.Builder().url(url(model)).post(RequestBody.create(body, JSON_TYPE)).header("Accept", "application/json");
        if (token != null) http.header("Authorization", "Bearer " + token);
        if (waitForModel) http.header("X-Wait-For-Model", "true");   // honoured by older deployments, harmless elsewhere
        Call call;
        try {
            call = client.newCall(http.build());
        } catch (RuntimeException e) {
            result.completeExceptionally(ClassificationException.unexpected("huggingface", e));
            return;
        }
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                LOG.debug("HuggingFace call for {} failed: {}", model, e.getClass().getName());
                result.completeExceptionally(TaskFailures.ioFailure(model, e));
            }

            @Override
            public void onResponse(Call done, Response response) {
                try (response) {
                    handle(model, body, deadline, response, result);
                } catch (IOException e) {
                    result.completeExceptionally(TaskFailures.ioFailure(model, e));
                } catch (RuntimeException e) {
                    result.completeExceptionally(ClassificationException.unexpected("huggingface", e));
                }
            }
        });
    }

    private void handle(String model, String body, long deadline, Response response, CompletableFuture<JsonNode> result) throws IOException {
        String text = response.body().string();
        JsonNode answer = null;
        if (response.isSuccessful()) {
            try {
                answer = json.readTree(text);
            } catch (JsonProcessingException e) {
                result.completeExceptionally(new HuggingFaceException("HuggingFace answered HTTP " + response.code() + " for model " + model
                        + " with a body that is not JSON", HuggingFaceException.Reason.INVALID_RESPONSE, response.code(), null, null));
                return;
            }
        }
        TaskFailures.ErrorBody error = answer != null
                ? (answer.isObject() && answer.has("error") ? TaskFailures.ErrorBody.of(answer) : null)
                : (response.code() == 503 ? TaskFailures.ErrorBody.parse(text) : null);
        if (error != null && error.isLoading()) {
            Duration estimate = error.estimatedTime.orElse(UNKNOWN_LOADING_ESTIMATE);
            long left = deadline - System.nanoTime();
            if (estimate.toNanos() > left) {
                result.completeExceptionally(TaskFailures.loading(model, error.estimatedTime.orElse(null)));
                return;
            }
            LOG.debug("HuggingFace model {} is loading; asking again in {} ms", model, estimate.toMillis());
            CompletableFuture.delayedExecutor(estimate.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> send(model, body, true, deadline, result));
            return;
        }
        if (!response.isSuccessful()) {
            result.completeExceptionally(TaskFailures.failure(model, response.code(), response::header, text, clock));
            return;
        }
        result.complete(answer);
    }
}
