package dev.tickettriage.ntfy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Replaces {@code {ticketId}}, {@code {idempotencyKey}} and {@code {target}} in URL and body templates. */
final class Placeholders {

    private Placeholders() {
    }

    static String render(String template, String ticketId, String idempotencyKey, String target, boolean url) {
        return template.replace("{ticketId}", encode(ticketId, url))
                .replace("{idempotencyKey}", encode(idempotencyKey, url))
                .replace("{target}", encode(target, url));
    }

    private static String encode(String value, boolean url) {
        return url ? URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20") : value;
    }
}
