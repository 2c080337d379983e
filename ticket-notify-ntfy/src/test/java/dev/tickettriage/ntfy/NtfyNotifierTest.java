package dev.tickettriage.ntfy;

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
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link NtfyNotifier} sends, checked against the wire format in shared/protocols/ntfy.md: section 2 (JSON
 * publish to the root URL, fields and types), 3 (action JSON objects), 4 (sequence_id), 5 (auth headers), 6
 * (errors), 7 (limits, topic names).
 */
class NtfyNotifierTest {

    private static final String TOKEN = "tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final MutableClock clock = MutableClock.start();
    private final ObjectMapper json = new ObjectMapper();

    private NtfyNotifier.Builder notifier() {
        return NtfyNotifier.builder().serverUrl(server.url("/").uri()).topic("support-triage-7f3k").clock(clock);
    }

    private void answerOk() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(Fixtures.read("publish-200.json")).build());
    }

    private JsonNode body(RecordedRequest request) throws IOException {
        assertThat(request.getBody()).isNotNull();
        return json.readTree(request.getBody().utf8());
    }

    private RecordedRequest take() throws InterruptedException {
        return Fixtures.take(server);
    }

    @Test
    void should_post_json_to_the_root_url_with_bearer_token_when_delivering() throws Exception {
        answerOk();
        NtfyNotifier ntfy = notifier().accessToken(TOKEN).build();

        DeliveryResult result = ntfy.deliver(Fixtures.notification());

        assertThat(result.isDelivered()).isTrue();
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/");   // ntfy.md pitfall 4: JSON goes to the root, not /{topic}
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo(Fixtures.notification().idempotencyKey());
        JsonNode body = body(request);
        assertThat(body.path("topic").asText()).isEqualTo("support-triage-7f3k");
        assertThat(body.path("title").asText()).isEqualTo("Angry customer: billing");
        assertThat(body.path("message").asText()).isEqualTo("Charged twice, nobody answers");
        assertThat(body.path("priority").isInt()).as("priority is an int 1-5").isTrue();
        assertThat(body.path("priority").asInt()).isEqualTo(5);
        assertThat(json.convertValue(body.path("tags"), List.class)).containsExactly("rotating_light", "billing", "negative");
        assertThat(body.path("click").asText()).isEqualTo(Fixtures.LINK.toString());
        assertThat(body.path("sequence_id").asText()).matches("[-_A-Za-z0-9]{1,64}");
        assertThat(body.has("actions")).isFalse();
        assertThat(body.has("markdown")).isFalse();
        assertThat(body.has("icon")).isFalse();
        assertThat(body.has("email")).isFalse();
        assertThat(body.has("delay")).isFalse();
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("topic", "title", "message", "priority", "tags", "click", "sequence_id");
    }

    @Test
    void should_send_basic_credentials_when_user_and_password_are_configured() throws Exception {
        answerOk();

        notifier().basicAuth("triage", "s3cr3t:pässword").build().deliver(Fixtures.notification());

        String expected = Base64.getEncoder().encodeToString("triage:s3cr3t:pässword".getBytes(StandardCharsets.UTF_8));
        assertThat(take().getHeaders().get("Authorization")).isEqualTo("Basic " + expected);
    }

    @Test
    void should_send_no_authorization_when_anonymous() throws Exception {
        answerOk();

        notifier().build().deliver(Fixtures.notification());

        assertThat(take().getHeaders().get("Authorization")).isNull();
    }

    @Test
    void should_publish_under_the_path_prefix_when_server_sits_behind_a_proxy_path() throws Exception {
        answerOk();

        notifier().serverUrl(server.url("/ntfy").uri()).build().deliver(Fixtures.notification());

        assertThat(take().getTarget()).isEqualTo("/ntfy/");
    }

    @Test
    void should_keep_accents_and_emoji_intact_when_text_is_not_ascii() throws Exception {
        answerOk();
        String title = "Cliente muy enfadado 😡 — señal ✓";
        String message = "¡Me cobraron dos veces! El reembolso no aparece 💳🇪🇸 año, pingüino, 中文";

        notifier().build().deliver(Fixtures.notification(title, message, Priority.HIGH));

        RecordedRequest request = take();
        byte[] raw = request.getBody().toByteArray();
        String text = new String(raw, StandardCharsets.UTF_8);
        assertThat(text).contains(title).contains(message);   // raw UTF-8 bytes, no \\u escapes or '?'
        JsonNode body = json.readTree(raw);
        assertThat(body.path("title").asText()).isEqualTo(title);
        assertThat(body.path("message").asText()).isEqualTo(message);
    }

    @Test
    void should_truncate_with_ellipsis_and_link_when_message_exceeds_ntfy_limit() throws Exception {
        answerOk();
        String message = "Mi pedido no llegó. ".repeat(1_000);   // 20,000 characters

        DeliveryResult result = notifier().build().deliver(Fixtures.notification("Long", message, Priority.HIGH));

        assertThat(result.isDelivered()).isTrue();
        RecordedRequest request = take();
        String sent = body(request).path("message").asText();
        assertThat(sent.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(NtfyNotifier.DEFAULT_MESSAGE_LIMIT_BYTES);
        assertThat(sent).startsWith("Mi pedido no llegó. Mi pedido").endsWith("…\n" + Fixtures.LINK);
        assertThat(request.getBodySize()).isLessThanOrEqualTo(2L * NtfyNotifier.DEFAULT_MESSAGE_LIMIT_BYTES);
    }

    @Test
    void should_cut_between_characters_when_message_is_long_emoji() throws Exception {
        answerOk();
        String message = "😡".repeat(3_000);   // 4 bytes each

        notifier().build().deliver(Fixtures.notification("Emoji", message, Priority.HIGH));

        String sent = body(take()).path("message").asText();
        String kept = sent.substring(0, sent.indexOf('…'));
        assertThat(kept).matches("(😡)+");
        assertThat(sent.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(NtfyNotifier.DEFAULT_MESSAGE_LIMIT_BYTES);
    }

    @Test
    void should_keep_json_body_within_twice_the_limit_when_escaping_grows_it() throws Exception {
        answerOk();
        String message = "\"\\\u0001".repeat(3_000);   // every character needs a JSON escape (2-6 bytes)

        notifier().build().deliver(Fixtures.notification("Quotes", message, Priority.HIGH));

        RecordedRequest request = take();
        assertThat(request.getBodySize()).isLessThanOrEqualTo(2L * NtfyNotifier.DEFAULT_MESSAGE_LIMIT_BYTES);
        assertThat(body(request).path("message").asText()).endsWith("…\n" + Fixtures.LINK);
    }

    @Test
    void should_honour_a_smaller_server_limit_when_configured() throws Exception {
        answerOk();

        notifier().messageLimitBytes(1_000).build().deliver(Fixtures.notification("Long", "a".repeat(5_000), Priority.LOW));

        assertThat(body(take()).path("message").asText().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1_000);
    }

    @Test
    void should_send_action_buttons_as_ntfy_json_objects_when_configured() throws Exception {
        answerOk();
        NtfyNotifier ntfy = notifier()
                .clickUrl("https://helpdesk.example.com/app/#/tickets/{ticketId}")
                .actions(NtfyAction.view("Open ticket", "https://helpdesk.example.com/tickets/{ticketId}").clearing(),
                        NtfyAction.http("Acknowledge", "https://helpdesk.example.com/api/ack?key={idempotencyKey}")
                                .withMethod("PUT").withHeader("Authorization", "Bearer ack-secret")
                                .withBody("{\"ticket\":\"{ticketId}\",\"by\":\"ntfy\"}").clearing())
                .build();

        ntfy.deliver(Fixtures.notification());

        JsonNode body = body(take());
        String id = Fixtures.TICKET.value().toString();
        assertThat(body.path("click").asText()).isEqualTo("https://helpdesk.example.com/app/#/tickets/" + id);
        JsonNode actions = body.path("actions");
        assertThat(actions.size()).isEqualTo(2);
        assertThat(json.writeValueAsString(actions.get(0))).isEqualTo(
                "{\"action\":\"view\",\"label\":\"Open ticket\",\"url\":\"https://helpdesk.example.com/tickets/" + id + "\",\"clear\":true}");
        JsonNode ack = actions.get(1);
        assertThat(ack.path("action").asText()).isEqualTo("http");
        assertThat(ack.path("label").asText()).isEqualTo("Acknowledge");
        assertThat(ack.path("url").asText()).isEqualTo("https://helpdesk.example.com/api/ack?key=" + id
                + "%2Fangry-customer%2Fsupport-alerts%2Fv2");
        assertThat(ack.path("method").asText()).isEqualTo("PUT");
        assertThat(ack.path("headers").path("Authorization").asText()).isEqualTo("Bearer ack-secret");
        assertThat(ack.path("body").asText()).isEqualTo("{\"ticket\":\"" + id + "\",\"by\":\"ntfy\"}");
        assertThat(ack.path("clear").asBoolean()).isTrue();
    }

    @Test
    void should_default_http_action_method_to_post_when_not_set() throws Exception {
        answerOk();

        notifier().actions(NtfyAction.http("Ack", "https://helpdesk.example.com/ack/{ticketId}")).build().deliver(Fixtures.notification());

        JsonNode ack = body(take()).path("actions").get(0);
        assertThat(ack.path("method").asText()).isEqualTo("POST");
        assertThat(ack.has("body")).isFalse();
        assertThat(ack.has("clear")).isFalse();
    }

    @Test
    void should_fail_permanently_without_calling_ntfy_when_action_function_returns_too_many() {
        NtfyAction view = NtfyAction.view("Open", "https://helpdesk.example.com/t/{ticketId}");
        NtfyNotifier ntfy = notifier().actions(notification -> List.of(view, view, view, view)).build();

        DeliveryResult result = ntfy.deliver(Fixtures.notification());

        assertThat(result.status()).isEqualTo(Status.PERMANENT_FAILURE);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void should_reject_more_than_three_fixed_actions_when_building() {
        NtfyAction view = NtfyAction.view("Open", "https://helpdesk.example.com/t/{ticketId}");

        assertThatThrownBy(() -> notifier().actions(view, view, view, view)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_send_markdown_icon_email_and_delay_when_configured() throws Exception {
        answerOk();
        NtfyNotifier ntfy = notifier().markdown(true).icon(URI.create("https://helpdesk.example.com/icon.png"))
                .emailForwarding("lead@example.com").delay(Duration.ofMinutes(10)).build();

        ntfy.deliver(Fixtures.notification());

        JsonNode body = body(take());
        assertThat(body.path("markdown").isBoolean()).isTrue();
        assertThat(body.path("markdown").asBoolean()).isTrue();
        assertThat(body.path("icon").asText()).isEqualTo("https://helpdesk.example.com/icon.png");
        assertThat(body.path("email").asText()).isEqualTo("lead@example.com");
        assertThat(body.path("delay").asText()).isEqualTo("600s");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"LOW, 2", "MEDIUM, 3", "HIGH, 4", "URGENT, 5"})
    void should_map_ticket_priority_to_ntfy_priority_by_default(Priority priority, int expected) throws Exception {
        answerOk();

        notifier().build().deliver(Fixtures.notification("t", "m", priority));

        assertThat(body(take()).path("priority").asInt()).isEqualTo(expected);
    }

    @Test
    void should_use_the_override_when_priority_mapping_is_configured() throws Exception {
        answerOk();
        NtfyNotifier ntfy = notifier().priority(n -> n.target().equals("support-alerts") ? NtfyPriority.MIN : NtfyPriority.MAX)
                .tags(n -> List.of("skull", " ", "skull", "vip")).build();

        ntfy.deliver(Fixtures.notification());

        JsonNode body = body(take());
        assertThat(body.path("priority").asInt()).isEqualTo(1);
        assertThat(json.convertValue(body.path("tags"), List.class)).containsExactly("skull", "vip");
    }

    @Test
    void should_send_the_same_sequence_id_when_a_notification_is_sent_again() throws Exception {
        for (int i = 0; i < 2; i++) {
            server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body(Fixtures.read("publish-200-v2.16.json")).build());
        }
        NtfyNotifier ntfy = notifier().build();

        ntfy.deliver(Fixtures.notification());
        ntfy.deliver(Fixtures.notification());

        String first = body(take()).path("sequence_id").asText();
        String second = body(take()).path("sequence_id").asText();
        assertThat(first).isEqualTo(second).isEqualTo(NtfyNotifier.sequenceId(Fixtures.notification().idempotencyKey()));
    }

    @Test
    void should_use_key_verbatim_as_sequence_id_when_it_is_already_valid() {
        assertThat(NtfyNotifier.sequenceId("ticket-4711_routed")).isEqualTo("ticket-4711_routed");
        assertThat(NtfyNotifier.sequenceId("a/b")).startsWith("tt-").hasSize(46).matches("[-_A-Za-z0-9]{1,64}");
        assertThat(NtfyNotifier.sequenceId("x".repeat(65))).startsWith("tt-");
        assertThat(NtfyNotifier.sequenceId("clé ünïcode")).isNotEqualTo(NtfyNotifier.sequenceId("cle unicode"));
    }

    @Test
    void should_send_a_header_safe_idempotency_key_when_key_is_not_ascii() throws Exception {
        answerOk();
        Notification notification = new Notification("support-alerts", "t", "m", Priority.LOW, List.of(), null,
                Fixtures.TICKET, "clave-señal 1");

        DeliveryResult result = notifier().build().deliver(notification);

        assertThat(result.isDelivered()).isTrue();
        RecordedRequest request = take();
        assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo(NtfyNotifier.sequenceId("clave-señal 1"));
        assertThat(body(request).has("click")).as("no link, no click").isFalse();
    }

    @ParameterizedTest(name = "HTTP {0} from {1}")
    @CsvSource({
            "400, error-400-40009.json, PERMANENT_FAILURE, 40009",
            "401, error-401-40101.json, PERMANENT_FAILURE, 40101",
            "403, error-403-40301.json, PERMANENT_FAILURE, 40301",
            "404, error-404-40401.json, PERMANENT_FAILURE, 40401",
            "413, error-413-41303.json, PERMANENT_FAILURE, 41303",
            "429, error-429-42901.json, RETRYABLE_FAILURE, 42901",
            "429, error-429-42908.json, RETRYABLE_FAILURE, 42908",
            "500, error-500-50001.json, RETRYABLE_FAILURE, 50001",
            "507, error-507-50701.json, RETRYABLE_FAILURE, 50701",
            "502, proxy-502.html, RETRYABLE_FAILURE, ",
            "503, proxy-503.html, RETRYABLE_FAILURE, "})
    void should_map_each_ntfy_answer_when_publishing_fails(int status, String fixture, Status expected, String code) {
        server.enqueue(new MockResponse.Builder().code(status).body(Fixtures.read(fixture)).build());
        NtfyNotifier ntfy = notifier().accessToken(TOKEN).build();

        DeliveryResult result = ntfy.deliver(Fixtures.notification());

        assertThat(result.status()).isEqualTo(expected);
        String detail = result.failureDetail().orElseThrow();
        assertThat(detail).contains("HTTP " + status).doesNotContain(TOKEN);
        if (code != null) assertThat(detail).contains("(code " + code + ")");
        assertThat(result.retryDelay()).isEmpty();   // ntfy sends no Retry-After: the retry policy backs off
    }

    @Test
    void should_honour_retry_after_seconds_when_rate_limited() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "17").body(Fixtures.read("error-429-42901.json")).build());

        DeliveryResult result = notifier().build().deliver(Fixtures.notification());

        assertThat(result.status()).isEqualTo(Status.RETRYABLE_FAILURE);
        assertThat(result.retryDelay()).contains(Duration.ofSeconds(17));
    }

    @Test
    void should_honour_retry_after_date_when_server_is_unavailable() {
        clock.advance(Duration.ofMinutes(3));   // 09:03:00
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "Thu, 01 Jan 2026 09:04:15 GMT").build());

        DeliveryResult result = notifier().build().deliver(Fixtures.notification());

        assertThat(result.status()).isEqualTo(Status.RETRYABLE_FAILURE);
        assertThat(result.retryDelay()).contains(Duration.ofSeconds(75));
    }

    @Test
    void should_be_retryable_when_ntfy_does_not_answer_in_time() {
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(5, TimeUnit.SECONDS).body(Fixtures.read("publish-200.json")).build());
        OkHttpClient impatient = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(200)).build();

        DeliveryResult result = notifier().httpClient(impatient).build().deliver(Fixtures.notification());

        assertThat(result.status()).isEqualTo(Status.RETRYABLE_FAILURE);
        assertThat(result.failureDetail().orElseThrow()).isEqualTo("ntfy request failed: java.net.SocketTimeoutException");
    }

    @Test
    void should_be_retryable_when_the_server_is_down() throws Exception {
        URI down = server.url("/").uri();
        server.close();

        DeliveryResult result = NtfyNotifier.builder().serverUrl(down).topic("alerts").build().deliver(Fixtures.notification());

        assertThat(result.status()).isEqualTo(Status.RETRYABLE_FAILURE);
        assertThat(result.failureDetail().orElseThrow()).startsWith("ntfy request failed: java.net.");
    }

    @Test
    void should_fail_permanently_and_leave_host_client_unchanged_when_ntfy_redirects() throws Exception {
        server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "/elsewhere").build());
        server.enqueue(new MockResponse.Builder().code(200).body("<html>docs</html>").build());
        OkHttpClient host = new OkHttpClient();

        DeliveryResult result = notifier().httpClient(host).build().deliver(Fixtures.notification());

        assertThat(result.status()).isEqualTo(Status.PERMANENT_FAILURE);
        assertThat(result.failureDetail().orElseThrow()).contains("HTTP 301").contains("redirects are not followed");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(host.followRedirects()).isTrue();
    }

    @Test
    void should_mask_credentials_and_topic_when_printed() {
        NtfyNotifier.Builder bearer = notifier().accessToken(TOKEN);
        NtfyNotifier.Builder basic = notifier().basicAuth("triage", "hunter2-password");

        assertThat(bearer.build().toString()).contains("auth=Bearer ****", "topic=sup****").doesNotContain(TOKEN, "support-triage-7f3k");
        assertThat(bearer.toString()).contains("auth=Bearer ****").doesNotContain(TOKEN);
        assertThat(basic.build().toString()).contains("auth=Basic ****").doesNotContain("hunter2", "dHJpYWdl");
        assertThat(basic.toString()).doesNotContain("hunter2");
        assertThat(notifier().build().toString()).contains("auth=none");
    }

    @Test
    void should_mask_action_header_values_when_printed() {
        NtfyAction action = NtfyAction.http("Ack", "https://helpdesk.example.com/ack").withHeader("Authorization", "Bearer ack-secret");

        assertThat(action.toString()).contains("Authorization").doesNotContain("ack-secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/topic", "dots.are.not.allowed", "ümlaut", "docs", "v1", "login",
            "0123456789012345678901234567890123456789012345678901234567890123x"})
    void should_reject_topic_when_ntfy_would_refuse_it(String topic) {
        assertThatThrownBy(() -> NtfyNotifier.builder().topic(topic)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "support-triage-7f3k", "Support_Alerts", "0123456789012345678901234567890123456789012345678901234567890123"})
    void should_accept_topic_when_it_follows_ntfy_rules(String topic) {
        assertThat(NtfyNotifier.builder().topic(topic).build().name()).isEqualTo("ntfy");
    }

    @Test
    void should_refuse_bad_settings_when_building() {
        assertThatThrownBy(() -> NtfyNotifier.builder().build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("topic");
        assertThatThrownBy(() -> NtfyNotifier.builder().serverUrl(URI.create("https://user:pw@ntfy.sh")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("pw");
        assertThatThrownBy(() -> NtfyNotifier.builder().serverUrl(URI.create("ftp://ntfy.sh"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NtfyNotifier.builder().serverUrl(URI.create("https://ntfy.sh/?auth=abc"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NtfyNotifier.builder().accessToken("tk_abc\r\nX-Evil: 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("tk_abc");
        assertThatThrownBy(() -> NtfyNotifier.builder().basicAuth("a:b", "pw")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NtfyNotifier.builder().delay(Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NtfyNotifier.builder().delay(Duration.ofDays(4))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NtfyNotifier.builder().emailForwarding("a@b.c, d@e.f")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NtfyNotifier.builder().icon(URI.create("file:///etc/passwd"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NtfyNotifier.builder().clickUrl("not a uri {ticketId}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NtfyAction.http("Ack", "mailto:lead@example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NtfyAction.view("Open", "https://x.example").withMethod("GET")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> NtfyAction.view(" ", "https://x.example")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_send_title_as_message_when_message_is_blank() throws Exception {
        answerOk();

        notifier().build().deliver(new Notification("support-alerts", "Only a title", " ", Priority.LOW, List.of(), null,
                TicketId.of(Fixtures.TICKET.value()), "k-1"));

        assertThat(body(take()).path("message").asText()).isEqualTo("Only a title");
    }
}
