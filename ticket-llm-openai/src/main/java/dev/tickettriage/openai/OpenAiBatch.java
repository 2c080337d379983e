package dev.tickettriage.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.llm.LlmClassifier;
import dev.tickettriage.llm.LlmReply;
import dev.tickettriage.llm.LlmRequest;
import dev.tickettriage.llm.LlmTransport;
import dev.tickettriage.openai.internal.HttpFailures;
import dev.tickettriage.openai.internal.OpenAiTransport;
import dev.tickettriage.port.ClassificationResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies a backlog through OpenAI's Batch API (about half the price, answers within 24 h): the requests the
 * classifier would send are written as a JSONL file (one line per request, {@code custom_id} = {@code req-N}),
 * uploaded ({@code POST files}, purpose {@code batch}), run as one batch ({@code POST batches}, window 24 h), polled
 * ({@code GET batches/ID}, progress reported to the caller on every poll) and the output and error files downloaded
 * and matched back by {@code custom_id} (their order is not guaranteed). Each answer then goes through the same
 * parsing, validation and PII restoration as a synchronous call; the few that need a repair or a single-ticket
 * fallback are sent through the classifier's normal (synchronous) endpoint. A request the batch did not answer
 * (expired, cancelled, failed line) fails its tickets with a retryable {@link OpenAiException} carrying the
 * line's status and request id.
 *
 * <p>Get one from {@link OpenAiClassifier#batch()}; it shares the classifier's key, client, model, wire API and
 * limits. Azure's "global batch" deployments use other routes and are not supported. {@link #run} blocks the calling
 * thread while it polls (a backlog job, not the pipeline). Thread-safe; runs are independent.
 */
public final class OpenAiBatch {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiBatch.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final MediaType JSONL_TYPE = MediaType.get("application/jsonl");
    /** Terminal batch statuses. */
    private static final Set<String> DONE = Set.of("completed", "failed", "expired", "cancelled");
    /** Requests per input file (OpenAI's limit). */
    public static final int MAX_REQUESTS = 50_000;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(30);

    /** Where a batch stands, reported on every poll. */
    public record Progress(String batchId, String status, long total, long completed, long failed, Duration elapsed) {
    }

    private final OpenAiTransport transport;
    private final OkHttpClient client;
    private final HttpUrl baseUrl;
    private final ObjectMapper json;
    private final java.util.function.Function<LlmTransport, LlmClassifier> classifiers;
    private final Clock clock;
    private final String provider;

    /**
     * @param classifiers the classifier's own settings over another transport (its price at the batch discount)
     */
    OpenAiBatch(OpenAiTransport transport, OkHttpClient client, HttpUrl baseUrl, ObjectMapper json,
                java.util.function.Function<LlmTransport, LlmClassifier> classifiers, Clock clock) {
        this.transport = transport;
        this.client = client;
        this.baseUrl = baseUrl;
        this.json = json;
        this.classifiers = classifiers;
        this.clock = clock;
        this.provider = transport.settings().provider();
    }

    /** {@link #run(List, Taxonomy, Duration, Consumer)} polling every {@link #DEFAULT_POLL_INTERVAL}, no progress callback. */
    public List<ClassificationResult> run(List<Ticket> tickets, Taxonomy taxonomy) throws InterruptedException {
        return run(tickets, taxonomy, DEFAULT_POLL_INTERVAL, progress -> { });
    }

    /**
     * Classifies {@code tickets} in one batch and waits for it.
     *
     * @param pollInterval how long to wait between status polls (at least 10 ms)
     * @param progress     told the batch's status and request counts after every poll
     * @return one result per ticket, in the order given
     * @throws OpenAiException when the file cannot be uploaded, the batch cannot be created or polled, or the batch
     *                         ends as {@code failed} (its validation errors in the message)
     * @throws InterruptedException when the waiting thread is interrupted (the batch keeps running at OpenAI)
     */
    public List<ClassificationResult> run(List<Ticket> tickets, Taxonomy taxonomy, Duration pollInterval, Consumer<Progress> progress)
            throws InterruptedException {
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(taxonomy, "taxonomy");
        Objects.requireNonNull(progress, "progress");
        if (pollInterval.toMillis() < 10) throw new IllegalArgumentException("pollInterval must be >= 10 ms, was " + pollInterval);
        if (tickets.isEmpty()) return List.of();
        Collecting collecting = new Collecting(transport);
        LlmClassifier classifier = classifiers.apply(collecting);
        CompletableFuture<List<ClassificationResult>> results = classifier.classifyAllAsync(tickets, taxonomy, Runnable::run).toCompletableFuture();
        List<Pending> pending = collecting.stopCollecting();
        if (pending.size() > MAX_REQUESTS) {
            throw new IllegalArgumentException("at most " + MAX_REQUESTS + " requests per batch, got " + pending.size() + ": split the backlog");
        }
        Instant started = clock.instant();
        try {
            String fileId = upload(jsonl(pending));
            JsonNode batch = create(fileId);
            String batchId = batch.path("id").asText();
            while (!DONE.contains(batch.path("status").asText())) {
                report(progress, batch, started);
                Thread.sleep(pollInterval.toMillis());
                batch = call(new Request.Builder().url(baseUrl.newBuilder().addPathSegment("batches").addPathSegment(batchId).build()).get(),
                        "poll batch " + batchId);
            }
            report(progress, batch, started);
            String status = batch.path("status").asText();
            if (status.equals("failed")) {
                throw new OpenAiException(provider + " batch " + batchId + " failed: " + errors(batch), OpenAiException.Reason.BAD_REQUEST, 0, null, null, null);
            }
            Map<String, JsonNode> lines = new HashMap<>();
            for (String file : List.of("output_file_id", "error_file_id")) {
                String id = batch.path(file).asText("");
                if (!id.isEmpty()) readLines(download(id), lines);
            }
            LOG.info("{} batch {} {}: {} answer lines for {} requests", provider, batchId, status, lines.size(), pending.size());
            for (int i = 0; i < pending.size(); i++) complete(pending.get(i), lines.get(customId(i)), status);
        } catch (RuntimeException | InterruptedException e) {
            for (Pending request : pending) request.reply.completeExceptionally(e);
            throw e;
        }
        return results.join();
    }

    private static String customId(int index) {
        return "req-" + (index + 1);
    }

    private void report(Consumer<Progress> progress, JsonNode batch, Instant started) {
        JsonNode counts = batch.path("request_counts");
        Duration elapsed = Duration.between(started, clock.instant());
        Progress now = new Progress(batch.path("id").asText(), batch.path("status").asText(), counts.path("total").asLong(),
                counts.path("completed").asLong(), counts.path("failed").asLong(), elapsed.isNegative() ? Duration.ZERO : elapsed);
        LOG.debug("{} batch {}: {}", provider, now.batchId(), now);
        try {
            progress.accept(now);
        } catch (RuntimeException e) {
            LOG.warn("the batch progress callback threw {}; continuing", e.getClass().getName());
        }
    }

    private String jsonl(List<Pending> pending) {
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < pending.size(); i++) {
            LlmRequest request = pending.get(i).request;
            file.append("{\"custom_id\":\"").append(customId(i)).append("\",\"method\":\"POST\",\"url\":\"")
                    .append(transport.settings().api().batchEndpoint()).append("\",\"body\":")
                    .append(transport.body(request, transport.sendsStructuredOutput(), transport.sendsLogprobs())).append("}\n");
        }
        return file.toString();
    }

    private String upload(String jsonl) {
        RequestBody body = new MultipartBody.Builder().setType(MultipartBody.FORM).addFormDataPart("purpose", "batch")
                .addFormDataPart("file", "ticket-triage-batch.jsonl", RequestBody.create(jsonl.getBytes(StandardCharsets.UTF_8), JSONL_TYPE))
                .build();
        JsonNode file = call(new Request.Builder().url(baseUrl.newBuilder().addPathSegment("files").build()).post(body), "upload the batch file");
        String id = file.path("id").asText("");
        if (id.isEmpty()) throw unreadable("upload the batch file");
        return id;
    }

    private JsonNode create(String fileId) {
        ObjectNode request = json.createObjectNode().put("input_file_id", fileId)
                .put("endpoint", transport.settings().api().batchEndpoint()).put("completion_window", "24h");
        request.putObject("metadata").put("source", "ticket-triage");
        JsonNode batch = call(new Request.Builder().url(baseUrl.newBuilder().addPathSegment("batches").build())
                .post(RequestBody.create(request.toString(), JSON_TYPE)), "create the batch");
        if (batch.path("id").asText("").isEmpty()) throw unreadable("create the batch");
        return batch;
    }

    private String download(String fileId) {
        Request request = transport.authorise(new Request.Builder()
                .url(baseUrl.newBuilder().addPathSegment("files").addPathSegment(fileId).addPathSegment("content").build()).get()).build();
        try (Response response = client.newCall(request).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) throw asException(HttpFailures.failure(provider, response.code(), response::header, text, clock.instant()));
            return text;
        } catch (IOException e) {
            throw asException(HttpFailures.ioFailure(provider, e));
        }
    }

    private JsonNode call(Request.Builder builder, String what) {
        Request request = transport.authorise(builder.header("Accept", "application/json")).build();
        try (Response response = client.newCall(request).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) throw asException(HttpFailures.failure(provider, response.code(), response::header, text, clock.instant()));
            try {
                return json.readTree(text);
            } catch (IOException e) {
                throw unreadable(what);
            }
        } catch (IOException e) {
            throw asException(HttpFailures.ioFailure(provider, e));
        }
    }

    private static RuntimeException asException(ClassificationException failure) {
        return failure;
    }

    private OpenAiException unreadable(String what) {
        return new OpenAiException(provider + ": could not " + what + ": the answer is not the expected JSON object", OpenAiException.Reason.IO, 0,
                null, null, null);
    }

    private static String errors(JsonNode batch) {
        List<String> messages = new ArrayList<>();
        for (JsonNode error : batch.path("errors").path("data")) {
            messages.add(error.path("code").asText("?") + ": " + error.path("message").asText(""));
            if (messages.size() == 3) break;
        }
        return messages.isEmpty() ? "(no errors listed)" : String.join("; ", messages);
    }

    private void readLines(String jsonl, Map<String, JsonNode> lines) {
        try (BufferedReader reader = new BufferedReader(new StringReader(jsonl))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) continue;
                try {
                    JsonNode node = json.readTree(line);
                    String id = node.path("custom_id").asText("");
                    if (!id.isEmpty()) lines.putIfAbsent(id, node);
                } catch (IOException unreadableLine) {
                    LOG.warn("{}: skipped an unreadable batch output line", provider);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void complete(Pending pending, @Nullable JsonNode line, String batchStatus) {
        if (line == null) {
            pending.reply.completeExceptionally(new OpenAiException(provider + " batch ended " + batchStatus + " without an answer for this request",
                    OpenAiException.Reason.SERVER, 0, null, null, null));
            return;
        }
        JsonNode response = line.path("response");
        int status = response.path("status_code").asInt(0);
        String requestId = response.path("request_id").isTextual() ? response.path("request_id").asText() : null;
        if (status == 200) {
            try {
                LlmReply reply = transport.settings().api().reply(response.path("body").toString(), requestId);
                pending.reply.complete(reply);
            } catch (IOException e) {
                pending.reply.completeExceptionally(new OpenAiException(provider + " batch line " + line.path("custom_id").asText()
                        + " holds no readable response" + (requestId == null ? "" : " [request id " + requestId + "]"),
                        OpenAiException.Reason.IO, 200, requestId, null, null));
            }
            return;
        }
        if (status > 0) {
            String body = response.path("body").toString();
            Map<String, String> headers = requestId == null ? Map.of() : Map.of("x-request-id", requestId);
            pending.reply.completeExceptionally(HttpFailures.failure(provider, status, name -> headers.get(name.toLowerCase(Locale.ROOT)), body, clock.instant()));
            return;
        }
        JsonNode error = line.path("error");
        pending.reply.completeExceptionally(new OpenAiException(provider + " batch line failed: " + error.path("code").asText("unknown error") + " "
                + error.path("message").asText(""), OpenAiException.Reason.SERVER, 0, null, null, null));
    }

    /** A request the classifier made while the batch was being assembled, answered when the batch is done. */
    private static final class Pending {
        final LlmRequest request;
        final CompletableFuture<LlmReply> reply = new CompletableFuture<>();

        Pending(LlmRequest request) {
            this.request = request;
        }
    }

    /** Collects the first round of requests for the file; afterwards (repairs, fallbacks) sends them directly. */
    private static final class Collecting implements LlmTransport {
        private final LlmTransport direct;
        private final List<Pending> pending = new ArrayList<>();
        private boolean collecting = true;

        Collecting(LlmTransport direct) {
            this.direct = direct;
        }

        @Override
        public synchronized CompletionStage<LlmReply> send(LlmRequest request) {
            if (!collecting) return direct.send(request);
            Pending one = new Pending(request);
            pending.add(one);
            return one.reply;
        }

        synchronized List<Pending> stopCollecting() {
            collecting = false;
            return List.copyOf(pending);
        }
    }
}
