package dev.tickettriage.smtp;

import dev.tickettriage.port.Notification;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders {@link MailTemplates} for one notification: escaping per part, no header injection through the subject. */
final class MailContent {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(title|message|priority|tags|ticketId|target|link|linkHtml|ackLink|ackLinkHtml)}");
    /** Line breaks (CR, LF, NEL, LS, PS) and every other control or format character a header must not carry. */
    private static final Pattern HEADER_UNSAFE = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}\\u0085]+");
    private static final int MAX_SUBJECT_LENGTH = 250;

    private MailContent() {
    }

    static String subject(MailTemplates templates, Notification notification) {
        String rendered = render(templates.subject(), notification, MailContent::headerSafe, "", "", "");
        String safe = headerSafe(rendered).strip();
        return safe.length() <= MAX_SUBJECT_LENGTH ? safe : safe.substring(0, cutAt(safe, MAX_SUBJECT_LENGTH - 1)) + "…";
    }

    static String text(MailTemplates templates, Notification notification, Optional<URI> ackLink) {
        String link = notification.linkUri().map(Object::toString).orElse("");
        String ack = ackLink.map(uri -> "Acknowledge: " + uri).orElse("");
        return render(templates.text(), notification, UnaryOperator.identity(), link, ack, ack);
    }

    static String html(MailTemplates templates, Notification notification, Optional<URI> ackLink) {
        String linkHtml = notification.linkUri()
                .map(uri -> "<p><a href=\"" + escapeHtml(uri.toString()) + "\">Open ticket</a></p>").orElse("");
        String ackHtml = ackLink.map(uri -> "<p><a href=\"" + escapeHtml(uri.toString()) + "\">Acknowledge</a></p>").orElse("");
        return render(templates.html(), notification, value -> escapeHtml(value).replace("\n", "<br>\n"), linkHtml,
                ackLink.map(URI::toString).orElse(""), ackHtml);
    }

    /** Replaces line breaks and control characters by one space each run: a header value can never start a new header. */
    static String headerSafe(String value) {
        return HEADER_UNSAFE.matcher(value).replaceAll(" ");
    }

    static String escapeHtml(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                case '\r': break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    private static String render(String template, Notification notification, UnaryOperator<String> encode, String linkHtml,
                                 String ackLink, String ackLinkHtml) {
        Map<String, String> values = Map.of(
                "title", notification.title(),
                "message", notification.message(),
                "priority", notification.priority().name(),
                "tags", String.join(", ", notification.tags()),
                "ticketId", notification.ticketId().toString(),
                "target", notification.target(),
                "link", notification.linkUri().map(Object::toString).orElse(""));
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + notification.message().length() + 64);
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = "linkHtml".equals(name) ? linkHtml
                    : "ackLinkHtml".equals(name) ? ackLinkHtml
                    : "ackLink".equals(name) ? encode.apply(ackLink)
                    : encode.apply(values.get(name));
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static int cutAt(String text, int max) {
        // never split a surrogate pair
        return Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    }
}
