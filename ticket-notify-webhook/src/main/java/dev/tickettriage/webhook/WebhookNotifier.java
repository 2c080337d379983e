package dev.tickettriage.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.Notifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import okhttp3.ConnectionPool;
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
 * A {@link Notifier} that POSTs each notification as JSON to one URL: the host's own endpoint, n8n, a Slack
 * (Mattermost, Rocket.Chat) incoming webhook with {@link WebhookFormat#SLACK}, or a Microsoft Teams incoming webhook
 * (Workflows) with {@link WebhookFormat#TEAMS}.
 *
 * <p><b>Request.</b> {@code POST <url>} with {@code Content-Type: application/json; charset=utf-8}, the body of the
 * chosen {@link WebhookFormat}, {@code Idempotency-Key} (the notification's key, so the receiver can drop the repeats
 * an at-least-once dispatcher sends), and, when a signing secret is set, {@value WebhookSignature#TIMESTAMP_HEADER}
 * and {@value WebhookSignature#SIGNATURE_HEADER} as described in {@link WebhookSignature}. Redirects are not
 * followed. Extra fixed headers (for example a receiver's API key) are added with {@link Builder#header}.
 *
 * <p><b>Failures</b> are returned, never thrown, with the same table as the ntfy notifier: 2xx delivered; 408, 425,
 * 429 and 5xx retryable honouring {@code Retry-After} (delta-seconds or HTTP-date); other statuses permanent quoting
 * the receiver's error (cut to 200 characters); I/O errors and timeouts retryable.
 *
 * <p>Thread-safe. The URL is shown as scheme and host only (Slack and Teams webhook URLs are secrets), header values
 * and the signing secret never appear in logs, results or {@link #toString()}. {@link #close()} releases the HTTP
 * client only if this notifier created it.
 */
public final class WebhookNotifier implements Notifier, AutoCloseable {

    /** Slack shows at most 3,000 characters in a section block; longer messages are cut with an ellipsis. */
    public static final int SLACK_SECTION_LIMIT = 3_000;
    /** Teams messages must stay under about 28 KB; the message text of a {@link WebhookFormat#TEAMS} card is cut to this many characters. */
    public static final int TEAMS_TEXT_LIMIT = 4_000;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");
    private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "idempotency-key",
            WebhookSignature.TIMESTAMP_HEADER.toLowerCase(java.util.Locale.ROOT), WebhookSignature.SIGNATURE_HEADER.toLowerCase(java.util.Locale.ROOT));
    private static final int MAX_ERROR_BODY = 16 * 1024;

    private final HttpUrl url;
    private final String shownUrl;
    private final WebhookFormat format;
    private final @Nullable String secret;
    private final Map<String, String> headers;
    private final OkHttpClient client;
    private final boolean ownsClient;
    private final Clock clock;
    private final ObjectMapper json = JsonMapper.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    private WebhookNotifier(Builder builder) {
        this.url = builder.url;
        this.shownUrl = url.scheme() + "://" + url.host() + (url.port() == HttpUrl.defaultPort(url.scheme()) ? "" : ":" + url.port()) + "/****";
        this.format = builder.format;
        this.secret = builder.secret;
        this.headers = Map.copyOf(builder.headers);
        if (builder.httpClient != null) {
            this.client = builder.httpClient.newBuilder().followRedirects(false).build();   // derived, the host's stays as it is
            this.ownsClient = false;
        } else {
            this.client = new OkHttpClient.Builder()
                    .connectTimeout(10, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS).writeTimeout(30, TimeUnit.SECONDS)
                    .callTimeout(60, TimeUnit.SECONDS).connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
                    .followRedirects(false).build();
            this.ownsClient = true;
        }
        this.clock = builder.clock;
    }

    /**
     * A builder posting to {@code url}. Not thread-safe.
     *
     * @throws IllegalArgumentException unless {@code url} is an absolute http(s) URL without user info
     */
    public static Builder builder(URI url) {
        return new Builder(url);
    }

    @Override
    public DeliveryResult deliver(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        Instant now = clock.instant();
        byte[] body = switch (format) {
            case SLACK -> slack(notification);
            case TEAMS -> teams(notification);
            case JSON -> payload(notification, now);
        };
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON))
                .header("User-Agent", "ticket-triage-webhook")
                .header("Idempotency-Key", headerSafeKey(notification.idempotencyKey()));
        for (Map.Entry<String, String> header : headers.entrySet()) request.header(header.getKey(), header.getValue());
        if (secret != null) {
            long timestamp = now.getEpochSecond();
            request.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body));
        }
        try (Response response = client.newCall(request.build()).execute()) {
            String answer = response.isSuccessful() ? "" : response.peekBody(MAX_ERROR_BODY).string();
            DeliveryResult result = HttpOutcomes.forStatus(response.code(), response.header("Retry-After"), answer, clock, json);
            LOG.debug("Webhook {} answered HTTP {} for notification {}", shownUrl, response.code(), notification.idempotencyKey());
            return result;
        } catch (IOException e) {
            LOG.debug("Webhook {} request for notification {} failed with {}", shownUrl, notification.idempotencyKey(), e.getClass().getName());
            return HttpOutcomes.forIoFailure(e);
        }
    }

    @Override
    public String name() {
        return "webhook";
    }

    /** Releases the HTTP client's threads and connections if this notifier created the client. */
    @Override
    public void close() {
        if (ownsClient) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    /** The {@link WebhookFormat#JSON} body. */
    byte[] payload(Notification notification, Instant sentAt) {
        ObjectNode root = json.createObjectNode();
        root.put("type", "notification");
        root.put("idempotencyKey", notification.idempotencyKey());
        root.put("target", notification.target());
        root.put("title", notification.title());
        root.put("message", notification.message());
        root.put("priority", notification.priority().name());
        ArrayNode tags = root.putArray("tags");
        notification.tags().forEach(tags::add);
        notification.linkUri().ifPresent(link -> root.put("link", link.toString()));
        root.putObject("ticket").put("id", notification.ticketId().value().toString());
        root.put("sentAt", sentAt.toString());
        return write(root, notification);
    }

    /** The {@link WebhookFormat#SLACK} body. */
    byte[] slack(Notification notification) {
        String title = slackEscape(notification.title().replaceAll("[\\r\\n]+", " "));
        String message = slackEscape(notification.message());
        String section = "*" + title + "*" + (message.isBlank() ? "" : "\n" + message);
        if (section.length() > SLACK_SECTION_LIMIT) {
            int end = SLACK_SECTION_LIMIT - 1;
            if (Character.isHighSurrogate(section.charAt(end - 1))) end--;
            section = section.substring(0, end) + "…";
        }
        String context = "Priority " + notification.priority().name()
                + notification.linkUri().map(link -> " · <" + slackEscape(link.toString()) + "|Open ticket>").orElse("");
        ObjectNode root = json.createObjectNode();
        root.put("text", title + (message.isBlank() ? "" : ": " + cutChars(message, 1_000)));
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode sectionBlock = blocks.addObject();
        sectionBlock.put("type", "section");
        sectionBlock.putObject("text").put("type", "mrkdwn").put("text", section);
        ObjectNode contextBlock = blocks.addObject();
        contextBlock.put("type", "context");
        contextBlock.putArray("elements").addObject().put("type", "mrkdwn").put("text", context);
        return write(root, notification);
    }

    /** The {@link WebhookFormat#TEAMS} body: a message with one Adaptive Card. */
    byte[] teams(Notification notification) {
        ObjectNode card = json.createObjectNode();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        ObjectNode titleRun = textRuns(body.addObject()).addObject();
        titleRun.put("type", "TextRun").put("text", notification.title().replaceAll("[\\r\\n]+", " ")).put("weight", "Bolder").put("size", "Medium");
        if (!notification.message().isBlank()) {
            textRuns(body.addObject()).addObject().put("type", "TextRun").put("text", cutChars(notification.message(), TEAMS_TEXT_LIMIT));
        }
        ObjectNode facts = body.addObject();
        facts.put("type", "FactSet");
        ArrayNode factList = facts.putArray("facts");
        factList.addObject().put("title", "Priority").put("value", notification.priority().name());
        factList.addObject().put("title", "Ticket").put("value", notification.ticketId().value().toString());
        notification.linkUri().ifPresent(link -> card.putArray("actions").addObject()
                .put("type", "Action.OpenUrl").put("title", "Open ticket").put("url", link.toString()));
        ObjectNode root = json.createObjectNode();
        root.put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        attachment.set("content", card);
        return write(root, notification);
    }

    private static ArrayNode textRuns(ObjectNode block) {
        block.put("type", "RichTextBlock");
        return block.putArray("inlines");
    }

    /** Slack's three control characters, so ticket text cannot form links or {@code <!channel>} mentions. */
    static String slackEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cutChars(String text, int max) {
        if (text.length() <= max) return text;
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + "…";
    }

    private byte[] write(ObjectNode root, Notification notification) {
        try {
            return json.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write the webhook JSON for " + notification.idempotencyKey(), e);
        }
    }

    private static String headerSafeKey(String idempotencyKey) {
        if (idempotencyKey.length() <= 200 && PRINTABLE_ASCII.matcher(idempotencyKey).matches()) return idempotencyKey;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "tt-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookNotifier[url=" + shownUrl + ", format=" + format + ", signed=" + (secret != null)
                + (headers.isEmpty() ? "" : ", headers=" + headers.keySet() + "=****") + "]";
    }

    /** Builds a {@link WebhookNotifier}; every setter checks its argument at once. Not thread-safe. */
    public static final class Builder {

        private final HttpUrl url;
        private WebhookFormat format = WebhookFormat.JSON;
        private @Nullable String secret;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private @Nullable OkHttpClient httpClient;
        private Clock clock = Clock.systemUTC();

        private Builder(URI target) {
            Objects.requireNonNull(target, "url");
            String scheme = target.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || target.getHost() == null) {
                throw new IllegalArgumentException("url must be an absolute http or https URL");
            }
            if (target.getRawUserInfo() != null) throw new IllegalArgumentException("url must not carry user info (use header(...))");
            this.url = HttpUrl.get(target.toString());
        }

        /** The body format (default {@link WebhookFormat#JSON}). */
        public Builder format(WebhookFormat bodyFormat) {
            this.format = Objects.requireNonNull(bodyFormat, "format");
            return this;
        }

        /**
         * Signs every request with this shared secret (see {@link WebhookSignature}); default: unsigned (Slack and
         * Teams ignore signatures; the host's own endpoint should insist on one).
         *
         * @throws IllegalArgumentException when the secret is shorter than 16 characters
         */
        public Builder signingSecret(String sharedSecret) {
            Objects.requireNonNull(sharedSecret, "signingSecret");
            if (sharedSecret.length() < 16) throw new IllegalArgumentException("signingSecret must have at least 16 characters");
            this.secret = sharedSecret;
            return this;
        }

        /**
         * One more fixed request header, for example the receiver's API key (masked in {@link #toString()}).
         *
         * @throws IllegalArgumentException when the name is not a header token or is one the notifier sets itself,
         *                                  or the value is not printable ASCII
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (!HEADER_NAME.matcher(name).matches()) throw new IllegalArgumentException("header name is not a valid token: '" + name + "'");
            if (RESERVED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("header " + name + " is set by the notifier itself");
            }
            if (!value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) throw new IllegalArgumentException("header " + name + " must be printable ASCII");
            headers.put(name, value);
            return this;
        }

        /** The host's OkHttp client (default: an own client, 10 s connect, 30 s read/write, 60 s per call); never changed. */
        public Builder httpClient(OkHttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        /** The clock for timestamps, {@code sentAt} and {@code Retry-After} dates (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The notifier. */
        public WebhookNotifier build() {
            return new WebhookNotifier(this);
        }

        @Override
        public String toString() {
            return "WebhookNotifier.Builder[url=" + url.scheme() + "://" + url.host() + "/****, format=" + format + ", signed=" + (secret != null) + "]";
        }
    }
}
