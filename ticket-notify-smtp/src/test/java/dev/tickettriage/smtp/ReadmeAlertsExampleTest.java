package dev.tickettriage.smtp;

import static dev.tickettriage.domain.Sentiment.NEGATIVE;
import static dev.tickettriage.rules.Actions.escalateTo;
import static dev.tickettriage.rules.Actions.notifyTarget;
import static dev.tickettriage.rules.Conditions.containsAnyKeyword;
import static dev.tickettriage.rules.Conditions.sentimentAtMost;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.notify.AlertAcknowledgements;
import dev.tickettriage.notify.NotificationPolicy;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.rules.RoutingRules;
import dev.tickettriage.rules.SlaPolicy;
import dev.tickettriage.testkit.MutableClock;
import dev.tickettriage.testkit.RecordingNotifier;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's alert example ("a push for angry customers, an e-mail for escalations"), kept compiling and true. */
class ReadmeAlertsExampleTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Test
    void should_push_the_angry_ticket_email_the_escalation_and_accept_the_acknowledge_link() {
        MutableClock clock = MutableClock.start();   // 10:00 in Madrid: outside quiet hours
        InMemoryTicketRepository repository = InMemoryTicketRepository.builder().clock(clock).build();
        RecordingNotifier ntfy = new RecordingNotifier("ntfy");
        byte[] ackSecret = "a-host-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);

        RoutingRules rules = RoutingRules.builder()
                .rule("angry-customer").when(sentimentAtMost(NEGATIVE))
                .then(notifyTarget("support-alerts", "Angry customer: {category}", "{summary}"))
                .rule("legal-threat").when(containsAnyKeyword("lawyer", "abogado", "chargeback"))
                .then(escalateTo("escalations"))
                .linkTemplate("https://support.example.com/tickets/{id}")
                .build();
        AlertAcknowledgements acks = AlertAcknowledgements.builder(ackSecret).validity(Duration.ofHours(12)).clock(clock).build();
        SmtpNotifier mail = SmtpNotifier.builder()
                .host("127.0.0.1").port(GREEN_MAIL.getSmtp().getPort()).security(SmtpSecurity.NONE)   // the test server
                .from("triage@example.com", "Ticket Triage")
                .recipients("escalations", MailRecipients.to("leads@example.com").withCc("ops@example.com"))
                .acknowledgeLink(n -> URI.create("https://support.example.com/ack?token=" + acks.issue(n)))
                .clock(clock)
                .build();
        NotificationPolicy policy = NotificationPolicy.builder()
                .dedupeWindow(Duration.ofMinutes(30))
                .throttlePerMinute(5)
                .quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Europe/Madrid"))
                .skipAcknowledged(repository)
                .clock(clock)
                .build();

        try (TicketTriage triage = TicketTriage.builder().repository(repository).rules(rules).clock(clock)
                .slaEscalation(SlaPolicy.ofDefaults(), "escalations")
                .notifier("support-alerts", policy.wrap(ntfy))
                .notifier("escalations", policy.wrap(mail))
                .acknowledgements(acks)
                .workers(WorkerConfig.ofDefaults().withWorkers(0))
                .build()) {
            Ticket ticket = triage.submit(NewTicket.builder().subject("Charged twice")
                    .body("You charged me twice! This is terrible, my lawyer will hear about it.").build());
            triage.drainBacklog();

            assertThat(ntfy.notifications()).singleElement()
                    .satisfies(n -> assertThat(n.title()).startsWith("Angry customer"));
            MimeMessage[] mails = GREEN_MAIL.getReceivedMessages();
            assertThat(mails).hasSize(2);   // leads + the ops copy of one message
            String text = Mails.part(mails[0], "text/plain");
            assertThat(text).contains("https://support.example.com/tickets/" + ticket.id());
            Matcher token = Pattern.compile("ack\\?token=([A-Za-z0-9_.-]+)").matcher(text);
            assertThat(token.find()).isTrue();

            Ticket acknowledged = triage.acknowledge(token.group(1), "agent:ana");

            assertThat(acknowledged.tags()).contains(RoutingRules.ACKNOWLEDGED_TAG);
            clock.advance(Duration.ofDays(4));
            assertThat(triage.checkSla()).isZero();   // acknowledged: no SLA escalation
        }
    }
}
