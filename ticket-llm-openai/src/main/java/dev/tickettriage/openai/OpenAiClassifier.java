package dev.tickettriage.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.llm.LlmClassifier;
import dev.tickettriage.llm.LlmTransport;
import dev.tickettriage.llm.TokenPrice;
import dev.tickettriage.openai.internal.ChatCompletionsApi;
import dev.tickettriage.openai.internal.OpenAiTransport;
import dev.tickettriage.openai.internal.RequestLimiter;
import dev.tickettriage.openai.internal.ResponsesApi;
import dev.tickettriage.openai.internal.WireApi;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Executor;
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
 * Classifies tickets with OpenAI Chat Completions, or with any OpenAI-compatible server (vLLM, Ollama, llama.cpp
 * server, LM Studio, OpenRouter, Groq, the HuggingFace router) at {@link Builder#baseUrl(String)}.
 *
 * <p>Each request carries the static prompt first and the ticket last as data, strict {@code json_schema} structured
 * output generated from the taxonomy, temperature 0, an optional seed and {@code logprobs} (category confidence from
 * the label's token probability when returned). Answers are parsed and validated by the shared
 * {@link LlmClassifier} logic (one repair attempt, batch fallback, PII redaction on by default); tokens and the
 * estimated cost are recorded in each classification's provenance.
 *
 * <p>Failures: HTTP 429 (not {@code insufficient_quota}) is a {@link dev.tickettriage.error.RateLimitedException}
 * (until Retry-After or {@code x-ratelimit-reset-*}; the pipeline pauses this classifier without spending attempts);
 * 408/409/5xx, timeouts and I/O errors are retryable {@link OpenAiException}s honouring Retry-After; 400/401/403/404,
 * 402 and {@code insufficient_quota} are permanent. A server that rejects {@code response_format} or {@code logprobs}
 * with a 400 naming them is asked once more without them, and they stay off. Calls run on OkHttp's
 * {@code enqueue} (no thread per call), at most {@link ClassifierLimits#maxInFlight()} at once.
 *
 * <p>Immutable and thread-safe; the API key never appears in logs, exceptions or {@link #toString()}. {@link #close()}
 * stops the dispatcher threads this classifier created (a host's OkHttpClient is never changed: its settings are
 * derived with {@code newBuilder()}).
 */
public final class OpenAiClassifier implements Classifier, AutoCloseable {

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final OpenAiModel DEFAULT_MODEL = OpenAiModel.GPT_4O_MINI;
    public static final String DEFAULT_NAME = "openai";
    /** 64 requests in flight, one ticket per request: the most robust with unknown compatible servers. */
    public static final ClassifierLimits DEFAULT_LIMITS = ClassifierLimits.remote(64, 1);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(120);
    /** Output tokens allowed per ticket of a request (plus 256 per request). */
    public static final int DEFAULT_MAX_OUTPUT_TOKENS_PER_TICKET = 1_024;

    private final LlmClassifier delegate;
    private final OpenAiTransport transport;
    private final OkHttpClient client;
    private final RequestLimiter limiter;
    private final @Nullable TokenPrice price;
    private final java.util.function.BiFunction<LlmTransport, @Nullable TokenPrice, LlmClassifier> llmClassifiers;
    private final HttpUrl baseUrl;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final ExecutorService dispatcherThreads;
    private final ScheduledExecutorService timer;
    private final String description;

    private OpenAiClassifier(Builder builder) {
        if (builder.api == OpenAiApi.RESPONSES && builder.dialect != ChatDialect.OPENAI) {
            throw new IllegalStateException("dialect " + builder.dialect + " applies to Chat Completions only");
        }
        WireApi api = builder.api == OpenAiApi.RESPONSES ? new ResponsesApi(builder.objectMapper)
                : new ChatCompletionsApi(builder.objectMapper, builder.dialect);
        HttpUrl url = endpoint(builder, api);
        ClassifierLimits limits = ClassifierLimits.remote(builder.maxInFlight, builder.batchSize);
        this.dispatcherThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemonThreads(builder.name, "http"));
        ScheduledThreadPoolExecutor limiterTimer = new ScheduledThreadPoolExecutor(1, daemonThreads(builder.name, "limiter"));
        limiterTimer.setRemoveOnCancelPolicy(true);
        this.timer = limiterTimer;
        Dispatcher dispatcher = new Dispatcher(dispatcherThreads);
        dispatcher.setMaxRequests(limits.maxInFlight());
        dispatcher.setMaxRequestsPerHost(limits.maxInFlight());   // OkHttp's default is 5 per host
        OkHttpClient.Builder http = builder.httpClient == null
                ? new OkHttpClient.Builder().connectionPool(new ConnectionPool(Math.min(limits.maxInFlight(), 256), 5, TimeUnit.MINUTES))
                : builder.httpClient.newBuilder();
        this.client = http.dispatcher(dispatcher)
                .connectTimeout(builder.connectTimeout).readTimeout(builder.readTimeout).callTimeout(builder.callTimeout)
                .build();
        String model = builder.model;
        this.limiter = new RequestLimiter(new RequestLimiter.Limits(limits.maxInFlight(), builder.requestsPerMinute, builder.tokensPerMinute),
                timer, System::nanoTime);
        OpenAiTransport.Settings settings = new OpenAiTransport.Settings(builder.providerName, url, api, model, builder.apiKey,
                builder.azure ? OpenAiTransport.Auth.API_KEY_HEADER : OpenAiTransport.Auth.BEARER, builder.organization, builder.project,
                builder.seed, builder.logprobs, builder.structuredOutput, builder.maxOutputTokensPerTicket);
        this.transport = new OpenAiTransport(client, settings, limiter, builder.clock);
        TokenPrice price = builder.price != null ? builder.price : OpenAiModel.fromId(model).map(OpenAiModel::price).orElse(null);
        String name = builder.name;
        boolean redactPii = builder.redactPii;
        Clock clock = builder.clock;
        this.llmClassifiers = (LlmTransport over, @Nullable TokenPrice cost) -> {
            LlmClassifier.Builder llm = LlmClassifier.builder(over).name(name).model(model).limits(limits).redactPii(redactPii).clock(clock);
            if (cost != null) llm.price(cost);
            return llm.build();
        };
        this.price = price;
        this.delegate = llmClassifiers.apply(transport, price);
        this.baseUrl = baseUrl(builder);
        this.objectMapper = builder.objectMapper;
        this.clock = builder.clock;
        this.description = "OpenAiClassifier[name=" + builder.name + ", provider=" + builder.providerName + ", api=" + builder.api + ", url=" + url + ", model=" + model + ", apiKey="
                + (builder.apiKey == null ? "none" : "****") + ", limits=" + limits + ", requestsPerMinute=" + builder.requestsPerMinute
                + ", tokensPerMinute=" + builder.tokensPerMinute + ", redactPii=" + builder.redactPii + "]";
    }

    private static HttpUrl baseUrl(Builder builder) {
        HttpUrl base = HttpUrl.get(builder.baseUrl);
        List<String> segments = base.pathSegments();
        return !segments.isEmpty() && segments.get(segments.size() - 1).isEmpty() ? base.newBuilder().removePathSegment(segments.size() - 1).build() : base;
    }

    /**
     * The Batch API over this classifier's settings (key, client, model, wire API, prompt, validation), for
     * re-classifying a backlog at about half the price; costs are recorded at half the price.
     *
     * @throws UnsupportedOperationException for Azure deployments (Azure's global batch uses other routes)
     */
    public OpenAiBatch batch() {
        if (transport.settings().auth() == OpenAiTransport.Auth.API_KEY_HEADER) {
            throw new UnsupportedOperationException("the Batch API is not supported for Azure deployments");
        }
        TokenPrice discounted = price == null ? null
                : new TokenPrice(price.inputPerMillion().divide(java.math.BigDecimal.valueOf(2)), price.outputPerMillion().divide(java.math.BigDecimal.valueOf(2)));
        return new OpenAiBatch(transport, client, baseUrl, objectMapper, over -> llmClassifiers.apply(over, discounted), clock);
    }

    /** {@code base/chat/completions} or {@code base/responses}; Azure: {@code endpoint/openai/deployments/NAME/...?api-version=V}. */
    private static HttpUrl endpoint(Builder builder, WireApi api) {
        HttpUrl base = HttpUrl.parse(builder.baseUrl);
        if (base == null || !(base.scheme().equals("http") || base.scheme().equals("https"))) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL");
        }
        HttpUrl.Builder url = base.newBuilder();
        List<String> segments = base.pathSegments();
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) url.removePathSegment(segments.size() - 1);
        if (builder.azure) {
            url.addPathSegment("openai").addPathSegment("deployments").addPathSegment(builder.azureDeployment);
            url.addPathSegments(api.path());
            return url.addQueryParameter("api-version", builder.azureApiVersion).build();
        }
        return url.addPathSegments(api.path()).build();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name, String role) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "ticket-triage-" + name + "-" + role + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A builder with the defaults: OpenAI's base URL, {@link #DEFAULT_MODEL}, {@link #DEFAULT_LIMITS}, no API key. */
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

    /** Sends the requests with OkHttp {@code enqueue} and never blocks; {@code executor} is not used. */
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

    /** Whether requests still carry strict {@code json_schema} output (false once the server rejected it). */
    public boolean sendsStructuredOutput() {
        return transport.sendsStructuredOutput();
    }

    /** Whether requests still ask for {@code logprobs} (false once the server rejected them). */
    public boolean sendsLogprobs() {
        return transport.sendsLogprobs();
    }

    /** Stops this classifier's HTTP dispatcher threads; calls still running are abandoned. Idempotent. */
    @Override
    public void close() {
        dispatcherThreads.shutdownNow();
        timer.shutdownNow();
    }

    @Override
    public String toString() {
        return description;
    }

    /** Builds an {@link OpenAiClassifier}; not thread-safe. {@code toString()} masks the API key. */
    public static final class Builder {
        private @Nullable String apiKey;
        private String baseUrl = DEFAULT_BASE_URL;
        private String model = DEFAULT_MODEL.id();
        private @Nullable String organization;
        private @Nullable String project;
        private @Nullable OkHttpClient httpClient;
        private ObjectMapper objectMapper = new ObjectMapper();
        private Clock clock = Clock.systemUTC();
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private int maxInFlight = DEFAULT_LIMITS.maxInFlight();
        private int batchSize = DEFAULT_LIMITS.preferredBatchSize();
        private @Nullable Long seed;
        private boolean logprobs = true;
        private boolean structuredOutput = true;
        private boolean redactPii = true;
        private @Nullable TokenPrice price;
        private String name = DEFAULT_NAME;
        private String providerName = "OpenAI";
        private int maxOutputTokensPerTicket = DEFAULT_MAX_OUTPUT_TOKENS_PER_TICKET;
        private OpenAiApi api = OpenAiApi.CHAT_COMPLETIONS;
        private ChatDialect dialect = ChatDialect.OPENAI;
        private int requestsPerMinute;
        private long tokensPerMinute;
        private boolean azure;
        private String azureDeployment = "";
        private String azureApiVersion = "";

        private Builder() {
        }

        /** The API key, sent as {@code Authorization: Bearer}; optional (local OpenAI-compatible servers need none). */
        public Builder apiKey(String value) {
            Objects.requireNonNull(value, "apiKey");
            if (value.isBlank()) throw new IllegalArgumentException("apiKey must not be blank");
            this.apiKey = value.strip();
            return this;
        }

        /** The API base URL (default {@value #DEFAULT_BASE_URL}), for example {@code http://localhost:11434/v1} for Ollama. */
        public Builder baseUrl(String value) {
            Objects.requireNonNull(value, "baseUrl");
            if (HttpUrl.parse(value) == null) throw new IllegalArgumentException("baseUrl must be an http(s) URL");
            this.baseUrl = value;
            return this;
        }

        /** The API base URL as a URI. */
        public Builder baseUrl(URI value) {
            return baseUrl(Objects.requireNonNull(value, "baseUrl").toString());
        }

        /** A known OpenAI model (default {@link #DEFAULT_MODEL}); also sets the default price. */
        public Builder model(OpenAiModel value) {
            this.model = Objects.requireNonNull(value, "model").id();
            return this;
        }

        /** Any model name the server knows, such as {@code llama3.1:8b} or {@code mistralai/Mistral-7B-Instruct-v0.2}. */
        public Builder model(String value) {
            Objects.requireNonNull(value, "model");
            if (value.isBlank()) throw new IllegalArgumentException("model must not be blank");
            this.model = value.strip();
            return this;
        }

        /** Sent as {@code OpenAI-Organization} (default none). */
        public Builder organization(String value) {
            this.organization = Objects.requireNonNull(value, "organization");
            return this;
        }

        /** Sent as {@code OpenAI-Project} (default none). */
        public Builder project(String value) {
            this.project = Objects.requireNonNull(value, "project");
            return this;
        }

        /** The host's client, to share its connection pool and settings; derived with {@code newBuilder()}, never changed. */
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
         * Requests in flight at once (default 64) and tickets per request (default 1), declared through
         * {@link OpenAiClassifier#limits()} so the pipeline drives the classifier at that speed.
         *
         * @throws IllegalArgumentException outside {@link ClassifierLimits}' bounds
         */
        public Builder limits(int maxInFlight, int batchSize) {
            ClassifierLimits.remote(maxInFlight, batchSize);
            this.maxInFlight = maxInFlight;
            this.batchSize = batchSize;
            return this;
        }

        /** A seed for best-effort reproducible sampling (default none). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Protocol features: {@code logprobs} (default true) and strict {@code json_schema} structured output (default
         * true). Turn off what a compatible server does not support; a 400 naming them turns them off anyway.
         */
        public Builder features(boolean logprobs, boolean structuredOutput) {
            this.logprobs = logprobs;
            this.structuredOutput = structuredOutput;
            return this;
        }

        /** Whether to redact e-mails, phone and card numbers and IBANs before sending (default true). */
        public Builder redactPii(boolean value) {
            this.redactPii = value;
            return this;
        }

        /** The price for cost estimates (default: {@link OpenAiModel}'s list price for known models, else unknown). */
        public Builder price(TokenPrice value) {
            this.price = Objects.requireNonNull(value, "price");
            return this;
        }

        /** The classifier name in provenance (default {@value #DEFAULT_NAME}) and the provider name in messages (default OpenAI). */
        public Builder name(String classifierName, String provider) {
            Objects.requireNonNull(classifierName, "classifierName");
            Objects.requireNonNull(provider, "provider");
            if (classifierName.isBlank() || provider.isBlank()) throw new IllegalArgumentException("names must not be blank");
            this.name = classifierName;
            this.providerName = provider;
            return this;
        }

        /** Output tokens allowed per ticket (default {@value #DEFAULT_MAX_OUTPUT_TOKENS_PER_TICKET}); 0 sends no limit. */
        public Builder maxOutputTokensPerTicket(int value) {
            if (value < 0) throw new IllegalArgumentException("maxOutputTokensPerTicket must be >= 0, was " + value);
            this.maxOutputTokensPerTicket = value;
            return this;
        }

        /** The wire API (default {@link OpenAiApi#CHAT_COMPLETIONS}, what compatible servers speak). */
        public Builder api(OpenAiApi value) {
            this.api = Objects.requireNonNull(value, "api");
            return this;
        }

        /**
         * A client-side limit of requests per minute (default none), spread evenly: at most one second's worth goes
         * in a burst, the rest waits (without a thread) until the limit allows it. Set it at or slightly below the
         * account's limit to avoid 429s altogether.
         */
        public Builder requestsPerMinute(int value) {
            if (value < 0) throw new IllegalArgumentException("requestsPerMinute must be >= 0 (0 = no limit), was " + value);
            this.requestsPerMinute = value;
            return this;
        }

        /**
         * A client-side limit of tokens per minute (default none): each request is estimated before it is sent (its
         * characters / 4 plus 200 output tokens per ticket) and the estimate is corrected with the usage the answer
         * reports. At most one second's worth goes in a burst.
         */
        public Builder tokensPerMinute(long value) {
            if (value < 0) throw new IllegalArgumentException("tokensPerMinute must be >= 0 (0 = no limit), was " + value);
            this.tokensPerMinute = value;
            return this;
        }

        /**
         * Azure OpenAI's deployment API: requests go to {@code endpoint/openai/deployments/DEPLOYMENT/chat/completions}
         * (or {@code /responses}) {@code ?api-version=VERSION}, the key in the {@code api-key} header, the deployment
         * name also as the model unless {@link #model(String)} says otherwise. For Azure's v1 API
         * ({@code https://RESOURCE.openai.azure.com/openai/v1/}, no api-version, bearer key) use {@link
         * #baseUrl(String)} and {@link #model(String)} with the deployment name instead.
         *
         * @param endpoint   the resource endpoint, such as {@code https://my-resource.openai.azure.com}
         * @param deployment the deployment name
         * @param apiVersion the dated API version, such as {@code 2024-10-21}
         */
        public Builder azure(String endpoint, String deployment, String apiVersion) {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(apiVersion, "apiVersion");
            if (deployment.isBlank() || apiVersion.isBlank()) throw new IllegalArgumentException("deployment and apiVersion must not be blank");
            baseUrl(endpoint);
            this.azure = true;
            this.azureDeployment = deployment.strip();
            this.azureApiVersion = apiVersion.strip();
            if (model.equals(DEFAULT_MODEL.id())) this.model = azureDeployment;
            if (DEFAULT_NAME.equals(name)) this.providerName = "Azure OpenAI";
            return this;
        }

        /**
         * The Chat Completions flavour the server speaks (default {@link ChatDialect#OPENAI}): the output token limit's
         * name and the {@code response_format} shape, for example {@link ChatDialect#TGI} for Text Generation Inference.
         * Chat Completions only.
         */
        public Builder dialect(ChatDialect value) {
            this.dialect = Objects.requireNonNull(value, "dialect");
            return this;
        }

        /**
         * @throws IllegalStateException when a {@link ChatDialect} other than OPENAI is combined with {@link OpenAiApi#RESPONSES}
         */
        public OpenAiClassifier build() {
            return new OpenAiClassifier(this);
        }

        @Override
        public String toString() {
            return "OpenAiClassifier.Builder[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey == null ? "none" : "****") + "]";
        }
    }
}
