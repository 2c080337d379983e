package dev.tickettriage.smtp;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tickettriage.port.Notifier;
import dev.tickettriage.testkit.NotifierContract;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpNotifierContractTest extends NotifierContract {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Override
    protected Notifier newNotifier() {
        return SmtpNotifier.builder().host("127.0.0.1").port(GREEN_MAIL.getSmtp().getPort()).security(SmtpSecurity.NONE)
                .from("triage@example.com").defaultRecipients(MailRecipients.to("ops@example.com"))
                .clock(clock()).build();
    }

    @Override
    protected List<Received> received() {
        List<Received> received = new ArrayList<>();
        for (MimeMessage message : GREEN_MAIL.getReceivedMessages()) {
            received.add(new Received(Mails.subject(message), Mails.part(message, "text/plain")));
        }
        return received;
    }
}
