package dev.tickettriage.ntfy;

import static dev.tickettriage.domain.Priority.URGENT;
import static dev.tickettriage.domain.Sentiment.NEGATIVE;
import static dev.tickettriage.rules.Actions.notifyTarget;
import static dev.tickettriage.rules.Conditions.sentimentAtMost;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Channel;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.rules.RoutingRules;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The ntfy example of README.md ("Push negative tickets to phones"), compiled and run against a mock ntfy. */
class ReadmeNtfyExampleTest {

    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void should_push_the_angry_readme_ticket_to_ntfy_when_rules_route_it() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body(Fixtures.read("publish-200.json")).build());
        String ntfyToken = "tk_readme";
        NewTicket angryTicket = NewTicket.builder().subject("Refund").body("¡Me cobraron dos veces y nadie responde!")
                .customerEmail("ana@example.com").channel(Channel.EMAIL).build();

        // --- README.md: "Push negative tickets to phones" (serverUrl points at the mock) ---
        RoutingRules rules = RoutingRules.builder()
            .rule("angry-customer").when(sentimentAtMost(NEGATIVE))
                .then(notifyTarget("support-phones", "Angry customer: {category}", "{summary}", URGENT))
            .build();

        NtfyNotifier ntfy = NtfyNotifier.builder()                      // ticket-notify-ntfy
                .serverUrl(server.url("/").uri())                        // README: URI.create("https://ntfy.example.com")
                .topic("support-triage-7f3k")                           // on ntfy.sh the topic name is the password: unguessable
                .accessToken(ntfyToken)                                 // or basicAuth(user, password); printed as ****
                .clickUrl("https://helpdesk.example.com/tickets/{ticketId}")
                .actions(NtfyAction.view("Open ticket", "https://helpdesk.example.com/tickets/{ticketId}"),
                         NtfyAction.http("Acknowledge", "https://helpdesk.example.com/alerts/{idempotencyKey}/ack").clearing())
                .build();

        try (TicketTriage triage = TicketTriage.builder().rules(rules).notifier("support-phones", ntfy).build().start()) {
            triage.submit(angryTicket);                                 // -> ntfy priority 5, tags rotating_light + rule name
            assertThat(triage.awaitIdle(Duration.ofSeconds(30))).isTrue();
        }
        // --- end of README code ---

        RecordedRequest request = server.takeRequest(10, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer tk_readme");
        JsonNode body = new ObjectMapper().readTree(request.getBody().utf8());
        assertThat(body.path("topic").asText()).isEqualTo("support-triage-7f3k");
        assertThat(body.path("title").asText()).isEqualTo("Angry customer: billing");
        assertThat(body.path("priority").asInt()).isEqualTo(5);
        assertThat(new ObjectMapper().convertValue(body.path("tags"), List.class)).containsExactly("rotating_light", "angry-customer");
        assertThat(body.path("click").asText()).startsWith("https://helpdesk.example.com/tickets/");
        assertThat(body.path("actions").size()).isEqualTo(2);
        assertThat(URI.create(body.path("actions").get(1).path("url").asText()).getPath()).endsWith("/ack");
        ntfy.close();
    }
}
