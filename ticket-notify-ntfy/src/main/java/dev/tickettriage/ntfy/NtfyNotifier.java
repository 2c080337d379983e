package dev.tickettriage.ntfy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.Priority;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * A {@link Notifier} that publishes each notification to an ntfy topic, so support leads get it on their phones.
 *
 * <p><b>Wire format</b> ({@link Builder#publishForm(PublishForm)}). {@link PublishForm#JSON} (default): one
 * {@code POST {server}/} with a UTF-8 JSON body (ntfy's "publish as JSON" form, which keeps accents and emoji intact
 * without header encoding): {@code topic}, {@code title}, {@code message}, {@code priority} (1-5,
 * {@link NtfyPriority#of(Priority)} by default), {@code tags}, {@code click} (the ticket in the host app),
 * {@code actions} (at most three {@link NtfyAction}s), and when configured {@code markdown}, {@code icon},
 * {@code email} and {@code delay}. {@link PublishForm#HEADERS}: {@code POST {server}/{topic}} with the message as a
 * {@code text/plain; charset=utf-8} body and the same fields as {@code X-Title}, {@code X-Priority}, {@code X-Tags},
 * {@code X-Click}, {@code X-Actions} (the JSON array), {@code X-Markdown}, {@code X-Icon}, {@code X-Email},
 * {@code X-Delay} headers; a header value with any character outside printable ASCII is sent as RFC 2047 encoded
 * words ({@code =?UTF-8?B?…?=}, at most 75 characters each), which ntfy decodes. Authentication is
 * {@code Authorization: Bearer <token>} or {@code Basic}.
 *
 * <p><b>Idempotency.</b> Every message carries the header {@code Idempotency-Key} and, per
 * {@link Builder#sequenceIds(SequenceIds)}, a sequence id ({@code sequence_id} field or {@code X-Sequence-ID}
 * header) derived from the notification's idempotency key (the key itself when it matches
 * {@code [-_A-Za-z0-9]{1,64}}, else {@code tt-} and 43 characters of its SHA-256 in URL-safe base64). ntfy servers
 * from v2.16 replace the earlier notification with the same sequence id, so a re-sent alert updates instead of piling
 * up; older servers ignore it and show the alert twice. ntfy has no server-side dedupe of publishes and no version
 * endpoint: with {@link SequenceIds#AUTO} (default) the notifier reads the answer to its first accepted publish,
 * which servers from v2.16 echo with {@code sequence_id}, and stops sending sequence ids (logged once at INFO) when
 * the server did not echo it.
 *
 * <p><b>Size.</b> A message longer than {@link Builder#messageLimitBytes(int)} UTF-8 bytes (ntfy's default 4,096;
 * beyond it ntfy turns the message into an attachment or refuses it) is cut at a character boundary and ends with
 * {@code …} and the click URL; the whole JSON body stays within twice that limit (ntfy's JSON limit). Titles are cut
 * to {@value #MAX_TITLE_LENGTH} characters. Nothing is rejected for its length.
 *
 * <p><b>Failures</b> are returned, never thrown: 2xx delivered; 408, 429 and 5xx retryable (honouring
 * {@code Retry-After} in both forms); 400, 401, 403, 404, 413 and other answers permanent, with ntfy's error code
 * and message (cut to 200 characters); I/O errors and timeouts retryable. Redirects are not followed (OkHttp would
 * turn a redirected POST into a GET and report success).
 *
 * <p>Thread-safe. Secrets never appear in logs, results or {@link #toString()} ({@code auth=Bearer ****}); the topic
 * is shown abbreviated, because on public ntfy.sh a topic name is effectively a password. {@link #close()} releases
 * the HTTP client only if this notifier created it.
 */
public final class NtfyNotifier implements Notifier, AutoCloseable {

    /** The public ntfy server, the default. */
    public static final URI DEFAULT_SERVER = URI.create("https://ntfy.sh");
    /** ntfy's default message size limit in bytes ({@code message-size-limit}). */
    public static final int DEFAULT_MESSAGE_LIMIT_BYTES = 4_096;
    /** Titles are cut to this many characters. */
    public static final int MAX_TITLE_LENGTH = 250;
    /** ntfy shows at most this many action buttons. */
    public static final int MAX_ACTIONS = 3;
    /** The shortest delay ntfy accepts. */
    public static final Duration MIN_DELAY = Duration.ofSeconds(10);
    /** The longest delay ntfy accepts by default. */
    public static final Duration MAX_DELAY = Duration.ofDays(3);
    /** ntfy's topic rule: letters, digits, {@code -} and {@code _}, 1 to 64 characters. */
    public static final Pattern TOPIC_NAME = Pattern.compile("[-_A-Za-z0-9]{1,64}");
    /** Topic names ntfy reserves for its own pages (it answers 400, code 40010). */
    public static final Set<String> RESERVED_TOPICS = Set.of("docs", "static", "file", "app", "metrics", "account",
            "settings", "signup", "login", "v1");

    /** How a notification is put on the wire (see the class documentation). */
    public enum PublishForm {
        /** One JSON body to the server's root URL (default): every value travels as UTF-8 JSON. */
        JSON,
        /** The message as a plain-text body to {@code {server}/{topic}}, the other fields as headers (RFC 2047 when needed). */
        HEADERS
    }

    /** Whether publishes carry an ntfy sequence id (understood by ntfy servers from v2.16). */
    public enum SequenceIds {
        /** Sent until the server's first accepted publish shows it ignores them (no {@code sequence_id} echoed); default. */
        AUTO,
        /** Always sent (a server older than v2.16 ignores them). */
        ALWAYS,
        /** Never sent: a re-sent alert shows as a new notification. */
        NEVER
    }

    /**
     * The default tags: an emoji short code for the priority ({@code rotating_light} for URGENT, {@code warning} for
     * HIGH, none below), then the notification's own tags.
     */
    public static final Function<Notification, List<String>> DEFAULT_TAGS = notification -> {
        List<String> tags = new ArrayList<>();
        if (notification.priority() == Priority.URGENT) tags.add("rotating_light");
        else if (notification.priority() == Priority.HIGH) tags.add("warning");
        tags.addAll(notification.tags());
        return tags;
    };

    private static final Logger LOG = LoggerFactory.getLogger(NtfyNotifier.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");
    /** RFC 2047: an encoded word is at most 75 characters; {@code =?UTF-8?B?} and {@code ?=} leave 63, so 45 bytes. */
    private static final int ENCODED_WORD_BYTES = 45;
    private static final Pattern SEQUENCE_ID = Pattern.compile("[-_A-Za-z0-9]{1,64}");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");
    private static final int MIN_MESSAGE_BUDGET = 256;
    private static final int MAX_ERROR_BODY = 16 * 1024;

    private final HttpUrl publishUrl;
    private final String topic;
    private final @Nullable String authorization;
    private final String authDescription;
    private final OkHttpClient client;
    private final boolean ownsClient;
    private final Clock clock;
    // emoji as raw 4-byte UTF-8, not as \uD83D\uDE21 escapes (three times the bytes against ntfy's size limit)
    private final ObjectMapper json = JsonMapper.builder().enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
    private final @Nullable String clickTemplate;
    private final Function<Notification, List<NtfyAction>> actions;
    private final boolean markdown;
    private final @Nullable URI icon;
    private final @Nullable String email;
    private final @Nullable Duration delay;
    private final Function<Notification, NtfyPriority> priority;
    private final Function<Notification, List<String>> tags;
    private final int messageLimitBytes;
    private final PublishForm form;
    private final SequenceIds sequenceIds;
    /** {@link SequenceIds#AUTO}: null until the server's first accepted publish tells whether it keeps sequence ids. */
    private volatile @Nullable Boolean serverKeepsSequenceIds;

    private NtfyNotifier(Builder builder) {
        this.publishUrl = rootUrl(builder.serverUrl);
        this.form = builder.form;
        this.sequenceIds = builder.sequenceIds;
        this.topic = Objects.requireNonNull(builder.topic);
        this.authorization = builder.authorization;
        this.authDescription = builder.authDescription();
        if (builder.httpClient != null) {
            // derived, never mutated: shares the host's pools; only redirects are switched off (see class doc)
            this.client = builder.httpClient.newBuilder().followRedirects(false).build();
            this.ownsClient = false;
        } else {
            this.client = new OkHttpClient.Builder()
                    .connectTimeout(10, TimeUnit.SECONDS).readTimeout(30, TimeUnit.SECONDS).writeTimeout(30, TimeUnit.SECONDS)
                    .callTimeout(60, TimeUnit.SECONDS)
                    .connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
                    .followRedirects(false).build();
            this.ownsClient = true;
        }
        this.clock = builder.clock;
        this.clickTemplate = builder.clickTemplate;
        this.actions = builder.actions;
        this.markdown = builder.markdown;
        this.icon = builder.icon;
        this.email = builder.email;
        this.delay = builder.delay;
        this.priority = builder.priority;
        this.tags = builder.tags;
        this.messageLimitBytes = builder.messageLimitBytes;
    }

    /** A builder; {@link Builder#topic(String)} is required, everything else has a default. Not thread-safe. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public DeliveryResult deliver(Notification notification) {
        Objects.requireNonNull(notification, "notification");
        List<NtfyAction> buttons = List.copyOf(actions.apply(notification));
        if (buttons.size() > MAX_ACTIONS) {
            return DeliveryResult.permanent("the actions function returned " + buttons.size() + " actions; ntfy shows at most " + MAX_ACTIONS);
        }
        boolean withSequenceId = sendsSequenceIds();
        Request.Builder request = form == PublishForm.JSON
                ? new Request.Builder().url(publishUrl).post(RequestBody.create(payload(notification, buttons, withSequenceId), JSON))
                : headerRequest(notification, buttons, withSequenceId);
        request.header("Idempotency-Key", headerSafeKey(notification.idempotencyKey()));
        if (authorization != null) request.header("Authorization", authorization);
        try (Response response = client.newCall(request.build()).execute()) {
            boolean probe = withSequenceId && sequenceIds == SequenceIds.AUTO && serverKeepsSequenceIds == null;
            String answer = response.isSuccessful() && !probe && !LOG.isDebugEnabled() ? "" : response.peekBody(MAX_ERROR_BODY).string();
            DeliveryResult result = HttpOutcomes.forStatus(response.code(), response.header("Retry-After"), answer, clock, json);
            if (result.isDelivered()) {
                if (probe) learnSequenceIdSupport(answer);
                LOG.debug("ntfy accepted notification {} for ticket {} as message {}", notification.idempotencyKey(),
                        notification.ticketId().value(), messageId(answer));
            } else {
                LOG.debug("ntfy refused notification {}: HTTP {}", notification.idempotencyKey(), response.code());
            }
            return result;
        } catch (IOException e) {
            LOG.debug("ntfy request for notification {} failed with {}", notification.idempotencyKey(), e.getClass().getName());
            return HttpOutcomes.forIoFailure(e);
        }
    }

    private boolean sendsSequenceIds() {
        return sequenceIds == SequenceIds.ALWAYS || sequenceIds == SequenceIds.AUTO && !Boolean.FALSE.equals(serverKeepsSequenceIds);
    }

    /** Servers from v2.16 echo {@code sequence_id} in the stored message they answer with; older ones drop the field. */
    private void learnSequenceIdSupport(String answer) {
        JsonNode message;
        try {
            message = json.readTree(answer);
        } catch (IOException e) {
            return;   // not ntfy's message JSON (a proxy?): decide on a later answer
        }
        if (message == null || !message.isObject() || !message.path("id").isTextual()) return;
        boolean keeps = message.hasNonNull("sequence_id");
        serverKeepsSequenceIds = keeps;
        if (!keeps) {
            LOG.info("The ntfy server at {} ignores sequence ids (older than v2.16): re-sent alerts show as new notifications;"
                    + " no longer sending them", publishUrl);
        }
    }

    /** The header form: the message as the body of {@code POST {server}/{topic}}, the rest as headers. */
    private Request.Builder headerRequest(Notification notification, List<NtfyAction> buttons, boolean withSequenceId) {
        String click = clickUrl(notification);
        String title = cutTitle(notification.title());
        String message = fit(notification.message().isBlank() ? title : notification.message(), messageLimitBytes, click);
        HttpUrl url = publishUrl.newBuilder().addPathSegment(topic).build();
        Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(message.getBytes(StandardCharsets.UTF_8), TEXT));
        request.header("X-Title", headerValue(title));
        request.header("X-Priority", Integer.toString(priority.apply(notification).value()));
        List<String> tagList = tagList(notification);
        if (!tagList.isEmpty()) request.header("X-Tags", headerValue(String.join(",", tagList)));
        if (click != null) request.header("X-Click", headerValue(click));
        if (!buttons.isEmpty()) {
            ArrayNode actionArray = json.createArrayNode();
            for (NtfyAction action : buttons) actionArray.add(actionJson(action, notification));
            request.header("X-Actions", headerValue(actionArray.toString()));
        }
        if (markdown) request.header("X-Markdown", "yes");
        if (icon != null) request.header("X-Icon", headerValue(icon.toString()));
        if (email != null) request.header("X-Email", headerValue(email));
        if (delay != null) request.header("X-Delay", delay.toSeconds() + "s");
        if (withSequenceId) request.header("X-Sequence-ID", sequenceId(notification.idempotencyKey()));
        return request;
    }

    /**
     * A header value as is when it is printable ASCII (spaces allowed), else as RFC 2047 "B" encoded words of whole
     * characters, separated by spaces (which decoders drop between encoded words).
     */
    static String headerValue(String value) {
        if (value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e) && !value.contains("=?")) return value;
        StringBuilder encoded = new StringBuilder();
        String rest = value;
        while (!rest.isEmpty()) {
            String chunk = Utf8.prefix(rest, ENCODED_WORD_BYTES);
            if (encoded.length() > 0) encoded.append(' ');
            encoded.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(chunk.getBytes(StandardCharsets.UTF_8))).append("?=");
            rest = rest.substring(chunk.length());
        }
        return encoded.toString();
    }

    @Override
    public String name() {
        return "ntfy";
    }

    /** Releases the HTTP client's threads and connections if this notifier created the client; a host's client is left alone. */
    @Override
    public void close() {
        if (ownsClient) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    /** The JSON body sent for {@code notification} (for tests and debugging; contains ticket text). */
    byte[] payload(Notification notification, List<NtfyAction> buttons, boolean withSequenceId) {
        String click = clickUrl(notification);
        String title = cutTitle(notification.title());
        String message = notification.message().isBlank() ? title : notification.message();
        int limit = 2 * messageLimitBytes;
        int budget = messageLimitBytes;
        while (true) {
            byte[] bytes = render(notification, title, fit(message, budget, click), click, buttons, withSequenceId);
            if (bytes.length <= limit || budget <= MIN_MESSAGE_BUDGET) return bytes;
            budget = Math.max(MIN_MESSAGE_BUDGET, budget - (bytes.length - limit));   // JSON escapes grew it
        }
    }

    private byte[] render(Notification notification, String title, String message, @Nullable String click, List<NtfyAction> buttons,
                          boolean withSequenceId) {
        ObjectNode root = json.createObjectNode();
        root.put("topic", topic);
        root.put("title", title);
        root.put("message", message);
        root.put("priority", priority.apply(notification).value());
        ArrayNode tagArray = root.putArray("tags");
        tagList(notification).forEach(tagArray::add);
        if (click != null) root.put("click", click);
        if (!buttons.isEmpty()) {
            ArrayNode actionArray = root.putArray("actions");
            for (NtfyAction action : buttons) actionArray.add(actionJson(action, notification));
        }
        if (markdown) root.put("markdown", true);
        if (icon != null) root.put("icon", icon.toString());
        if (email != null) root.put("email", email);
        if (delay != null) root.put("delay", delay.toSeconds() + "s");
        if (withSequenceId) root.put("sequence_id", sequenceId(notification.idempotencyKey()));
        try {
            return json.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write the ntfy JSON for " + notification.idempotencyKey(), e);
        }
    }

    /** The tags, stripped, without blanks and repeats, in order. */
    private List<String> tagList(Notification notification) {
        List<String> list = new ArrayList<>();
        for (String tag : new LinkedHashSet<>(tags.apply(notification))) {
            String stripped = tag.strip();
            if (!stripped.isEmpty() && !list.contains(stripped)) list.add(stripped);
        }
        return list;
    }

    private ObjectNode actionJson(NtfyAction action, Notification notification) {
        ObjectNode node = json.createObjectNode();
        node.put("action", action.kind().wireName());
        node.put("label", action.label());
        node.put("url", render(action.urlTemplate(), notification, true));
        if (action.kind() == NtfyAction.Kind.HTTP) {
            node.put("method", action.method().orElse("POST"));
            if (!action.headers().isEmpty()) {
                ObjectNode headers = node.putObject("headers");
                for (Map.Entry<String, String> header : action.headers().entrySet()) headers.put(header.getKey(), header.getValue());
            }
            action.bodyTemplate().ifPresent(body -> node.put("body", render(body, notification, false)));
        }
        if (action.clear()) node.put("clear", true);
        return node;
    }

    private static String render(String template, Notification notification, boolean url) {
        return Placeholders.render(template, notification.ticketId().value().toString(), notification.idempotencyKey(),
                notification.target(), url);
    }

    private @Nullable String clickUrl(Notification notification) {
        if (clickTemplate != null) return render(clickTemplate, notification, true);
        return notification.linkUri().map(URI::toString).orElse(null);
    }

    /** The message if it fits {@code budget} UTF-8 bytes, else its start, an ellipsis and the link. */
    static String fit(String message, int budget, @Nullable String link) {
        if (Utf8.length(message) <= budget) return message;
        String suffix = "…";
        if (link != null && Utf8.length(link) + 8 < budget / 2) suffix = "…\n" + link;
        return Utf8.prefix(message, budget - Utf8.length(suffix)).stripTrailing() + suffix;
    }

    private static String cutTitle(String title) {
        String oneLine = title.replaceAll("[\\r\\n]+", " ");
        if (oneLine.codePointCount(0, oneLine.length()) <= MAX_TITLE_LENGTH) return oneLine;
        return oneLine.substring(0, oneLine.offsetByCodePoints(0, MAX_TITLE_LENGTH - 1)) + "…";
    }

    /**
     * The ntfy sequence id for an idempotency key: the key itself when ntfy can take it verbatim (as a topic-like
     * name, also usable in {@code /{topic}/{sequence_id}} URLs), else {@code tt-} and a URL-safe SHA-256 digest.
     */
    static String sequenceId(String idempotencyKey) {
        if (SEQUENCE_ID.matcher(idempotencyKey).matches()) return idempotencyKey;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "tt-" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static String headerSafeKey(String idempotencyKey) {
        return idempotencyKey.length() <= 200 && PRINTABLE_ASCII.matcher(idempotencyKey).matches() ? idempotencyKey
                : sequenceId(idempotencyKey);
    }

    private String messageId(String answer) {
        try {
            JsonNode message = json.readTree(answer);
            return message != null && message.path("id").isTextual() ? message.path("id").asText() : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    private static HttpUrl rootUrl(URI server) {
        HttpUrl url = HttpUrl.get(server.toString());
        String path = url.encodedPath().endsWith("/") ? url.encodedPath() : url.encodedPath() + "/";
        return url.newBuilder().encodedPath(path).build();
    }

    static String abbreviatedTopic(String topic) {
        return topic.length() <= 3 ? "****" : topic.substring(0, 3) + "****";
    }

    @Override
    public String toString() {
        return "NtfyNotifier[server=" + publishUrl + ", topic=" + abbreviatedTopic(topic) + ", auth=" + authDescription + ", form="
                + form + "]";
    }

    /**
     * Builds an {@link NtfyNotifier}. Every setter checks its argument at once; {@link #build()} checks that a topic
     * was given. Not thread-safe; {@link #toString()} masks credentials.
     */
    public static final class Builder {

        private URI serverUrl = DEFAULT_SERVER;
        private @Nullable String topic;
        private @Nullable String authorization;
        private @Nullable String authKind;
        private @Nullable OkHttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private @Nullable String clickTemplate;
        private Function<Notification, List<NtfyAction>> actions = notification -> List.of();
        private boolean markdown;
        private @Nullable URI icon;
        private @Nullable String email;
        private @Nullable Duration delay;
        private Function<Notification, NtfyPriority> priority = notification -> NtfyPriority.of(notification.priority());
        private Function<Notification, List<String>> tags = DEFAULT_TAGS;
        private int messageLimitBytes = DEFAULT_MESSAGE_LIMIT_BYTES;
        private PublishForm form = PublishForm.JSON;
        private SequenceIds sequenceIds = SequenceIds.AUTO;

        private Builder() {
        }

        /**
         * The ntfy server (default {@link NtfyNotifier#DEFAULT_SERVER}); a path prefix is kept for servers behind a
         * reverse proxy ({@code https://example.com/ntfy} publishes to {@code https://example.com/ntfy/}).
         *
         * @throws IllegalArgumentException unless it is an http(s) URL without user info, query or fragment
         */
        public Builder serverUrl(URI url) {
            Objects.requireNonNull(url, "serverUrl");
            String scheme = url.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || url.getHost() == null) {
                throw new IllegalArgumentException("serverUrl must be an http or https URL with a host, was " + url.getScheme() + ":…");
            }
            if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
                throw new IllegalArgumentException("serverUrl must not carry user info, a query or a fragment (put credentials in accessToken/basicAuth)");
            }
            this.serverUrl = url;
            return this;
        }

        /**
         * The topic to publish to (required).
         *
         * @throws IllegalArgumentException unless it matches {@link NtfyNotifier#TOPIC_NAME} and is not one of
         *                                  {@link NtfyNotifier#RESERVED_TOPICS}
         */
        public Builder topic(String topic) {
            Objects.requireNonNull(topic, "topic");
            if (!TOPIC_NAME.matcher(topic).matches()) {
                throw new IllegalArgumentException("topic must be 1-64 letters, digits, '-' or '_' (ntfy's rule)");
            }
            if (RESERVED_TOPICS.contains(topic)) throw new IllegalArgumentException("topic '" + topic + "' is reserved by ntfy");
            this.topic = topic;
            return this;
        }

        /**
         * Authenticates with an ntfy access token ({@code Authorization: Bearer tk_…}); replaces basic auth.
         *
         * @throws IllegalArgumentException when the token is blank or not printable ASCII without spaces
         */
        public Builder accessToken(String token) {
            Objects.requireNonNull(token, "token");
            if (!PRINTABLE_ASCII.matcher(token).matches()) throw new IllegalArgumentException("token must be printable ASCII without spaces");
            this.authorization = "Bearer " + token;
            this.authKind = "Bearer";
            return this;
        }

        /**
         * Authenticates with user and password ({@code Authorization: Basic …}); replaces an access token.
         *
         * @throws IllegalArgumentException when the user is blank or holds {@code :} or control characters, or the
         *                                  password holds control characters
         */
        public Builder basicAuth(String user, String password) {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (user.isBlank() || user.indexOf(':') >= 0 || user.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("user must be non-blank, without ':' or control characters");
            }
            if (password.chars().anyMatch(Character::isISOControl)) throw new IllegalArgumentException("password must not hold control characters");
            this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            this.authKind = "Basic";
            return this;
        }

        /**
         * The host's OkHttp client, to share its pools and settings (default: an own client with 10 s connect, 30 s
         * read/write and 60 s call timeouts). It is never changed; the notifier derives one with redirects off.
         */
        public Builder httpClient(OkHttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        /** The clock for {@code Retry-After} dates (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * What tapping the notification opens, as a template with {@code {ticketId}}, {@code {idempotencyKey}} and
         * {@code {target}} (for example {@code https://helpdesk.example.com/tickets/{ticketId}}); default: the
         * notification's link, if any.
         *
         * @throws IllegalArgumentException when the rendered template is not an absolute URI
         */
        public Builder clickUrl(String template) {
            Objects.requireNonNull(template, "clickUrl");
            NtfyAction.view("check", template);   // same rules as a view button's URL
            this.clickTemplate = template;
            return this;
        }

        /**
         * The same action buttons on every notification (default none).
         *
         * @throws IllegalArgumentException when more than {@value NtfyNotifier#MAX_ACTIONS} are given
         */
        public Builder actions(NtfyAction... buttons) {
            List<NtfyAction> list = List.of(Objects.requireNonNull(buttons, "actions"));
            if (list.size() > MAX_ACTIONS) throw new IllegalArgumentException("ntfy shows at most " + MAX_ACTIONS + " actions, got " + list.size());
            this.actions = notification -> list;
            return this;
        }

        /**
         * Action buttons made per notification (for example an "Acknowledge" URL carrying a signed token). A
         * function returning more than {@value NtfyNotifier#MAX_ACTIONS} makes the delivery fail permanently; one that
         * throws makes it fail retryably. Must be thread-safe.
         */
        public Builder actions(Function<Notification, List<NtfyAction>> perNotification) {
            this.actions = Objects.requireNonNull(perNotification, "actions");
            return this;
        }

        /** Whether ntfy renders the message as Markdown (default false: plain text). */
        public Builder markdown(boolean enabled) {
            this.markdown = enabled;
            return this;
        }

        /**
         * An icon shown with the notification (Android; a JPEG or PNG URL).
         *
         * @throws IllegalArgumentException unless it is an absolute http(s) URL
         */
        public Builder icon(URI url) {
            Objects.requireNonNull(url, "icon");
            if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
                throw new IllegalArgumentException("icon must be an http or https URL");
            }
            this.icon = url;
            return this;
        }

        /**
         * Also have ntfy e-mail every notification to {@code address} (the server needs SMTP; else it answers 400,
         * code 40001, a permanent failure).
         *
         * @throws IllegalArgumentException unless it looks like one e-mail address
         */
        public Builder emailForwarding(String address) {
            Objects.requireNonNull(address, "address");
            if (!address.matches("[^\\s@,;<>\"]+@[^\\s@,;<>\"]+")) throw new IllegalArgumentException("address must be one e-mail address");
            this.email = address;
            return this;
        }

        /**
         * Have ntfy hold every notification back for {@code delay} (whole seconds).
         *
         * @throws IllegalArgumentException unless it is between {@link NtfyNotifier#MIN_DELAY} and {@link NtfyNotifier#MAX_DELAY}
         */
        public Builder delay(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.compareTo(MIN_DELAY) < 0 || delay.compareTo(MAX_DELAY) > 0) {
                throw new IllegalArgumentException("delay must be between 10 s and 3 days (ntfy's limits), was " + delay);
            }
            this.delay = delay;
            return this;
        }

        /** The ntfy priority for a notification (default {@link NtfyPriority#of(Priority)} of its priority). Must be thread-safe. */
        public Builder priority(Function<Notification, NtfyPriority> mapping) {
            this.priority = Objects.requireNonNull(mapping, "priority");
            return this;
        }

        /** The ntfy tags for a notification (default {@link NtfyNotifier#DEFAULT_TAGS}); blank tags and repeats are dropped. Must be thread-safe. */
        public Builder tags(Function<Notification, List<String>> mapping) {
            this.tags = Objects.requireNonNull(mapping, "tags");
            return this;
        }

        /**
         * The server's message size limit in bytes (default {@value NtfyNotifier#DEFAULT_MESSAGE_LIMIT_BYTES}, ntfy's
         * default); longer messages are cut to it.
         *
         * @throws IllegalArgumentException when below 512
         */
        public Builder messageLimitBytes(int bytes) {
            if (bytes < 512) throw new IllegalArgumentException("messageLimitBytes must be >= 512, was " + bytes);
            this.messageLimitBytes = bytes;
            return this;
        }

        /**
         * How notifications go on the wire (default {@link PublishForm#JSON}); {@link PublishForm#HEADERS} suits proxies
         * or gateways that only pass ntfy's header form.
         */
        public Builder publishForm(PublishForm form) {
            this.form = Objects.requireNonNull(form, "publishForm");
            return this;
        }

        /** Whether publishes carry an ntfy sequence id (default {@link SequenceIds#AUTO}; see the class documentation). */
        public Builder sequenceIds(SequenceIds mode) {
            this.sequenceIds = Objects.requireNonNull(mode, "sequenceIds");
            return this;
        }

        /**
         * The notifier.
         *
         * @throws IllegalStateException when no topic was given
         */
        public NtfyNotifier build() {
            if (topic == null) throw new IllegalStateException("topic is required");
            return new NtfyNotifier(this);
        }

        private String authDescription() {
            return authKind == null ? "none" : authKind + " ****";
        }

        @Override
        public String toString() {
            return "NtfyNotifier.Builder[server=" + serverUrl + ", topic=" + (topic == null ? "-" : abbreviatedTopic(topic))
                    + ", auth=" + authDescription() + "]";
        }
    }
}
