package dev.tickettriage.ntfy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The header publish form (shared/protocols/ntfy.md section 1: {@code POST {base}/{topic}}, message as body, options
 * as {@code X-} headers, RFC 2047 encoded words for non-ASCII values) and the sequence id modes (section 4).
 */
class NtfyHeaderFormTest {

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final ObjectMapper json = new ObjectMapper();

    private NtfyNotifier.Builder headers() {
        return NtfyNotifier.builder().serverUrl(server.url("/").uri()).topic("support-triage-7f3k")
                .publishForm(NtfyNotifier.PublishForm.HEADERS);
    }

    private void answer(String body) {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build());
    }

    private void answerOk() {
        answer(Fixtures.read("publish-200.json"));
    }

    private RecordedRequest take() throws InterruptedException {
        return Fixtures.take(server);
    }

    @Test
    void should_post_the_message_as_body_to_the_topic_url_with_x_headers_when_the_header_form_is_chosen() throws Exception {
        answerOk();
        NtfyNotifier ntfy = headers().accessToken("tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2").build();

        DeliveryResult result = ntfy.deliver(Fixtures.notification());

        assertThat(result.isDelivered()).isTrue();
        RecordedRequest request = take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getTarget()).isEqualTo("/support-triage-7f3k");
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2");
        assertThat(request.getHeaders().get("X-Title")).isEqualTo("Angry customer: billing");
        assertThat(request.getHeaders().get("X-Priority")).isEqualTo("5");
        assertThat(request.getHeaders().get("X-Tags")).isEqualTo("rotating_light,billing,negative");
        assertThat(request.getHeaders().get("X-Click")).isEqualTo(Fixtures.LINK.toString());
        assertThat(request.getHeaders().get("X-Sequence-ID")).matches("[-_A-Za-z0-9]{1,64}");
        assertThat(request.getHeaders().get("Idempotency-Key")).isEqualTo(Fixtures.notification().idempotencyKey());
        assertThat(request.getHeaders().names()).doesNotContain("X-Actions", "X-Markdown", "X-Icon", "X-Email", "X-Delay");
        assertThat(request.getBody().utf8()).isEqualTo("Charged twice, nobody answers");
    }

    @Test
    void should_encode_non_ascii_title_and_tags_as_rfc_2047_words_and_keep_the_body_utf8() throws Exception {
        answerOk();
        Notification spanish = new Notification("support-alerts", "¡Cliente enfadado: facturación 😡", "Me cobraron dos veces, ¿y ahora qué? 😡",
                Priority.URGENT, List.of("facturación", "negative"), Fixtures.LINK, Fixtures.TICKET, "ticket-4711-v2");

        headers().build().deliver(spanish);

        RecordedRequest request = take();
        // expected values computed independently: base64 of the UTF-8 bytes, one encoded word each (under 45 bytes)
        assertThat(request.getHeaders().get("X-Title")).isEqualTo("=?UTF-8?B?wqFDbGllbnRlIGVuZmFkYWRvOiBmYWN0dXJhY2nDs24g8J+YoQ==?=");
        assertThat(request.getHeaders().get("X-Tags")).isEqualTo("=?UTF-8?B?cm90YXRpbmdfbGlnaHQsZmFjdHVyYWNpw7NuLG5lZ2F0aXZl?=");
        assertThat(request.getBody().utf8()).isEqualTo("Me cobraron dos veces, ¿y ahora qué? 😡");
        assertThat(request.getHeaders().get("X-Sequence-ID")).isEqualTo("ticket-4711-v2");
    }

    @Test
    void should_split_a_long_non_ascii_title_into_encoded_words_of_whole_characters() throws Exception {
        answerOk();
        String title = "Reclamación urgente de Begoña Núñez: cobro duplicado en la tarjeta 💳 y ningún reembolso todavía 😡😡";
        headers().build().deliver(Fixtures.notification(title, "Detalle", Priority.HIGH));

        String header = take().getHeaders().get("X-Title");

        assertThat(header).doesNotContain("\r", "\n");
        String[] words = header.split(" ");
        assertThat(words).hasSizeGreaterThan(1).allSatisfy(word -> {
            assertThat(word.length()).isLessThanOrEqualTo(75);
            assertThat(word).matches(Fixtures.ENCODED_WORD.pattern());
        });
        assertThat(decode(header)).isEqualTo(title);
    }

    @Test
    void should_send_actions_as_an_encoded_json_array_and_the_options_as_headers() throws Exception {
        answerOk();
        NtfyNotifier ntfy = headers()
                .actions(NtfyAction.view("Abrir ticket", "https://helpdesk.example.com/tickets/{ticketId}"),
                        NtfyAction.http("Atendido ✔", "https://helpdesk.example.com/ack/{ticketId}").clearing())
                .markdown(true).icon(java.net.URI.create("https://helpdesk.example.com/icon.png"))
                .emailForwarding("oncall@example.com").delay(Duration.ofMinutes(10)).build();

        ntfy.deliver(Fixtures.notification());

        RecordedRequest request = take();
        assertThat(request.getHeaders().get("X-Markdown")).isEqualTo("yes");
        assertThat(request.getHeaders().get("X-Icon")).isEqualTo("https://helpdesk.example.com/icon.png");
        assertThat(request.getHeaders().get("X-Email")).isEqualTo("oncall@example.com");
        assertThat(request.getHeaders().get("X-Delay")).isEqualTo("600s");
        JsonNode actions = json.readTree(decode(request.getHeaders().get("X-Actions")));
        assertThat(actions).hasSize(2);
        assertThat(actions.get(0).path("action").asText()).isEqualTo("view");
        assertThat(actions.get(0).path("url").asText()).isEqualTo(Fixtures.LINK.toString());
        assertThat(actions.get(1).path("action").asText()).isEqualTo("http");
        assertThat(actions.get(1).path("label").asText()).isEqualTo("Atendido ✔");
        assertThat(actions.get(1).path("method").asText()).isEqualTo("POST");
        assertThat(actions.get(1).path("clear").asBoolean()).isTrue();
    }

    @Test
    void should_truncate_a_long_body_to_the_message_limit_with_an_ellipsis_and_the_link() throws Exception {
        answerOk();
        String longText = "ñ".repeat(5_000);

        headers().build().deliver(Fixtures.notification("Long", longText, Priority.MEDIUM));

        String body = take().getBody().utf8();
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(NtfyNotifier.DEFAULT_MESSAGE_LIMIT_BYTES);
        assertThat(body).startsWith("ññ").endsWith("…\n" + Fixtures.LINK);
    }

    @Test
    void should_stop_sending_sequence_ids_when_the_server_does_not_echo_them() throws Exception {
        // given: a server older than v2.16 (its answer has no sequence_id)
        answerOk();
        answerOk();
        NtfyNotifier ntfy = headers().build();

        // when
        ntfy.deliver(Fixtures.notification());
        ntfy.deliver(Fixtures.notification());

        // then
        assertThat(take().getHeaders().get("X-Sequence-ID")).as("the first publish probes").isNotNull();
        assertThat(take().getHeaders().get("X-Sequence-ID")).isNull();
    }

    @Test
    void should_keep_sending_sequence_ids_when_the_server_echoes_them() throws Exception {
        answer(Fixtures.read("publish-200-v2.16.json"));
        answerOk();
        answerOk();
        NtfyNotifier ntfy = NtfyNotifier.builder().serverUrl(server.url("/").uri()).topic("support-triage-7f3k").build();

        for (int i = 0; i < 3; i++) ntfy.deliver(Fixtures.notification());

        for (int i = 0; i < 3; i++) assertThat(json.readTree(take().getBody().utf8()).has("sequence_id")).isTrue();
    }

    @Test
    void should_follow_the_sequence_id_mode_when_it_is_always_or_never() throws Exception {
        answerOk();
        answerOk();
        answerOk();
        NtfyNotifier always = headers().sequenceIds(NtfyNotifier.SequenceIds.ALWAYS).build();
        NtfyNotifier never = NtfyNotifier.builder().serverUrl(server.url("/").uri()).topic("support-triage-7f3k")
                .sequenceIds(NtfyNotifier.SequenceIds.NEVER).build();

        always.deliver(Fixtures.notification());
        always.deliver(Fixtures.notification());
        never.deliver(Fixtures.notification());

        assertThat(take().getHeaders().get("X-Sequence-ID")).isNotNull();
        assertThat(take().getHeaders().get("X-Sequence-ID")).as("not switched off by an old server").isNotNull();
        assertThat(json.readTree(take().getBody().utf8()).has("sequence_id")).isFalse();
    }

    @Test
    void should_leave_printable_ascii_alone_and_encode_what_looks_like_an_encoded_word() {
        assertThat(NtfyNotifier.headerValue("Ticket 4711: refund, please")).isEqualTo("Ticket 4711: refund, please");
        assertThat(NtfyNotifier.headerValue("=?UTF-8?B?AAAA?=")).startsWith("=?UTF-8?B?").isNotEqualTo("=?UTF-8?B?AAAA?=");
        assertThat(decode(NtfyNotifier.headerValue("=?UTF-8?B?AAAA?="))).isEqualTo("=?UTF-8?B?AAAA?=");
        assertThat(decode(NtfyNotifier.headerValue("tab\there"))).isEqualTo("tab\there");
    }

    private static String decode(String header) {
        return Fixtures.decodeEncodedWords(header);
    }
}
