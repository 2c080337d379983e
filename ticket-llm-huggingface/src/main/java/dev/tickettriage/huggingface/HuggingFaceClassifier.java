package dev.tickettriage.huggingface;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.huggingface.internal.TaskClassifier;
import dev.tickettriage.huggingface.internal.TaskClient;
import dev.tickettriage.llm.TokenPrice;
import dev.tickettriage.openai.ChatDialect;
import dev.tickettriage.openai.OpenAiClassifier;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Classifies tickets with HuggingFace, through one of three {@link HuggingFaceApi}s:
 * <ul>
 *   <li>{@link HuggingFaceApi#ROUTER_CHAT} (default): an instruct model behind the Inference Providers router
 *       ({@value #DEFAULT_ROUTER_URL}), named {@code owner/model} or {@code owner/model:provider} to pin a provider.
 *       The router speaks OpenAI's Chat Completions, so this mode runs the OpenAI module's public
 *       {@link OpenAiClassifier} (one wire implementation): shared prompt, strict {@code json_schema} output (turned
 *       off by itself when the provider rejects it; answers are always parsed and validated by the robust parser), one
 *       repair, batching, PII redaction. Failures are the OpenAI module's {@code OpenAiException}s (402 =
 *       {@code QUOTA_EXHAUSTED}, permanent) and {@link dev.tickettriage.error.RateLimitedException} for 429.</li>
 *   <li>{@link HuggingFaceApi#TGI_CHAT}: a self-hosted Text Generation Inference server at {@link Builder#baseUrl},
 *       through its {@code /v1/chat/completions} with TGI's own {@code response_format: {type: json, value: schema}}
 *       ({@link ChatDialect#TGI}).</li>
 *   <li>{@link HuggingFaceApi#TASKS}: the hosted task APIs ({@value #DEFAULT_TASKS_URL}): zero-shot-classification
 *       with the taxonomy's labels as candidates for the category (its score is the confidence), a text-classification
 *       sentiment model for the sentiment, and priority, language, summary and custom fields from the local rule
 *       classifier. No prompt, no tokens: cheap, fast, and it cannot be steered by ticket text into another label.
 *       A 503 "model is loading" is waited out for at most {@link Builder#maxLoadingWait}; 429 is a {@link
 *       dev.tickettriage.error.RateLimitedException}; 402 (credits exhausted) and 401/403 are permanent {@link
 *       HuggingFaceException}s.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; the token never appears in logs, exceptions or {@link #toString()}. {@link #close()}
 * stops the HTTP dispatcher threads this classifier created (a host's OkHttpClient is only derived from, never changed).
 */
public final class HuggingFaceClassifier implements Classifier, AutoCloseable {

    /** The router's OpenAI-compatible base URL. */
    public static final String DEFAULT_ROUTER_URL = "https://router.huggingface.co/v1";
    /** The hosted task APIs (hf-inference provider); models are at {@code <url>/models/<id>}. */
    public static final String DEFAULT_TASKS_URL = "https://router.huggingface.co/hf-inference";
    /** The instruct model of the original system. */
    public static final String DEFAULT_CHAT_MODEL = "mistralai/Mistral-7B-Instruct-v0.2";
    public static final String DEFAULT_ZERO_SHOT_MODEL = "facebook/bart-large-mnli";
    public static final String DEFAULT_SENTIMENT_MODEL = "cardiffnlp/twitter-roberta-base-sentiment-latest";
    /** The hypothesis each candidate label is tested with; {@code {}} is replaced by the label. */
    public static final String DEFAULT_HYPOTHESIS_TEMPLATE = "This support ticket is about {}.";
    /** Candidate labels per zero-shot request (HF's long-standing advice is at most 10). */
    public static final int DEFAULT_CANDIDATES_PER_REQUEST = 10;
    /** Characters of subject and body sent to a task model (their encoders read about 512 tokens). */
    public static final int DEFAULT_MAX_INPUT_CHARS = 2_000;
    public static final Duration DEFAULT_MAX_LOADING_WAIT = Duration.ofSeconds(60);
    /** 16 requests in flight, one ticket per request. */
    public static final ClassifierLimits DEFAULT_LIMITS = ClassifierLimits.remote(16, 1);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(120);

    private final Classifier delegate;
    private final AutoCloseable resources;
    private final String description;

    private HuggingFaceClassifier(Builder builder) {
        ClassifierLimits limits = ClassifierLimits.remote(builder.maxInFlight, builder.api == HuggingFaceApi.TASKS ? 1 : builder.batchSize);
        String name = builder.name != null ? builder.name : switch (builder.api) {
            case ROUTER_CHAT -> "huggingface";
            case TGI_CHAT -> "huggingface-tgi";
            case TASKS -> "huggingface-tasks";
        };
        String url;
        if (builder.api == HuggingFaceApi.TASKS) {
            if (builder.chatModel != null && !TaskClient.isModelId(builder.chatModel)) {
                throw new IllegalStateException("model must be a Hub model id such as facebook/bart-large-mnli for the task APIs, was "
                        + builder.chatModel);
            }
            url = builder.baseUrl != null ? builder.baseUrl : DEFAULT_TASKS_URL;
            ExecutorService threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), daemonThreads(name));
            Dispatcher dispatcher = new Dispatcher(threads);
            dispatcher.setMaxRequests(limits.maxInFlight());
            dispatcher.setMaxRequestsPerHost(limits.maxInFlight());
            OkHttpClient.Builder http = builder.httpClient == null
                    ? new OkHttpClient.Builder().connectionPool(new ConnectionPool(Math.min(limits.maxInFlight(), 256), 5, TimeUnit.MINUTES))
                    : builder.httpClient.newBuilder();
            OkHttpClient client = http.dispatcher(dispatcher).connectTimeout(builder.connectTimeout).readTimeout(builder.readTimeout)
                    .callTimeout(builder.callTimeout).build();
            TaskClient tasks = new TaskClient(client, builder.objectMapper, HttpUrl.get(url), builder.token, builder.maxLoadingWait, builder.clock);
            this.delegate = new TaskClassifier(tasks, new TaskClassifier.Settings(name, builder.zeroShotModel, builder.sentimentModel,
                    builder.hypothesisTemplate, builder.candidatesPerRequest, DEFAULT_MAX_INPUT_CHARS, builder.redactPii, limits), builder.clock);
            this.resources = threads::shutdownNow;
        } else {
            boolean tgi = builder.api == HuggingFaceApi.TGI_CHAT;
            if (tgi && builder.baseUrl == null) throw new IllegalStateException("baseUrl is required for TGI_CHAT (the TGI server, e.g. http://tgi:8080)");
            url = tgi ? tgiChatBase(builder.baseUrl) : (builder.baseUrl != null ? builder.baseUrl : DEFAULT_ROUTER_URL);
            OpenAiClassifier.Builder chat = OpenAiClassifier.builder().baseUrl(url)
                    .name(name, tgi ? "HuggingFace TGI" : "HuggingFace")
                    .dialect(tgi ? ChatDialect.TGI : ChatDialect.OPENAI_MAX_TOKENS)
                    .model(builder.chatModel != null ? builder.chatModel : tgi ? "tgi" : DEFAULT_CHAT_MODEL)
                    .limits(limits.maxInFlight(), limits.preferredBatchSize())
                    // router providers differ on logprobs; TGI returns them
                    .features(tgi, builder.structuredOutput)
                    .redactPii(builder.redactPii).objectMapper(builder.objectMapper).clock(builder.clock)
                    .timeouts(builder.connectTimeout, builder.readTimeout, builder.callTimeout);
            if (builder.token != null) chat.apiKey(builder.token);
            if (builder.httpClient != null) chat.httpClient(builder.httpClient);
            if (builder.price != null) chat.price(builder.price);
            OpenAiClassifier classifier = chat.build();
            this.delegate = classifier;
            this.resources = classifier;
        }
        this.description = "HuggingFaceClassifier[api=" + builder.api + ", name=" + name + ", url=" + url + ", model="
                + (builder.api == HuggingFaceApi.TASKS ? builder.zeroShotModel + "+" + builder.sentimentModel
                        : builder.chatModel != null ? builder.chatModel : builder.api == HuggingFaceApi.TGI_CHAT ? "tgi" : DEFAULT_CHAT_MODEL)
                + ", token=" + (builder.token == null ? "none" : "****") + ", limits=" + limits + "]";
    }

    /** TGI's OpenAI-compatible routes live under {@code /v1}: accept the server's root URL or its {@code /v1}. */
    private static String tgiChatBase(String baseUrl) {
        HttpUrl url = HttpUrl.get(baseUrl);
        List<String> segments = url.pathSegments();
        String last = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
        if (last.equals("v1") || (last.isEmpty() && segments.size() > 1 && segments.get(segments.size() - 2).equals("v1"))) return baseUrl;
        return url.newBuilder().addPathSegment("v1").build().toString();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "ticket-triage-" + name + "-http-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A builder for {@link HuggingFaceApi#ROUTER_CHAT} with the defaults; choose another API with {@link Builder#api}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        return delegate.classify(ticket, taxonomy);
    }

    @Override
    public List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
        return delegate.classifyAll(tickets, taxonomy);
    }

    /** Sends with OkHttp {@code enqueue} and never blocks; {@code executor} is not used. */
    @Override
    public CompletionStage<List<ClassificationResult>> classifyAllAsync(List<Ticket> tickets, Taxonomy taxonomy, Executor executor) {
        return delegate.classifyAllAsync(tickets, taxonomy, executor);
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public ClassifierLimits limits() {
        return delegate.limits();
    }

    /** Stops this classifier's HTTP dispatcher threads; calls still running are abandoned. Idempotent. */
    @Override
    public void close() {
        try {
            resources.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing " + description + " failed", e);
        }
    }

    @Override
    public String toString() {
        return description;
    }

    /** Builds a {@link HuggingFaceClassifier}; not thread-safe. {@code toString()} masks the token. */
    public static final class Builder {
        private HuggingFaceApi api = HuggingFaceApi.ROUTER_CHAT;
        private @Nullable String token;
        private @Nullable String baseUrl;
        private @Nullable String chatModel;
        private String zeroShotModel = DEFAULT_ZERO_SHOT_MODEL;
        private @Nullable String sentimentModel = DEFAULT_SENTIMENT_MODEL;
        private String hypothesisTemplate = DEFAULT_HYPOTHESIS_TEMPLATE;
        private int candidatesPerRequest = DEFAULT_CANDIDATES_PER_REQUEST;
        private Duration maxLoadingWait = DEFAULT_MAX_LOADING_WAIT;
        private int maxInFlight = DEFAULT_LIMITS.maxInFlight();
        private int batchSize = DEFAULT_LIMITS.preferredBatchSize();
        private boolean structuredOutput = true;
        private boolean redactPii = true;
        private @Nullable TokenPrice price;
        private @Nullable String name;
        private @Nullable OkHttpClient httpClient;
        private ObjectMapper objectMapper = new ObjectMapper();
        private Clock clock = Clock.systemUTC();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;

        private Builder() {
        }

        /** Which API to call (default {@link HuggingFaceApi#ROUTER_CHAT}). */
        public Builder api(HuggingFaceApi value) {
            this.api = Objects.requireNonNull(value, "api");
            return this;
        }

        /**
         * The access token ({@code hf_...}, fine-grained with "Make calls to Inference Providers"), sent as
         * {@code Authorization: Bearer}; optional for a TGI server without auth.
         */
        public Builder token(String value) {
            Objects.requireNonNull(value, "token");
            if (value.isBlank()) throw new IllegalArgumentException("token must not be blank");
            this.token = value.strip();
            return this;
        }

        /**
         * The base URL (defaults: {@value #DEFAULT_ROUTER_URL} for the router, {@value #DEFAULT_TASKS_URL} for tasks; TGI
         * has none: its server's URL, with or without {@code /v1}).
         */
        public Builder baseUrl(String value) {
            Objects.requireNonNull(value, "baseUrl");
            HttpUrl url = HttpUrl.parse(value);
            if (url == null) throw new IllegalArgumentException("baseUrl must be an http(s) URL");
            this.baseUrl = value;
            return this;
        }

        /** The base URL as a URI. */
        public Builder baseUrl(URI value) {
            return baseUrl(Objects.requireNonNull(value, "baseUrl").toString());
        }

        /**
         * For the chat APIs: the model, such as {@code mistralai/Mistral-7B-Instruct-v0.2} or
         * {@code meta-llama/Llama-3.1-8B-Instruct:cerebras} (default {@value #DEFAULT_CHAT_MODEL}; TGI ignores it). For
         * {@link HuggingFaceApi#TASKS}: the zero-shot model (default {@value #DEFAULT_ZERO_SHOT_MODEL}).
         */
        public Builder model(String value) {
            Objects.requireNonNull(value, "model");
            if (value.isBlank()) throw new IllegalArgumentException("model must not be blank");
            this.chatModel = value.strip();
            if (TaskClient.isModelId(value.strip())) this.zeroShotModel = value.strip();
            return this;
        }

        /**
         * For {@link HuggingFaceApi#TASKS}: the zero-shot model and the sentiment model, or {@code null} for sentiment
         * from the rule classifier (defaults {@value #DEFAULT_ZERO_SHOT_MODEL}, {@value #DEFAULT_SENTIMENT_MODEL}).
         *
         * @throws IllegalArgumentException when a name is not a Hub model id ({@code owner/name})
         */
        public Builder taskModels(String zeroShot, @Nullable String sentiment) {
            Objects.requireNonNull(zeroShot, "zeroShot");
            if (!TaskClient.isModelId(zeroShot)) throw new IllegalArgumentException("zeroShot must be a Hub model id such as owner/name, was " + zeroShot);
            if (sentiment != null && !TaskClient.isModelId(sentiment)) {
                throw new IllegalArgumentException("sentiment must be a Hub model id such as owner/name, was " + sentiment);
            }
            this.zeroShotModel = zeroShot;
            this.sentimentModel = sentiment;
            return this;
        }

        /**
         * For {@link HuggingFaceApi#TASKS}: the hypothesis template (must contain {@code {}}; default
         * {@value #DEFAULT_HYPOTHESIS_TEMPLATE}) and candidate labels per request (1-50, default 10; more labels are
         * split over several requests scored independently).
         */
        public Builder zeroShot(String template, int labelsPerRequest) {
            Objects.requireNonNull(template, "template");
            if (!template.contains("{}")) throw new IllegalArgumentException("template must contain the placeholder {}");
            if (labelsPerRequest < 1 || labelsPerRequest > 50) throw new IllegalArgumentException("labelsPerRequest must be 1-50, was " + labelsPerRequest);
            this.hypothesisTemplate = template;
            this.candidatesPerRequest = labelsPerRequest;
            return this;
        }

        /** For {@link HuggingFaceApi#TASKS}: the longest total wait for a loading model (default 60 s; zero fails at once). */
        public Builder maxLoadingWait(Duration value) {
            Objects.requireNonNull(value, "maxLoadingWait");
            if (value.isNegative()) throw new IllegalArgumentException("maxLoadingWait must not be negative, was " + value);
            this.maxLoadingWait = value;
            return this;
        }

        /**
         * Requests in flight (default 16) and, for the chat APIs, tickets per request (default 1; the task APIs send one
         * ticket per request).
         *
         * @throws IllegalArgumentException outside {@link ClassifierLimits}' bounds
         */
        public Builder limits(int maxInFlight, int batchSize) {
            ClassifierLimits.remote(maxInFlight, batchSize);
            this.maxInFlight = maxInFlight;
            this.batchSize = batchSize;
            return this;
        }

        /** For the chat APIs: whether to send a JSON-schema response format (default true; off by itself when rejected). */
        public Builder structuredOutput(boolean value) {
            this.structuredOutput = value;
            return this;
        }

        /** Whether to redact e-mails, phone and card numbers and IBANs before sending (default true). */
        public Builder redactPii(boolean value) {
            this.redactPii = value;
            return this;
        }

        /** For the chat APIs: the price for cost estimates (default unknown: router prices differ per provider). */
        public Builder price(TokenPrice value) {
            this.price = Objects.requireNonNull(value, "price");
            return this;
        }

        /** The classifier name in provenance (default {@code huggingface}, {@code huggingface-tgi} or {@code huggingface-tasks}). */
        public Builder name(String value) {
            Objects.requireNonNull(value, "name");
            if (value.isBlank()) throw new IllegalArgumentException("name must not be blank");
            this.name = value;
            return this;
        }

        /** The host's client, to share its pools; derived with {@code newBuilder()}, never changed. */
        public Builder httpClient(OkHttpClient value) {
            this.httpClient = Objects.requireNonNull(value, "httpClient");
            return this;
        }

        /** The ObjectMapper for wire JSON (default a plain one). */
        public Builder objectMapper(ObjectMapper value) {
            this.objectMapper = Objects.requireNonNull(value, "objectMapper");
            return this;
        }

        /** The clock for latencies and Retry-After dates (default UTC system clock). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Connect, read and whole-call timeouts (defaults 10 s, 60 s, 120 s).
         *
         * @throws IllegalArgumentException when one is zero or negative
         */
        public Builder timeouts(Duration connect, Duration read, Duration call) {
            this.connectTimeout = positive(connect, "connect");
            this.readTimeout = positive(read, "read");
            this.callTimeout = positive(call, "call");
            return this;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isZero() || value.isNegative()) throw new IllegalArgumentException(name + " timeout must be positive, was " + value);
            return value;
        }

        /**
         * @throws IllegalStateException when {@link HuggingFaceApi#TGI_CHAT} has no base URL, or {@link HuggingFaceApi#TASKS}
         *                               a model that is not a Hub model id
         */
        public HuggingFaceClassifier build() {
            return new HuggingFaceClassifier(this);
        }

        @Override
        public String toString() {
            return "HuggingFaceClassifier.Builder[api=" + api + ", baseUrl=" + baseUrl + ", token=" + (token == null ? "none" : "****") + "]";
        }
    }
}
