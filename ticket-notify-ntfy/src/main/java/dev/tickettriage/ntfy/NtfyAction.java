package dev.tickettriage.ntfy;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An action button on an ntfy notification (ntfy shows at most three): {@link #view} opens a URL, {@link #http}
 * makes the phone send an HTTP request (for example an "Acknowledge" call to the host app).
 *
 * <p>URL and body are templates: {@code {ticketId}}, {@code {idempotencyKey}} and {@code {target}} are replaced
 * with the notification's values (percent-encoded in URLs). For per-notification values such as a signed token,
 * use {@link NtfyNotifier.Builder#actions(java.util.function.Function)} and build the actions from the
 * notification. Immutable and thread-safe; {@link #toString()} masks header values (they may hold credentials).
 */
public final class NtfyAction {

    /** The kinds of action buttons this notifier sends. */
    public enum Kind {
        /** Opens a URL on the phone; JSON {@code "action":"view"}. */
        VIEW,
        /** The phone sends an HTTP request; JSON {@code "action":"http"}. */
        HTTP;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The label's maximum length in characters. */
    public static final int MAX_LABEL_LENGTH = 64;

    private static final Pattern METHOD = Pattern.compile("[A-Z]{3,10}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");

    private final Kind kind;
    private final String label;
    private final String urlTemplate;
    private final String method;
    private final Map<String, String> headers;
    private final @Nullable String bodyTemplate;
    private final boolean clear;

    private NtfyAction(Kind kind, String label, String urlTemplate, String method, Map<String, String> headers,
                       @Nullable String bodyTemplate, boolean clear) {
        this.kind = kind;
        this.label = label;
        this.urlTemplate = urlTemplate;
        this.method = method;
        this.headers = Map.copyOf(headers);
        this.bodyTemplate = bodyTemplate;
        this.clear = clear;
    }

    /**
     * A button that opens {@code urlTemplate} (any absolute URI: https, mailto, geo ...).
     *
     * @throws IllegalArgumentException when the label is blank or too long, or the rendered URL is not absolute
     */
    public static NtfyAction view(String label, String urlTemplate) {
        NtfyAction action = new NtfyAction(Kind.VIEW, checkLabel(label), Objects.requireNonNull(urlTemplate, "urlTemplate"),
                "POST", Map.of(), null, false);
        action.checkUrl();
        return action;
    }

    /**
     * A button that makes the phone send a request to {@code urlTemplate} (http or https), by default a POST with
     * no body, as ntfy does.
     *
     * @throws IllegalArgumentException when the label is blank or too long, or the rendered URL is not http(s)
     */
    public static NtfyAction http(String label, String urlTemplate) {
        NtfyAction action = new NtfyAction(Kind.HTTP, checkLabel(label), Objects.requireNonNull(urlTemplate, "urlTemplate"),
                "POST", Map.of(), null, false);
        action.checkUrl();
        return action;
    }

    /**
     * This HTTP action with another method ({@code GET}, {@code PUT} ...).
     *
     * @throws IllegalStateException when this is not an HTTP action
     * @throws IllegalArgumentException when the method is not 3-10 capital letters
     */
    public NtfyAction withMethod(String newMethod) {
        requireHttp("method");
        Objects.requireNonNull(newMethod, "method");
        if (!METHOD.matcher(newMethod).matches()) {
            throw new IllegalArgumentException("method must be 3-10 capital letters, was '" + newMethod + "'");
        }
        return new NtfyAction(kind, label, urlTemplate, newMethod, headers, bodyTemplate, clear);
    }

    /**
     * This HTTP action with one more request header.
     *
     * @throws IllegalStateException when this is not an HTTP action
     * @throws IllegalArgumentException when the name is not a header token or the value has control characters
     */
    public NtfyAction withHeader(String name, String value) {
        requireHttp("headers");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!HEADER_NAME.matcher(name).matches()) throw new IllegalArgumentException("header name is not a valid token: '" + name + "'");
        if (value.chars().anyMatch(Character::isISOControl)) throw new IllegalArgumentException("header " + name + " has control characters");
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new NtfyAction(kind, label, urlTemplate, method, copy, bodyTemplate, clear);
    }

    /**
     * This HTTP action with a request body template (placeholders are replaced verbatim, not encoded).
     *
     * @throws IllegalStateException when this is not an HTTP action
     */
    public NtfyAction withBody(String newBodyTemplate) {
        requireHttp("body");
        return new NtfyAction(kind, label, urlTemplate, method, headers, Objects.requireNonNull(newBodyTemplate, "body"), clear);
    }

    /** This action, dismissing the notification once tapped (ntfy's {@code clear=true}). */
    public NtfyAction clearing() {
        return new NtfyAction(kind, label, urlTemplate, method, headers, bodyTemplate, true);
    }

    public Kind kind() {
        return kind;
    }

    public String label() {
        return label;
    }

    /** The URL template, placeholders unreplaced. */
    public String urlTemplate() {
        return urlTemplate;
    }

    /** The HTTP method of an HTTP action (default POST); empty for a view action. */
    public Optional<String> method() {
        return kind == Kind.HTTP ? Optional.of(method) : Optional.empty();
    }

    /** Request headers of an HTTP action; empty for a view action. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The request body template of an HTTP action, if any. */
    public Optional<String> bodyTemplate() {
        return Optional.ofNullable(bodyTemplate);
    }

    /** Whether tapping the button dismisses the notification. */
    public boolean clear() {
        return clear;
    }

    private void requireHttp(String what) {
        if (kind != Kind.HTTP) throw new IllegalStateException(what + " applies to http actions only, this is a " + kind.wireName() + " action");
    }

    private void checkUrl() {
        String sample = Placeholders.render(urlTemplate, "00000000-0000-7000-8000-000000000000", "sample-key", "sample-target", true);
        URI uri;
        try {
            uri = URI.create(sample);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("action URL template is not a URI: '" + urlTemplate + "'", e);
        }
        if (!uri.isAbsolute()) throw new IllegalArgumentException("action URL must be absolute, was '" + urlTemplate + "'");
        if (kind == Kind.HTTP && !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("http action URL must be http or https, was '" + urlTemplate + "'");
        }
    }

    private static String checkLabel(String label) {
        Objects.requireNonNull(label, "label");
        if (label.isBlank() || label.length() > MAX_LABEL_LENGTH || label.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("label must be 1-" + MAX_LABEL_LENGTH + " printable characters");
        }
        return label;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) return true;
        if (!(other instanceof NtfyAction)) return false;
        NtfyAction that = (NtfyAction) other;
        return kind == that.kind && clear == that.clear && label.equals(that.label) && urlTemplate.equals(that.urlTemplate)
                && method.equals(that.method) && headers.equals(that.headers) && Objects.equals(bodyTemplate, that.bodyTemplate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, label, urlTemplate, method, headers, bodyTemplate, clear);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("NtfyAction[").append(kind.wireName()).append(", label=").append(label)
                .append(", url=").append(urlTemplate);
        if (kind == Kind.HTTP) {
            text.append(", method=").append(method);
            if (!headers.isEmpty()) text.append(", headers=").append(headers.keySet()).append("=****");
        }
        return text.append(clear ? ", clear" : "").append(']').toString();
    }
}
