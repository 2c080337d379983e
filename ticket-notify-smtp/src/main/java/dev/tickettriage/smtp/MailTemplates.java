package dev.tickettriage.smtp;

import java.util.Objects;

/**
 * The subject, plain-text and HTML templates an {@link SmtpNotifier} renders for each notification.
 *
 * <p>Placeholders: {@code {title}}, {@code {message}}, {@code {priority}}, {@code {tags}} (comma separated),
 * {@code {ticketId}}, {@code {target}}, {@code {link}} (the ticket link, or empty), {@code {ackLink}} (in the text
 * template "Acknowledge: URL", in the HTML template the URL, or empty; see
 * {@link SmtpNotifier.Builder#acknowledgeLink}) and, in the HTML template only, {@code {linkHtml}} (an "Open ticket"
 * paragraph, or empty) and {@code {ackLinkHtml}} (an "Acknowledge" paragraph, or empty). Values are inserted in one pass (a value that contains
 * a placeholder is not expanded again). In the HTML template every value is HTML-escaped and line breaks of the
 * message become {@code <br>}; in the subject, line breaks and other control characters become spaces. The
 * templates themselves are the host's markup and are used as written. Immutable and thread-safe.
 *
 * @param subject the subject line, for example {@code [{priority}] {title}}
 * @param text    the text/plain part
 * @param html    the text/html part
 */
public record MailTemplates(String subject, String text, String html) {

    private static final MailTemplates DEFAULTS = new MailTemplates(
            "[{priority}] {title}",
            "{message}\n\n{link}\n{ackLink}\n\n-- \nTicket {ticketId} | priority {priority} | tags {tags}\nSent by ticket-triage\n",
            "<!DOCTYPE html>\n<html><body style=\"font-family:sans-serif\">\n<h2>{title}</h2>\n<p>{message}</p>\n{linkHtml}\n{ackLinkHtml}\n"
                    + "<hr><p style=\"color:#666;font-size:small\">Ticket {ticketId} &middot; priority {priority} &middot; tags {tags}"
                    + "<br>Sent by ticket-triage</p>\n</body></html>\n");

    /** @throws NullPointerException when a template is null */
    public MailTemplates {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
    }

    /** The built-in templates: subject {@code [PRIORITY] title}, the message, the link and a footer with the ticket id. */
    public static MailTemplates defaults() {
        return DEFAULTS;
    }
}
