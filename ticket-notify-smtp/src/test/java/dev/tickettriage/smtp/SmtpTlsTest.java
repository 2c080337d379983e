package dev.tickettriage.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Implicit TLS (SMTPS) against GreenMail's self-signed certificate. */
class SmtpTlsTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTPS.dynamicPort());

    private static Notification notification() {
        return new Notification("support-alerts", "Über TLS", "Nachricht", Priority.HIGH, List.of(), null,
                TicketId.generate(Instant.EPOCH), "tls-1");
    }

    private SmtpNotifier.Builder ssl() {
        return SmtpNotifier.builder().host("127.0.0.1").port(GREEN_MAIL.getSmtps().getPort()).security(SmtpSecurity.SSL)
                .from("triage@example.com").defaultRecipients(MailRecipients.to("ops@example.com"));
    }

    @Test
    void should_deliver_over_implicit_tls_when_the_test_certificate_is_trusted() {
        DeliveryResult result = ssl().sessionProperty("mail.smtp.ssl.trust", "*")
                .sessionProperty("mail.smtp.ssl.checkserveridentity", "false").build().deliver(notification());

        assertThat(result.isDelivered()).isTrue();
        assertThat(GREEN_MAIL.getReceivedMessages()).singleElement()
                .satisfies(message -> assertThat(Mails.subject(message)).isEqualTo("[HIGH] Über TLS"));
    }

    @Test
    void should_not_deliver_when_the_server_certificate_is_not_trusted() {
        DeliveryResult result = ssl().build().deliver(notification());

        assertThat(result.isDelivered()).isFalse();
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }
}
