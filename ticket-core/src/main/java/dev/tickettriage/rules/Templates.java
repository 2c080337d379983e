package dev.tickettriage.rules;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.internal.Text;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Renders {@code {placeholder}} templates against a ticket; see {@link Actions} for the placeholders. */
final class Templates {

    static final int MAX_TITLE_LENGTH = 200;
    static final int MAX_MESSAGE_LENGTH = 1_000;
    static final String MISSING = "-";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_.]+)}");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");
    private static final String CONFIDENCE_PREFIX = "confidence.";

    private Templates() {
    }

    static String title(String template, Ticket ticket, String rule) {
        String oneLine = LINE_BREAKS.matcher(render(template, ticket, rule, UnaryOperator.identity())).replaceAll(" ");
        return Text.truncate(oneLine.strip(), MAX_TITLE_LENGTH);
    }

    static String message(String template, Ticket ticket, String rule) {
        return Text.truncate(render(template, ticket, rule, UnaryOperator.identity()), MAX_MESSAGE_LENGTH);
    }

    /** Renders a link template with every value percent-encoded, so the result is a valid URI if the template is. */
    static String link(String template, Ticket ticket, String rule) {
        return render(template, ticket, rule, value -> URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    static String render(String template, Ticket ticket, String rule, UnaryOperator<String> encode) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = isKnown(name)
                    ? encode.apply(Optional.ofNullable(value(name, ticket, rule)).orElse(MISSING))
                    : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static boolean isKnown(String name) {
        switch (name) {
            case "id": case "category": case "sentiment": case "priority": case "language": case "summary":
            case "subject": case "channel": case "status": case "assignee": case "rule":
            case "customer.name": case "customer.externalId":
                return true;
            default:
                return confidenceField(name).isPresent();
        }
    }

    private static @Nullable String value(String name, Ticket ticket, String rule) {
        Classification classification = ticket.classification().orElse(null);
        switch (name) {
            case "id": return ticket.id().toString();
            case "rule": return rule;
            case "subject": return ticket.subject().orElse(null);
            case "channel": return ticket.channel().name();
            case "status": return ticket.status().name();
            case "assignee": return ticket.assignee().orElse(null);
            case "priority": // in force, else the classifier's suggestion
                return ticket.priority().or(() -> ticket.classification().map(Classification::priority))
                        .map(Enum::name).orElse(null);
            case "customer.name": return ticket.customer().name().orElse(null);
            case "customer.externalId": return ticket.customer().externalId().orElse(null);
            default: break;
        }
        if (classification == null) return null;
        switch (name) {
            case "category": return classification.category().id();
            case "sentiment": return classification.sentiment().name();
            case "language": return classification.language().tag();
            case "summary": return classification.summary().orElse(null);
            default:
                return confidenceField(name)
                        .flatMap(classification::confidence)
                        .map(confidence -> String.format(Locale.ROOT, "%.2f", confidence.value()))
                        .orElse(null);
        }
    }

    private static Optional<ClassificationField> confidenceField(String name) {
        if (!name.startsWith(CONFIDENCE_PREFIX)) return Optional.empty();
        String field = name.substring(CONFIDENCE_PREFIX.length()).toUpperCase(Locale.ROOT);
        for (ClassificationField candidate : ClassificationField.values()) {
            if (candidate.name().equals(field)) return Optional.of(candidate);
        }
        return Optional.empty();
    }
}
