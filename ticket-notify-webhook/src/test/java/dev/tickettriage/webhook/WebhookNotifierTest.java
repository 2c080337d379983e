package dev.tickettriage.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.DeliveryResult.Status;
import dev.tickettriage.port.Notification;
import dev.tickettriage.testkit.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookNotifierTest {

    private static final String SECRET = "whsec_0123456789abcdef";
    private static final TicketId TICKET = TicketId.of(UUID.fromString("0190f5e2-7a4b-7c3d-8e9f-0123456789ab"));
    private static final URI LINK = URI.create("https://helpdesk.example.com/tickets/" + TICKET.value());

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final MutableClock clock = MutableClock.start();   // 2026-01-01T09:00:00Z = 1767258000
    private final ObjectMapper json = new ObjectMapper();

    private static Notification notification(String title, String message) {
        return new Notification("support-alerts", title, message, Priority.URGENT, List.of("billing", "negative"), LINK, TICKET,
                TICKET.value() + "/angry-customer/support-alerts/v2");
    }

    private static Notification notification() {
        return notification("Angry customer: billing", "Charged twice, nobody answers");
    }

    private WebhookNotifier.Builder webhook() {
        return WebhookNotifier.builder(server.url("/hooks/triage").uri()).signingSecret(SECRET).clock(clock);
    }

    private RecordedRequest deliverOk(WebhookNotifier notifier, Notification notification) throws InterruptedException {
        server.enqueue(new MockResponse.Builder().code(200).body("ok").build());
        assertThat(notifier.deliver(notification).isDelivered()).isTrue();
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        return request;
    }

    private boolean verify(RecordedRequest request, byte[] body) {
        return WebhookSignature.verify(SECRET, request.getHeaders().get(WebhookSignature.TIMESTAMP_HEADER),
                request.getHeaders().get(WebhookSignature.SIGNATURE_HEADER), body, clock, WebhookSignature.DEFAULT_TOLERANCE);
    }

    @Test
    void should_post_signed_json_of_the_notification_when_delivering() throws Exception {
        RecordedRequest request = deliverOk(webhook().build(), notification());

        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/hooks/triage");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo(notification().idempotencyKey());
        assertThat(request.getHeaders().get(WebhookSignature.TIMESTAMP_HEADER)).isEqualTo("1767258000");
        assertThat(request.getHeaders().get(WebhookSignature.SIGNATURE_HEADER)).matches("v1=[0-9a-f]{64}");
        JsonNode body = json.readTree(request.getBody().toByteArray());
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("type", "idempotencyKey", "target", "title", "message", "priority", "tags", "link",
                "ticket", "sentAt");
        assertThat(body.path("type").asText()).isEqualTo("notification");
        assertThat(body.path("idempotencyKey").asText()).isEqualTo(notification().idempotencyKey());
        assertThat(body.path("target").asText()).isEqualTo("support-alerts");
        assertThat(body.path("title").asText()).isEqualTo("Angry customer: billing");
        assertThat(body.path("message").asText()).isEqualTo("Charged twice, nobody answers");
        assertThat(body.path("priority").asText()).isEqualTo("URGENT");
        assertThat(json.convertValue(body.path("tags"), List.class)).containsExactly("billing", "negative");
        assertThat(body.path("link").asText()).isEqualTo(LINK.toString());
        assertThat(body.path("ticket").path("id").asText()).isEqualTo(TICKET.value().toString());
        assertThat(body.path("sentAt").asText()).isEqualTo("2026-01-01T09:00:00Z");
    }

    @Test
    void should_match_the_documented_scheme_when_signature_is_recomputed_by_hand() throws Exception {
        RecordedRequest request = deliverOk(webhook().build(), notification());

        byte[] body = request.getBody().toByteArray();
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update("1767258000.".getBytes(StandardCharsets.US_ASCII));
        StringBuilder hex = new StringBuilder("v1=");
        for (byte b : mac.doFinal(body)) hex.append(String.format("%02x", b));
        assertThat(request.getHeaders().get(WebhookSignature.SIGNATURE_HEADER)).isEqualTo(hex.toString());
    }

    @Test
    void should_verify_at_the_receiver_when_body_is_untouched() throws Exception {
        RecordedRequest request = deliverOk(webhook().build(), notification());

        assertThat(verify(request, request.getBody().toByteArray())).isTrue();
    }

    @Test
    void should_fail_verification_when_body_was_tampered_with() throws Exception {
        RecordedRequest request = deliverOk(webhook().build(), notification());

        byte[] tampered = request.getBody().utf8().replace("URGENT", "LOW").getBytes(StandardCharsets.UTF_8);
        byte[] oneBit = request.getBody().toByteArray();
        oneBit[oneBit.length / 2] ^= 1;

        assertThat(verify(request, tampered)).isFalse();
        assertThat(verify(request, oneBit)).isFalse();
    }

    @Test
    void should_fail_verification_when_timestamp_signature_or_secret_is_wrong() throws Exception {
        RecordedRequest request = deliverOk(webhook().build(), notification());
        byte[] body = request.getBody().toByteArray();
        String timestamp = request.getHeaders().get(WebhookSignature.TIMESTAMP_HEADER);
        String signature = request.getHeaders().get(WebhookSignature.SIGNATURE_HEADER);
        Duration tolerance = WebhookSignature.DEFAULT_TOLERANCE;

        assertThat(WebhookSignature.verify("another-secret-value", timestamp, signature, body, clock, tolerance)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1767258001", signature, body, clock, tolerance)).as("timestamp is signed").isFalse();
        assertThat(WebhookSignature.verify(SECRET, null, signature, body, clock, tolerance)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, timestamp, null, body, clock, tolerance)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "-1", signature, body, clock, tolerance)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, timestamp, signature.toUpperCase(), body, clock, tolerance)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, timestamp, "v0=" + signature.substring(3), body, clock, tolerance)).isFalse();
        MutableClock later = MutableClock.at(clock.instant().plus(Duration.ofMinutes(6)));
        assertThat(WebhookSignature.verify(SECRET, timestamp, signature, body, later, tolerance)).as("replayed later").isFalse();
        MutableClock slightlyLater = MutableClock.at(clock.instant().plus(Duration.ofMinutes(4)));
        assertThat(WebhookSignature.verify(SECRET, timestamp, signature, body, slightlyLater, tolerance)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, timestamp, "v1=" + "0".repeat(64) + ", " + signature, body, clock, tolerance))
                .as("one of several signatures (secret rotation)").isTrue();
    }

    @Test
    void should_send_no_signature_headers_when_no_secret_is_set() throws Exception {
        RecordedRequest request = deliverOk(WebhookNotifier.builder(server.url("/hook").uri()).clock(clock).build(), notification());

        assertThat(request.getHeaders().get(WebhookSignature.TIMESTAMP_HEADER)).isNull();
        assertThat(request.getHeaders().get(WebhookSignature.SIGNATURE_HEADER)).isNull();
    }

    @Test
    void should_keep_accents_and_emoji_intact_when_text_is_not_ascii() throws Exception {
        String title = "Cliente muy enfadado 😡 — señal ✓";
        String message = "¡Me cobraron dos veces! 💳🇪🇸 año, pingüino, 中文";

        RecordedRequest request = deliverOk(webhook().build(), notification(title, message));

        String raw = new String(request.getBody().toByteArray(), StandardCharsets.UTF_8);
        assertThat(raw).contains(title).contains(message);
        assertThat(verify(request, request.getBody().toByteArray())).isTrue();
    }

    @Test
    void should_send_slack_text_and_blocks_with_escaped_ticket_text_when_format_is_slack() throws Exception {
        WebhookNotifier slack = WebhookNotifier.builder(server.url("/services/T000/B000/XXXX").uri()).format(WebhookFormat.SLACK)
                .clock(clock).build();

        RecordedRequest request = deliverOk(slack, notification("Angry <!channel> & co", "Click <https://evil.example|here> > now"));

        JsonNode body = json.readTree(request.getBody().toByteArray());
        assertThat(body.path("text").asText()).isEqualTo("Angry &lt;!channel&gt; &amp; co: Click &lt;https://evil.example|here&gt; &gt; now");
        JsonNode section = body.path("blocks").get(0);
        assertThat(section.path("type").asText()).isEqualTo("section");
        assertThat(section.path("text").path("type").asText()).isEqualTo("mrkdwn");
        assertThat(section.path("text").path("text").asText())
                .isEqualTo("*Angry &lt;!channel&gt; &amp; co*\nClick &lt;https://evil.example|here&gt; &gt; now");
        JsonNode context = body.path("blocks").get(1);
        assertThat(context.path("type").asText()).isEqualTo("context");
        assertThat(context.path("elements").get(0).path("text").asText()).isEqualTo("Priority URGENT · <" + LINK + "|Open ticket>");
    }

    @Test
    void should_send_a_teams_adaptive_card_message_with_plain_text_runs_when_format_is_teams() throws Exception {
        WebhookNotifier teams = WebhookNotifier.builder(server.url("/workflows/abc/triggers/manual/paths/invoke").uri())
                .format(WebhookFormat.TEAMS).clock(clock).build();

        RecordedRequest request = deliverOk(teams, notification("Cliente enfadado 😡\r\n[pulsa](https://evil.example)",
                "**Urgente**: <at>General</at> cobro doble"));

        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        JsonNode body = json.readTree(request.getBody().toByteArray());
        assertThat(body.path("type").asText()).isEqualTo("message");
        assertThat(body.path("attachments")).hasSize(1);
        JsonNode attachment = body.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.path("contentUrl").isNull()).isTrue();
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asText()).isEqualTo("1.4");
        assertThat(card.path("$schema").asText()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        JsonNode title = card.path("body").get(0);
        assertThat(title.path("type").asText()).isEqualTo("RichTextBlock");
        assertThat(title.path("inlines").get(0).path("type").asText()).isEqualTo("TextRun");
        assertThat(title.path("inlines").get(0).path("text").asText()).isEqualTo("Cliente enfadado 😡 [pulsa](https://evil.example)");
        assertThat(title.path("inlines").get(0).path("weight").asText()).isEqualTo("Bolder");
        JsonNode message = card.path("body").get(1);
        assertThat(message.path("type").asText()).isEqualTo("RichTextBlock");
        assertThat(message.path("inlines").get(0).path("text").asText()).isEqualTo("**Urgente**: <at>General</at> cobro doble");
        JsonNode facts = card.path("body").get(2);
        assertThat(facts.path("type").asText()).isEqualTo("FactSet");
        assertThat(facts.path("facts").get(0).path("title").asText()).isEqualTo("Priority");
        assertThat(facts.path("facts").get(0).path("value").asText()).isEqualTo("URGENT");
        assertThat(facts.path("facts").get(1).path("value").asText()).isEqualTo(TICKET.value().toString());
        assertThat(card.path("actions")).hasSize(1);
        assertThat(card.path("actions").get(0).path("type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(card.path("actions").get(0).path("url").asText()).isEqualTo(LINK.toString());
        assertThat(card.has("msteams")).as("no mention entities: <at> stays text").isFalse();
    }

    @Test
    void should_cut_the_teams_text_and_leave_out_the_action_when_there_is_no_link() throws Exception {
        WebhookNotifier teams = WebhookNotifier.builder(server.url("/teams").uri()).format(WebhookFormat.TEAMS).build();
        Notification noLink = new Notification("support-alerts", "Long", "y".repeat(10_000), Priority.LOW, List.of(), null, TICKET, "k-1");

        RecordedRequest request = deliverOk(teams, noLink);

        JsonNode card = json.readTree(request.getBody().toByteArray()).path("attachments").get(0).path("content");
        assertThat(card.path("body").get(1).path("inlines").get(0).path("text").asText())
                .hasSize(WebhookNotifier.TEAMS_TEXT_LIMIT).endsWith("…");
        assertThat(card.has("actions")).isFalse();
    }

    @Test
    void should_cut_slack_section_when_message_is_long() throws Exception {
        WebhookNotifier slack = WebhookNotifier.builder(server.url("/slack").uri()).format(WebhookFormat.SLACK).build();

        RecordedRequest request = deliverOk(slack, notification("Long", "x".repeat(10_000)));

        JsonNode body = json.readTree(request.getBody().toByteArray());
        assertThat(body.path("blocks").get(0).path("text").path("text").asText()).hasSize(WebhookNotifier.SLACK_SECTION_LIMIT).endsWith("…");
        assertThat(body.path("text").asText().length()).isLessThan(1_100);
    }

    @Test
    void should_send_extra_headers_when_configured() throws Exception {
        RecordedRequest request = deliverOk(webhook().header("X-Api-Key", "n8n-key-123").build(), notification());

        assertThat(request.getHeaders().get("X-Api-Key")).isEqualTo("n8n-key-123");
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "400 | PERMANENT_FAILURE | invalid_payload",
            "401 | PERMANENT_FAILURE | {\"error\":\"bad signature\"}",
            "403 | PERMANENT_FAILURE | action_prohibited",
            "404 | PERMANENT_FAILURE | no_service",
            "410 | PERMANENT_FAILURE | channel_is_archived",
            "413 | PERMANENT_FAILURE | {\"code\":41300,\"message\":\"too large\"}",
            "429 | RETRYABLE_FAILURE | rate_limited",
            "500 | RETRYABLE_FAILURE | rollup_error",
            "502 | RETRYABLE_FAILURE | <html>Bad Gateway</html>",
            "503 | RETRYABLE_FAILURE | ",
            "504 | RETRYABLE_FAILURE | "})
    void should_map_each_status_like_ntfy_when_receiver_refuses(int status, Status expected, String body) {
        server.enqueue(new MockResponse.Builder().code(status).body(body == null ? "" : body).build());

        DeliveryResult result = webhook().build().deliver(notification());

        assertThat(result.status()).isEqualTo(expected);
        String detail = result.failureDetail().orElseThrow();
        assertThat(detail).startsWith("webhook answered HTTP " + status).doesNotContain(SECRET);
        if (body != null && !body.startsWith("{")) assertThat(detail).contains(body);
    }

    @Test
    void should_carry_code_and_message_when_receiver_answers_json_error() {
        server.enqueue(new MockResponse.Builder().code(413).body("{\"code\":41300,\"message\":\"too large\"}").build());

        assertThat(webhook().build().deliver(notification()).failureDetail()).contains("webhook answered HTTP 413 (code 41300): too large");
    }

    @Test
    void should_honour_retry_after_in_both_forms_when_throttled() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").build());
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "Thu, 01 Jan 2026 09:02:00 GMT").build());
        WebhookNotifier notifier = webhook().build();

        assertThat(notifier.deliver(notification()).retryDelay()).contains(Duration.ofSeconds(30));
        assertThat(notifier.deliver(notification()).retryDelay()).contains(Duration.ofMinutes(2));
    }

    @Test
    void should_be_retryable_when_receiver_does_not_answer_in_time() {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(5, TimeUnit.SECONDS).build());
        OkHttpClient impatient = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(200)).build();

        DeliveryResult result = webhook().httpClient(impatient).build().deliver(notification());

        assertThat(result.status()).isEqualTo(Status.RETRYABLE_FAILURE);
        assertThat(result.failureDetail().orElseThrow()).isEqualTo("webhook request failed: java.net.SocketTimeoutException");
    }

    @Test
    void should_fail_permanently_without_following_when_receiver_redirects() {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/login").build());
        OkHttpClient host = new OkHttpClient();

        DeliveryResult result = webhook().httpClient(host).build().deliver(notification());

        assertThat(result.status()).isEqualTo(Status.PERMANENT_FAILURE);
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(host.followRedirects()).isTrue();
    }

    @Test
    void should_mask_url_path_secret_and_header_values_when_printed() {
        WebhookNotifier.Builder builder = WebhookNotifier.builder(URI.create("https://hooks.slack.com/services/T000/B000/XXXXsecret"))
                .signingSecret(SECRET).header("X-Api-Key", "n8n-key-123");

        assertThat(builder.build().toString()).isEqualTo("WebhookNotifier[url=https://hooks.slack.com/****, format=JSON, signed=true, headers=[X-Api-Key]=****]");
        assertThat(builder.toString()).doesNotContain("XXXXsecret", SECRET, "n8n-key-123");
    }

    @Test
    void should_refuse_bad_settings_when_building() {
        assertThatThrownBy(() -> WebhookNotifier.builder(URI.create("ftp://example.com/x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookNotifier.builder(URI.create("/relative"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookNotifier.builder(URI.create("https://u:p@example.com/x"))).isInstanceOf(IllegalArgumentException.class);
        WebhookNotifier.Builder builder = webhook();
        assertThatThrownBy(() -> builder.signingSecret("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.header("X-Triage-Signature", "forged")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.header("Idempotency-Key", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.header("X-Api-Key", "a\r\nX-Evil: 1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.header("Bad Name", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
