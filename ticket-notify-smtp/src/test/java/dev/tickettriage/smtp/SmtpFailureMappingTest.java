package dev.tickettriage.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.port.DeliveryResult.Status;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.stream.Stream;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SmtpFailureMappingTest {

    static Stream<Arguments> failures() throws Exception {
        InternetAddress rcpt = new InternetAddress("ops@example.com");
        return Stream.of(
                Arguments.of("421 service not available", new SMTPSendFailedException("DATA", 421, "421 closing", null, null, null, null), Status.RETRYABLE_FAILURE),
                Arguments.of("451 local error", new SMTPSendFailedException("DATA", 451, "451 try later", null, null, null, null), Status.RETRYABLE_FAILURE),
                Arguments.of("452 storage", new SMTPSendFailedException("DATA", 452, "452 full", null, null, null, null), Status.RETRYABLE_FAILURE),
                Arguments.of("450 mailbox busy (RCPT)", new SendFailedException("Invalid Addresses",
                        new SMTPAddressFailedException(rcpt, "RCPT TO", 450, "450 busy")), Status.RETRYABLE_FAILURE),
                Arguments.of("550 no such user (RCPT)", new SendFailedException("Invalid Addresses",
                        new SMTPAddressFailedException(rcpt, "RCPT TO", 550, "550 no such user")), Status.PERMANENT_FAILURE),
                Arguments.of("553 sender rejected", new SMTPSenderFailedException(rcpt, "MAIL FROM", 553, "553 not allowed"), Status.PERMANENT_FAILURE),
                Arguments.of("554 transaction failed", new SMTPSendFailedException("DATA", 554, "554 spam", null, null, null, null), Status.PERMANENT_FAILURE),
                Arguments.of("535 bad credentials", new AuthenticationFailedException("535 5.7.8 invalid"), Status.PERMANENT_FAILURE),
                Arguments.of("connection refused", new MailConnectException(new SocketConnectException("refused",
                        new ConnectException("Connection refused"), "smtp.example.com", 587, 10_000)), Status.RETRYABLE_FAILURE),
                Arguments.of("read timeout", new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out")), Status.RETRYABLE_FAILURE),
                Arguments.of("unknown host", new MessagingException("Unknown SMTP host", new UnknownHostException("smtp.example.com")), Status.RETRYABLE_FAILURE),
                Arguments.of("I/O error", new MessagingException("IOException while sending", new IOException("broken pipe")), Status.RETRYABLE_FAILURE),
                Arguments.of("bad address", new AddressException("Illegal address", "x@"), Status.PERMANENT_FAILURE),
                Arguments.of("other messaging failure", new MessagingException("malformed"), Status.PERMANENT_FAILURE),
                Arguments.of("unexpected", new IllegalStateException("bug"), Status.RETRYABLE_FAILURE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void should_map_failure_to_result(String name, Exception failure, Status expected) {
        assertThat(SmtpNotifier.result(failure).status()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void should_keep_the_detail_short(String name, Exception failure, Status expected) {
        assertThat(SmtpNotifier.result(failure).failureDetail()).hasValueSatisfying(detail ->
                assertThat(detail).startsWith("SMTP").hasSizeLessThanOrEqualTo(200));
    }
}
