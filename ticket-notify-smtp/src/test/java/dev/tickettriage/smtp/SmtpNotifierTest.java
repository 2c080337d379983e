package dev.tickettriage.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.testkit.MutableClock;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpNotifierTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("triage@example.com", "triage", "s3cret-pw"));

    private static final Instant NOW = Instant.parse("2026-03-04T10:15:30Z");
    private final MutableClock clock = MutableClock.at(NOW);

    private SmtpNotifier.Builder notifier() {
        return SmtpNotifier.builder().host("127.0.0.1").port(GREEN_MAIL.getSmtp().getPort()).security(SmtpSecurity.NONE)
                .from("triage@example.com", "Ticket Triage · Soporte")
                .defaultRecipients(MailRecipients.to("ops@example.com"))
                .messageIdDomain("support.example.com").clock(clock);
    }

    private static Notification notification(String title, String message, String key) {
        return new Notification("support-alerts", title, message, Priority.URGENT, List.of("billing", "negative"),
                URI.create("https://support.example.com/tickets/42?x=1&y=2"), TicketId.generate(NOW), key);
    }

    private static MimeMessage onlyMessage() {
        MimeMessage[] messages = GREEN_MAIL.getReceivedMessages();
        assertThat(messages).hasSize(1);
        return messages[0];
    }

    @Test
    void should_send_multipart_text_and_html_in_utf8_when_delivering() throws Exception {
        Notification notification = notification("Cliente enfadado 😡: señal", "El reembolso no aparece.\nÜnïcödé 💳", "ticket-42-routed");

        DeliveryResult result = notifier().build().deliver(notification);

        assertThat(result.isDelivered()).isTrue();
        MimeMessage message = onlyMessage();
        assertThat(message.getSubject()).isEqualTo("[URGENT] Cliente enfadado 😡: señal");
        assertThat(message.getHeader("Subject")[0]).startsWith("=?UTF-8?");   // RFC 2047 on the wire
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(Mails.part(message, "text/plain")).contains("El reembolso no aparece.\nÜnïcödé 💳")
                .contains("https://support.example.com/tickets/42?x=1&y=2").contains(notification.ticketId().toString());
        assertThat(Mails.part(message, "text/html")).contains("El reembolso no aparece.<br>")
                .contains("<a href=\"https://support.example.com/tickets/42?x=1&amp;y=2\">");
        InternetAddress from = (InternetAddress) message.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("triage@example.com");
        assertThat(from.getPersonal()).isEqualTo("Ticket Triage · Soporte");
        assertThat(message.getSentDate().toInstant()).isEqualTo(NOW);
        assertThat(message.getHeader("X-Ticket-Id")).containsExactly(notification.ticketId().toString());
        assertThat(message.getHeader("X-Idempotency-Key")).containsExactly("ticket-42-routed");
        assertThat(message.getHeader("X-Priority")).containsExactly("1 (Highest)");
        assertThat(message.getHeader("References")).containsExactly("<ticket-" + notification.ticketId() + "@support.example.com>");
    }

    @Test
    void should_keep_the_same_message_id_when_a_notification_is_sent_again() throws Exception {
        SmtpNotifier smtp = notifier().build();
        Notification notification = notification("Repeated", "Sent twice", "ticket-42-routed");

        smtp.deliver(notification);
        smtp.deliver(notification);
        smtp.deliver(notification("Other", "Another key", "ticket-43-routed"));

        MimeMessage[] messages = GREEN_MAIL.getReceivedMessages();
        assertThat(messages).hasSize(3);
        assertThat(messages[0].getMessageID()).isEqualTo(smtp.messageId("ticket-42-routed"))
                .matches("<[0-9a-f]{40}@support\\.example\\.com>");
        assertThat(messages[1].getMessageID()).isEqualTo(messages[0].getMessageID());
        assertThat(messages[2].getMessageID()).isNotEqualTo(messages[0].getMessageID());
    }

    @Test
    void should_not_add_headers_or_recipients_when_ticket_values_carry_line_breaks() throws Exception {
        // the rules quote the customer's subject, name and e-mail into title and message; all hostile here
        String title = "Refund for Eve\r\nBcc: evil@attacker.example\r\nX-Injected: yes\nTo: other@attacker.example";
        String message = "Customer: Eve\r\nBcc: evil@attacker.example\r\n"
                + "eve@customer.example>\r\nCc: evil2@attacker.example\r\n"
                + "\r\n.\r\nMAIL FROM:<evil@attacker.example>\r\nRCPT TO:<evil@attacker.example>\r\nDATA\r\nSubject: smuggled\r\n\r\nhi\r\n.\r\n";
        Notification notification = notification(title, message, "key\r\nBcc: evil3@attacker.example");

        DeliveryResult result = notifier().defaultRecipients(MailRecipients.to("ops@example.com").withCc("lead@example.com"))
                .build().deliver(notification);

        assertThat(result.isDelivered()).isTrue();
        MimeMessage[] all = GREEN_MAIL.getReceivedMessages();
        assertThat(all).hasSize(2);   // one copy per configured recipient, no smuggled message
        assertThat(GREEN_MAIL.getReceivedMessagesForDomain("attacker.example")).isEmpty();
        MimeMessage received = all[0];
        assertThat(all[1].getMessageID()).isEqualTo(received.getMessageID());
        assertThat(addresses(received.getAllRecipients())).containsExactlyInAnyOrder("ops@example.com", "lead@example.com");
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(received.getHeader("X-Injected")).isNull();
        assertThat(addresses(received.getRecipients(Message.RecipientType.TO))).containsExactly("ops@example.com");
        assertThat(addresses(received.getRecipients(Message.RecipientType.CC))).containsExactly("lead@example.com");
        assertThat(received.getSubject()).doesNotContain("\r", "\n").startsWith("[URGENT] Refund for Eve Bcc: evil@attacker.example");
        assertThat(received.getHeader("X-Idempotency-Key")[0]).doesNotContain("\r", "\n");
        assertThat(Collections.list(received.getAllHeaderLines())).noneMatch(line -> line.startsWith("Subject: smuggled"));
        assertThat(Mails.part(received, "text/plain")).contains("MAIL FROM:<evil@attacker.example>");   // stays body text
    }

    @Test
    void should_escape_every_ticket_value_in_the_html_part() {
        Notification notification = notification("<script>alert('x')</script>", "Tom & Jerry <b>bold</b> \"quoted\"", "k1");

        notifier().build().deliver(notification);

        String html = Mails.part(onlyMessage(), "text/html");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot;")
                .doesNotContain("<script>", "<b>bold");
        assertThat(Mails.part(onlyMessage(), "text/plain")).contains("Tom & Jerry <b>bold</b>");   // plain text stays as is
    }

    @Test
    void should_use_the_targets_own_recipients_and_the_defaults_for_other_targets() throws Exception {
        SmtpNotifier smtp = notifier().recipients("escalations", MailRecipients.to("lead@example.com")
                .withCc("manager@example.com").withReplyTo("support@example.com")).build();
        Notification base = notification("SLA breached", "Escalated", "k-esc");

        smtp.deliver(new Notification("escalations", base.title(), base.message(), base.priority(), base.tags(),
                null, base.ticketId(), "k-esc"));
        smtp.deliver(notification("Negative", "To the default", "k-neg"));

        MimeMessage[] messages = GREEN_MAIL.getReceivedMessages();
        assertThat(messages).hasSize(3);   // lead + manager copy, ops
        MimeMessage escalation = GREEN_MAIL.getReceivedMessagesForDomain("lead@example.com")[0];
        assertThat(addresses(escalation.getRecipients(Message.RecipientType.TO))).containsExactly("lead@example.com");
        assertThat(addresses(escalation.getRecipients(Message.RecipientType.CC))).containsExactly("manager@example.com");
        assertThat(addresses(escalation.getReplyTo())).containsExactly("support@example.com");
        assertThat(Mails.part(escalation, "text/html")).doesNotContain("Open ticket");   // no link, no link paragraph
        MimeMessage negative = GREEN_MAIL.getReceivedMessagesForDomain("ops@example.com")[0];
        assertThat(negative.getSubject()).contains("Negative");
    }

    @Test
    void should_fail_permanently_when_a_target_has_no_recipients() {
        SmtpNotifier smtp = SmtpNotifier.builder().host("127.0.0.1").port(GREEN_MAIL.getSmtp().getPort()).security(SmtpSecurity.NONE)
                .from("triage@example.com").recipients("escalations", MailRecipients.to("lead@example.com")).build();

        DeliveryResult result = smtp.deliver(notification("Negative", "No one to mail", "k1"));

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.PERMANENT_FAILURE);
        assertThat(result.failureDetail()).hasValueSatisfying(detail -> assertThat(detail).contains("support-alerts"));
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void should_render_the_hosts_templates() {
        SmtpNotifier smtp = notifier().templates(new MailTemplates("Ticket {ticketId}: {title} {message}",
                "Hi,\n{message}\n({tags}, {target})", "<p class=\"m\">{message} {link}</p>")).build();
        Notification notification = notification("Title {message}", "Body {title}", "k1");

        smtp.deliver(notification);

        MimeMessage message = onlyMessage();
        assertThat(Mails.subject(message)).isEqualTo("Ticket " + notification.ticketId() + ": Title {message} Body {title}");
        assertThat(Mails.part(message, "text/plain")).isEqualTo("Hi,\nBody {title}\n(billing, negative, support-alerts)");
        assertThat(Mails.part(message, "text/html"))
                .isEqualTo("<p class=\"m\">Body {title} https://support.example.com/tickets/42?x=1&amp;y=2</p>");
    }

    @Test
    void should_add_an_acknowledge_link_to_both_parts_when_configured() {
        SmtpNotifier smtp = notifier().acknowledgeLink(n -> URI.create("https://support.example.com/ack?token=t0k&key="
                + n.idempotencyKey())).build();

        smtp.deliver(notification("Angry", "Please call", "k1"));

        MimeMessage message = onlyMessage();
        assertThat(Mails.part(message, "text/plain")).contains("Acknowledge: https://support.example.com/ack?token=t0k&key=k1");
        assertThat(Mails.part(message, "text/html"))
                .contains("<a href=\"https://support.example.com/ack?token=t0k&amp;key=k1\">Acknowledge</a>");
    }

    @Test
    void should_show_no_acknowledge_link_when_none_is_configured() {
        notifier().build().deliver(notification("Angry", "Please call", "k1"));

        assertThat(Mails.part(onlyMessage(), "text/plain")).doesNotContain("Acknowledge");
        assertThat(Mails.part(onlyMessage(), "text/html")).doesNotContain("Acknowledge");
    }

    @Test
    void should_authenticate_and_deliver_when_credentials_are_right() {
        DeliveryResult result = notifier().credentials("triage", "s3cret-pw").build().deliver(notification("Auth", "ok", "k1"));

        assertThat(result.isDelivered()).isTrue();
        assertThat(GREEN_MAIL.getReceivedMessages()).hasSize(1);
    }

    @Test
    void should_fail_permanently_without_the_password_in_the_detail_when_credentials_are_wrong() {
        DeliveryResult result = notifier().credentials("triage", "wrong-pw").build().deliver(notification("Auth", "no", "k1"));

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.PERMANENT_FAILURE);
        assertThat(result.failureDetail()).hasValueSatisfying(detail ->
                assertThat(detail).contains("check the SMTP user and password").doesNotContain("wrong-pw"));
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void should_be_retryable_when_no_server_listens() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        DeliveryResult result = notifier().port(closedPort).build().deliver(notification("Down", "no server", "k1"));

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.RETRYABLE_FAILURE);
    }

    @Test
    void should_be_retryable_when_the_server_never_answers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {   // accepts (backlog) but never sends the 220 greeting
            SmtpNotifier smtp = notifier().port(silent.getLocalPort())
                    .timeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMillis(300)).build();

            DeliveryResult result = smtp.deliver(notification("Silent", "times out", "k1"));

            assertThat(result.status()).isEqualTo(DeliveryResult.Status.RETRYABLE_FAILURE);
            assertThat(result.failureDetail()).hasValueSatisfying(detail -> assertThat(detail).contains("timed out"));
        }
    }

    @Test
    void should_mask_the_password_when_printed() {
        SmtpNotifier.Builder builder = notifier().credentials("triage", "s3cret-pw");

        assertThat(builder.toString()).contains("password=****").doesNotContain("s3cret-pw");
        assertThat(builder.build().toString()).contains("user=triage", "password=****").doesNotContain("s3cret-pw");
    }

    @Test
    void should_require_starttls_and_set_timeouts_by_default() {
        SmtpNotifier smtp = SmtpNotifier.builder().host("smtp.example.com").from("triage@example.com")
                .defaultRecipients(MailRecipients.to("ops@example.com")).build();

        assertThat(smtp.sessionProperties())
                .containsEntry("mail.smtp.port", "587")
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.ssl.enable", "false")
                .containsEntry("mail.smtp.connectiontimeout", "10000")
                .containsEntry("mail.smtp.timeout", "30000")
                .containsEntry("mail.smtp.writetimeout", "30000")
                .containsEntry("mail.smtp.auth", "false");
    }

    @Test
    void should_use_implicit_tls_on_port_465_when_security_is_ssl() {
        SmtpNotifier smtp = SmtpNotifier.builder().host("smtp.example.com").security(SmtpSecurity.SSL).from("triage@example.com")
                .credentials("u", "p").defaultRecipients(MailRecipients.to("ops@example.com")).build();

        assertThat(smtp.sessionProperties()).containsEntry("mail.smtp.port", "465").containsEntry("mail.smtp.ssl.enable", "true")
                .containsEntry("mail.smtp.starttls.enable", "false").containsEntry("mail.smtp.auth", "true");
    }

    @Test
    void should_deliver_in_clear_text_when_starttls_is_optional_and_not_offered() {
        // GreenMail implements no STARTTLS: the opportunistic mode goes on in clear text (never the default)
        DeliveryResult result = notifier().security(SmtpSecurity.STARTTLS_OPTIONAL).build().deliver(notification("Plain", "ok", "k1"));

        assertThat(result.isDelivered()).isTrue();
    }

    @Test
    void should_refuse_to_send_in_clear_text_when_starttls_is_required_and_not_offered() {
        DeliveryResult result = notifier().security(SmtpSecurity.STARTTLS_REQUIRED).build().deliver(notification("TLS", "no", "k1"));

        assertThat(result.status()).isNotEqualTo(DeliveryResult.Status.DELIVERED);
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void should_reject_invalid_configuration_naming_it() {
        assertThatThrownBy(() -> MailRecipients.to("ops@example.com\r\nBcc: x@y.z")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MailRecipients.to("not an address")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MailRecipients.to("a@example.com, b@example.com")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpNotifier.builder().from("triage@example.com").build()).hasMessageContaining("host");
        assertThatThrownBy(() -> SmtpNotifier.builder().host("h").from("t@example.com").build()).hasMessageContaining("recipients");
        assertThatThrownBy(() -> SmtpNotifier.builder().port(0)).hasMessageContaining("port");
        assertThatThrownBy(() -> SmtpNotifier.builder().messageIdDomain("bad domain>")).hasMessageContaining("messageIdDomain");
    }

    private static List<String> addresses(Address[] addresses) {
        return Arrays.stream(addresses).map(a -> ((InternetAddress) a).getAddress()).toList();
    }
}
