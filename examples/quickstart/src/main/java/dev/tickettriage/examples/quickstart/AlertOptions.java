package dev.tickettriage.examples.quickstart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The command line's alert channels: {@code --ntfy-topic} and the {@code --smtp-*} options. Secrets never come from
 * the command line: the ntfy token is {@code NTFY_TOKEN}, the SMTP password {@code SMTP_PASSWORD} (environment).
 */
record AlertOptions(Optional<String> ntfyTopic, Optional<Smtp> smtp) {

    /** Option names this record parses, each taking one value. */
    static final List<String> NAMES = List.of("--ntfy-topic", "--smtp-host", "--smtp-port", "--smtp-from", "--smtp-to",
            "--smtp-cc", "--smtp-security", "--smtp-user");

    private static final Pattern NTFY_TOPIC = Pattern.compile("[-_A-Za-z0-9]{1,64}");

    /** How to reach the SMTP server and whom to e-mail. */
    record Smtp(String host, Optional<Integer> port, String from, List<String> to, List<String> cc, Security security,
                Optional<String> user) {
    }

    /** {@code --smtp-security}. */
    enum Security { NONE, STARTTLS, SSL }

    static AlertOptions none() {
        return new AlertOptions(Optional.empty(), Optional.empty());
    }

    boolean any() {
        return ntfyTopic.isPresent() || smtp.isPresent();
    }

    /**
     * Checks the collected option values (name to value).
     *
     * @throws UsageException for a bad topic, port, security mode, or SMTP options without {@code --smtp-host},
     *                        {@code --smtp-from} or {@code --smtp-to}
     */
    static AlertOptions of(Map<String, String> values) {
        Optional<String> topic = Optional.ofNullable(values.get("--ntfy-topic")).map(String::strip);
        topic.ifPresent(t -> {
            if (!NTFY_TOPIC.matcher(t).matches()) {
                throw new UsageException("option --ntfy-topic must be 1-64 letters, digits, '-' or '_', was '" + t + "'");
            }
        });
        boolean anySmtp = values.keySet().stream().anyMatch(name -> name.startsWith("--smtp-"));
        if (!anySmtp) return new AlertOptions(topic, Optional.empty());
        String host = required(values, "--smtp-host");
        String from = required(values, "--smtp-from");
        List<String> to = list(required(values, "--smtp-to"));
        List<String> cc = Optional.ofNullable(values.get("--smtp-cc")).map(AlertOptions::list).orElse(List.of());
        Optional<Integer> port = Optional.ofNullable(values.get("--smtp-port")).map(AlertOptions::port);
        Security security = Optional.ofNullable(values.get("--smtp-security")).map(AlertOptions::security).orElse(Security.STARTTLS);
        Optional<String> user = Optional.ofNullable(values.get("--smtp-user"));
        return new AlertOptions(topic, Optional.of(new Smtp(host, port, from, to, cc, security, user)));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null) throw new UsageException("the --smtp-* options need " + name + " (see --help)");
        return value.strip();
    }

    private static List<String> list(String value) {
        List<String> addresses = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) addresses.add(part.strip());
        }
        return List.copyOf(addresses);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65_535) return port;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("option --smtp-port must be a port number from 1 to 65535, was '" + value + "'");
    }

    private static Security security(String value) {
        try {
            return Security.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("option --smtp-security must be none|starttls|ssl, was '" + value + "'");
        }
    }
}
