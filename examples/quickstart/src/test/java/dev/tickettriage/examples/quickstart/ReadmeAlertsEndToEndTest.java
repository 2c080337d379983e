package dev.tickettriage.examples.quickstart;

import static dev.tickettriage.domain.Sentiment.NEGATIVE;
import static dev.tickettriage.rules.Actions.escalateTo;
import static dev.tickettriage.rules.Actions.notifyTarget;
import static dev.tickettriage.rules.Conditions.containsAnyKeyword;
import static dev.tickettriage.rules.Conditions.sentimentAtMost;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.notify.AlertAcknowledgements;
import dev.tickettriage.notify.NotificationPolicy;
import dev.tickettriage.ntfy.NtfyNotifier;
import dev.tickettriage.pipeline.DeliveryConfig;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.rules.RoutingRules;
import dev.tickettriage.rules.SlaPolicy;
import dev.tickettriage.smtp.MailRecipients;
import dev.tickettriage.smtp.SmtpNotifier;
import dev.tickettriage.smtp.SmtpSecurity;
import dev.tickettriage.testkit.MutableClock;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * README.md "Alerts: a push for angry customers, an e-mail for escalations" with the real adapters: the negative
 * ticket is published to a mock ntfy, the escalation e-mailed to GreenMail. (This module is the one that depends on
 * both notifier modules; ticket-notify-smtp keeps its own copy with a recording notifier in place of ntfy.)
 */
class ReadmeAlertsEndToEndTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @StartStop
    final MockWebServer ntfyServer = new MockWebServer();

    @Test
    void should_push_the_negative_ticket_to_ntfy_and_email_the_escalation() throws Exception {
        ntfyServer.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"id\":\"hwQ2YpKdmg\",\"time\":1635528741,\"event\":\"message\",\"topic\":\"support-triage-7f3k\"}").build());
        MutableClock clock = MutableClock.start();   // 10:00 in Madrid: outside quiet hours
        InMemoryTicketRepository repository = InMemoryTicketRepository.builder().clock(clock).build();
        byte[] ackSecret = "a-host-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);
        String smtpPassword = "not-used-by-the-test-server";
        String ntfyToken = "tk_readme";

        // --- README.md code (test servers in place of smtp.example.com and ntfy.sh; a fixed clock) ---
        RoutingRules rules = RoutingRules.builder()
            .rule("angry-customer").when(sentimentAtMost(NEGATIVE))                 // negative tickets -> ntfy
                .then(notifyTarget("support-alerts", "Angry customer: {category}", "{summary}"))
            .rule("legal-threat").when(containsAnyKeyword("lawyer", "abogado", "chargeback"))
                .then(escalateTo("escalations"))                                     // escalations -> e-mail
            .linkTemplate("https://support.example.com/tickets/{id}")
            .build();

        AlertAcknowledgements acks = AlertAcknowledgements.builder(ackSecret)       // >= 32 bytes, from your config
            .validity(Duration.ofHours(12)).clock(clock).build();
        SmtpNotifier mail = SmtpNotifier.builder()                                   // ticket-notify-smtp
            .host("127.0.0.1").port(GREEN_MAIL.getSmtp().getPort()).security(SmtpSecurity.NONE)   // README: smtp.example.com
            .from("triage@example.com", "Ticket Triage")
            .recipients("escalations", MailRecipients.to("leads@example.com").withCc("ops@example.com"))
            .acknowledgeLink(n -> URI.create("https://support.example.com/ack?token=" + acks.issue(n)))
            .clock(clock)
            .build();
        NtfyNotifier ntfy = NtfyNotifier.builder().topic("support-triage-7f3k")     // ticket-notify-ntfy, default https://ntfy.sh
            .serverUrl(ntfyServer.url("/").uri())                                    // README: the default server
            .accessToken(ntfyToken).clickUrl("https://support.example.com/tickets/{ticketId}")
            .build();
        NotificationPolicy policy = NotificationPolicy.builder()
            .dedupeWindow(Duration.ofMinutes(30))                                    // never the same page five times
            .throttlePerMinute(5)                                                    // then one digest per target
            .quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Europe/Madrid"))   // URGENT still rings
            .skipAcknowledged(repository)
            .clock(clock)
            .build();

        try (TicketTriage triage = TicketTriage.builder().repository(repository).rules(rules).clock(clock)
            .slaEscalation(SlaPolicy.ofDefaults(), "escalations")                    // SLA breaches are e-mailed too
            .notifier("support-alerts", policy.wrap(ntfy))                           // negative tickets -> phones
            .notifier("escalations", policy.wrap(mail))                              // escalations -> e-mail
            .acknowledgements(acks)
            .delivery(DeliveryConfig.ofDefaults().withConcurrency(16))              // notifier calls at once (the default)
            .workers(WorkerConfig.ofDefaults().withWorkers(0))                       // the test drains on its own thread
            .build()) {
        // --- end of README code ---
            Ticket ticket = triage.submit(NewTicket.builder().subject("Charged twice")
                    .body("You charged me twice! This is terrible, my lawyer will hear about it.").build());
            triage.drainBacklog();

            RecordedRequest push = ntfyServer.takeRequest(10, TimeUnit.SECONDS);
            assertThat(push).as("the negative ticket reached ntfy").isNotNull();
            assertThat(push.getHeaders().get("Authorization")).isEqualTo("Bearer tk_readme");
            JsonNode body = new ObjectMapper().readTree(push.getBody().utf8());
            assertThat(body.path("topic").asText()).isEqualTo("support-triage-7f3k");
            assertThat(body.path("title").asText()).startsWith("Angry customer");
            assertThat(body.path("click").asText()).isEqualTo("https://support.example.com/tickets/" + ticket.id().value());
            assertThat(ntfyServer.getRequestCount()).as("one push, the escalation is not pushed").isEqualTo(1);

            MimeMessage[] mails = GREEN_MAIL.getReceivedMessages();
            assertThat(mails).hasSize(2);   // leads + the ops copy of one message
            assertThat(List.of(mails[0].getRecipients(Message.RecipientType.TO))).extracting(Object::toString)
                    .containsExactly("leads@example.com");
            assertThat(List.of(mails[0].getRecipients(Message.RecipientType.CC))).extracting(Object::toString)
                    .containsExactly("ops@example.com");
            assertThat(mails[0].getMessageID()).isEqualTo(mails[1].getMessageID());
            assertThat(triage.deadLetters(10)).isEmpty();
            ntfy.close();
        }
    }
}
