package dev.tickettriage.smtp;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads what GreenMail received. */
final class Mails {

    private Mails() {
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static BodyPart bodyPart(MimeMessage message, String mimeType) {
        try {
            MimeMultipart multipart = (MimeMultipart) message.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                if (multipart.getBodyPart(i).isMimeType(mimeType)) return multipart.getBodyPart(i);
            }
            throw new AssertionError("no " + mimeType + " part");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String part(MimeMessage message, String mimeType) {
        try {
            // SMTP carries CRLF line ends; compare with the LF the notification used
            return ((String) bodyPart(message, mimeType).getContent()).replace("\r\n", "\n");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
