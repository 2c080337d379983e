package dev.tickettriage.benchmarks.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fake OpenAI-compatible Chat Completions endpoint on loopback, light enough to measure a client against: the JDK's
 * {@link HttpServer} (TCP_NODELAY on), two threads that read and answer requests, and one scheduler thread that
 * writes each answer after the configured latency (no thread sleeps per request). Answers follow the wire format of
 * {@code CreateChatCompletionResponse}:
 *
 * <ul>
 *   <li>a ticket-triage request (it carries {@code <ticket_data>}) gets a valid answer for every ticket it holds
 *       (single or {@code {"results": [...]}} batch), the label picked from the taxonomy by the ticket text's hash;</li>
 *   <li>any other request (LangChain4j's AiServices prompt, a naive loop) gets the label's enum constant name
 *       (upper case, characters other than letters, digits and {@code _} dropped), or
 *       {@code {"value": NAME}} when it asked for a JSON schema.</li>
 * </ul>
 *
 * <p>Faults, each drawn per request: {@code serverErrorRate} answers HTTP 500 with an OpenAI error object;
 * {@code malformedRate} answers 200 with a preamble and truncated JSON instead of the answer; with
 * {@code requestsPerMinute > 0} a token bucket (one second's worth of burst) answers HTTP 429 with {@code
 * retry-after-ms} and {@code Retry-After} at once for requests above the limit. The server counts requests,
 * statuses, the peak in flight and the prompt characters it received (message contents plus the JSON schema), the
 * figures the harnesses print. Thread-safe.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    static {
        // without it the JDK server writes headers and body in two packets: Nagle + delayed ACK add ~40 ms
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TICKET_DATA_START = "<ticket_data>\n";
    private static final String TICKET_DATA_END = "\n</ticket_data>";

    /** What the server does. */
    public record Settings(int latencyMs, double serverErrorRate, double malformedRate, int requestsPerMinute, List<String> labels) {
        public Settings {
            labels = List.copyOf(labels);
            if (labels.isEmpty()) throw new IllegalArgumentException("labels must not be empty");
            if (latencyMs < 0 || serverErrorRate < 0 || malformedRate < 0 || requestsPerMinute < 0) {
                throw new IllegalArgumentException("settings must not be negative");
            }
        }

        public static Settings latency(int latencyMs, List<String> labels) {
            return new Settings(latencyMs, 0, 0, 0, labels);
        }

        public Settings withFaults(double serverErrors, double malformed) {
            return new Settings(latencyMs, serverErrors, malformed, requestsPerMinute, labels);
        }

        public Settings withRequestsPerMinute(int limit) {
            return new Settings(latencyMs, serverErrorRate, malformedRate, limit, labels);
        }
    }

    private final Settings settings;
    private final HttpServer server;
    private final ExecutorService readers;
    private final ScheduledExecutorService writer;
    private final RateBucket bucket;
    private final java.util.concurrent.ConcurrentMap<String, String> singleAnswers = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentMap<String, String> completions = new java.util.concurrent.ConcurrentHashMap<>();

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final LongAdder requests = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder ticketsInRequests = new LongAdder();
    private final LongAdder promptChars = new LongAdder();
    private final LongAdder systemChars = new LongAdder();

    private FakeOpenAiServer(Settings settings) throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.bucket = settings.requestsPerMinute() > 0 ? new RateBucket(settings.requestsPerMinute()) : null;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1_024);
        this.readers = Executors.newFixedThreadPool(2, daemon("fake-openai-read"));
        this.writer = Executors.newSingleThreadScheduledExecutor(daemon("fake-openai-write"));
        server.setExecutor(readers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on 127.0.0.1 with an ephemeral port. */
    public static FakeOpenAiServer start(Settings settings) throws IOException {
        return new FakeOpenAiServer(settings);
    }

    /** The base URL to configure a client with, ending in {@code /v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.increment();
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (bucket != null) {
            long waitNanos = bucket.tryTake();
            if (waitNanos > 0) {
                throttled.increment();
                long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos));
                exchange.getResponseHeaders().set("retry-after-ms", Long.toString(millis));
                exchange.getResponseHeaders().set("Retry-After", Long.toString(Math.max(1, (millis + 999) / 1000)));
                respond(exchange, 429, error("Rate limit reached for requests per min (RPM): Limit " + settings.requestsPerMinute()
                        + ". Please try again in " + millis + "ms.", "requests", "rate_limit_exceeded"));
                return;
            }
        }
        int status;
        String answer;
        double draw = ThreadLocalRandom.current().nextDouble();
        if (draw < settings.serverErrorRate()) {
            serverErrors.increment();
            status = 500;
            answer = error("The server had an error while processing your request.", "server_error", null);
        } else {
            status = 200;
            answer = answer(body, draw < settings.serverErrorRate() + settings.malformedRate());
        }
        if (settings.latencyMs() == 0) {
            respond(exchange, status, answer);
        } else {
            writer.schedule(() -> respond(exchange, status, answer), settings.latencyMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** The parts of a request the fake needs, read with the streaming parser (the schema is skipped, not built). */
    private record Prompt(String model, String user, long chars, long systemChars, String responseFormat) {
    }

    private static Prompt read(byte[] body) throws IOException {
        String model = "gpt-4o-mini";
        String user = "";
        String format = "";
        long chars = 0;
        long system = 0;
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) throw new IOException("request body is not a JSON object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("model".equals(field) && value == JsonToken.VALUE_STRING) {
                    model = parser.getText();
                } else if ("messages".equals(field) && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        String role = "";
                        String content = "";
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String key = parser.currentName();
                            JsonToken token = parser.nextToken();
                            if ("role".equals(key)) role = parser.getText();
                            else if ("content".equals(key) && token == JsonToken.VALUE_STRING) content = parser.getText();
                            else parser.skipChildren();
                        }
                        chars += content.length();
                        if (role.equals("system") || role.equals("developer")) system += content.length();
                        if (role.equals("user")) user = content;
                    }
                } else if ("response_format".equals(field) && value == JsonToken.START_OBJECT) {
                    int from = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    int to = (int) parser.currentTokenLocation().getByteOffset() + 1;
                    format = new String(body, from, to - from, StandardCharsets.UTF_8);
                    chars += format.length();
                } else {
                    parser.skipChildren();
                }
            }
        }
        return new Prompt(model, user, chars, system, format);
    }

    private String answer(byte[] requestBody, boolean malform) throws IOException {
        Prompt prompt = read(requestBody);
        promptChars.add(prompt.chars());
        systemChars.add(prompt.systemChars());
        String user = prompt.user();
        String content;
        int start = user.indexOf(TICKET_DATA_START);
        int end = user.lastIndexOf(TICKET_DATA_END);
        if (start >= 0 && end > start) {
            JsonNode data = JSON.readTree(user.substring(start + TICKET_DATA_START.length(), end));
            if (data.isArray()) {
                ObjectNode root = JSON.createObjectNode();
                ArrayNode results = root.putArray("results");
                for (JsonNode ticket : data) {
                    results.addObject().put("ticket_id", ticket.path("ticket_id").asText()).setAll(triage(label(ticket.path("body").asText())));
                }
                ticketsInRequests.add(data.size());
                content = root.toString();
            } else {
                ticketsInRequests.increment();
                content = singleAnswers.computeIfAbsent(label(data.path("body").asText()), label -> triage(label).toString());
            }
        } else {
            ticketsInRequests.increment();
            // a Java enum constant cannot hold BANKING77's "reverted_card_payment?": answer the name a user would declare
            String name = label(user).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "");
            content = prompt.responseFormat().contains("\"value\"") ? JSON.createObjectNode().put("value", name).toString() : name;
        }
        if (malform) {
            malformed.increment();
            content = "Sure! Here is the classification you asked for: {\"category\": ";
        } else {
            ok.increment();
        }
        if (content.length() < 2_048) return completions.computeIfAbsent(prompt.model() + '\u0000' + content, key -> completion(prompt.model(), key.substring(key.indexOf('\u0000') + 1)));
        return completion(prompt.model(), content);
    }

    private String label(String text) {
        return settings.labels().get(Math.floorMod(text.hashCode(), settings.labels().size()));
    }

    private static ObjectNode triage(String label) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("category", label).put("category_confidence", 0.9).put("sentiment", "NEUTRAL").put("sentiment_confidence", 0.8)
                .put("priority", "MEDIUM").put("priority_confidence", 0.7).put("language", "en")
                .put("summary", "Customer asks about " + label.replace('_', ' ')).put("suggested_reply", "Thanks, we are looking into it.");
        answer.putArray("key_topics").add(label);
        answer.putArray("action_items");
        answer.put("rationale", "Matches " + label);
        return answer;
    }

    private static String completion(String model, String content) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1_767_225_600L).put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content).putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        root.putObject("usage").put("prompt_tokens", 400).put("completion_tokens", 60).put("total_tokens", 460);
        return root.toString();
    }

    private static String error(String message, String type, String code) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error").put("message", message).put("type", type);
        error.putNull("param");
        if (code == null) error.putNull("code"); else error.put("code", code);
        return root.toString();
    }

    private void respond(HttpExchange exchange, int status, String body) {
        inFlight.decrementAndGet();   // before the answer leaves: the client may send its next request right after it
        try (exchange) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("x-request-id", "req_fake_" + requests.sum());
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the client closed the connection (timeout, shutdown): nothing to answer
        }
    }

    public long requests() { return requests.sum(); }

    public long okAnswers() { return ok.sum(); }

    public long serverErrors() { return serverErrors.sum(); }

    public long malformedAnswers() { return malformed.sum(); }

    public long throttled() { return throttled.sum(); }

    public int peakInFlight() { return peakInFlight.get(); }

    /** Tickets carried by the requests that got an answer (a batch counts its tickets). */
    public long ticketsInRequests() { return ticketsInRequests.sum(); }

    /** Characters of prompt the server received: message contents plus the output schema. */
    public long promptChars() { return promptChars.sum(); }

    /** Of {@link #promptChars()}, the characters in system/developer messages. */
    public long systemChars() { return systemChars.sum(); }

    @Override
    public void close() {
        server.stop(0);
        writer.shutdownNow();
        readers.shutdownNow();
    }

    /** Requests per minute as a token bucket refilled continuously, holding at most one second's worth (at least 1). */
    static final class RateBucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long last = System.nanoTime();

        RateBucket(int perMinute) {
            this.perNano = perMinute / 60e9;
            this.capacity = Math.max(1, perMinute / 60.0);
            this.tokens = capacity;
        }

        /** 0 when a request may pass (one token taken), else the nanoseconds until one token is there. */
        synchronized long tryTake() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }

    /** Request counts for a printout. */
    public String summary() {
        return String.format(Locale.ROOT, "requests %,d (200 %,d, malformed %,d, 500 %,d, 429 %,d), peak in flight %d",
                requests(), okAnswers(), malformedAnswers(), serverErrors(), throttled(), peakInFlight());
    }

    /** Counter for the in-flight requests in a window, for tests. */
    public long inFlightNow() {
        return inFlight.get();
    }
}
