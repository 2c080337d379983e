package dev.tickettriage.examples.quickstart;

import dev.tickettriage.notify.NotificationPolicy;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.Notifier;
import dev.tickettriage.smtp.MailRecipients;
import dev.tickettriage.smtp.SmtpNotifier;
import dev.tickettriage.smtp.SmtpSecurity;
import java.time.Duration;
import java.util.ArrayList;
import dev.tickettriage.ntfy.NtfyNotifier;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the notifier for the command line's alert channels: the console always, plus ntfy and/or e-mail. Each
 * channel is wrapped in a {@link NotificationPolicy} that drops a key it already delivered, so when one channel fails
 * and the outbox retries, the others are not sent the same alert again. The environment is read here (the library
 * never reads it): {@code NTFY_SERVER} (default https://ntfy.sh), {@code NTFY_TOKEN}, {@code SMTP_PASSWORD}.
 */
final class AlertChannels {

    static final String DEFAULT_NTFY_SERVER = "https://ntfy.sh";
    private static final Duration DEDUPE = Duration.ofHours(1);

    private AlertChannels() {
    }

    /** The console notifier alone when no channel is configured, else a fan-out to the console and every channel. */
    static Notifier create(AlertOptions options, Notifier console, Map<String, String> env) {
        if (!options.any()) return console;
        List<Notifier> channels = new ArrayList<>();
        channels.add(deduped(console));
        options.smtp().ifPresent(smtp -> channels.add(deduped(smtp(smtp, env))));
        options.ntfyTopic().ifPresent(topic -> channels.add(deduped(ntfy(topic,
                Optional.ofNullable(env.get("NTFY_SERVER")).filter(s -> !s.isBlank()).orElse(DEFAULT_NTFY_SERVER),
                Optional.ofNullable(env.get("NTFY_TOKEN")).filter(s -> !s.isBlank())))));
        return new FanOut(channels);
    }

    static SmtpNotifier smtp(AlertOptions.Smtp smtp, Map<String, String> env) {
        MailRecipients recipients = recipients(smtp);
        SmtpNotifier.Builder builder = SmtpNotifier.builder().host(smtp.host()).security(security(smtp.security()))
                .from(smtp.from(), "ticket-triage quickstart").defaultRecipients(recipients);
        smtp.port().ifPresent(builder::port);
        smtp.user().ifPresent(user -> {
            String password = env.get("SMTP_PASSWORD");
            if (password == null) throw new UsageException("--smtp-user needs the password in the environment variable SMTP_PASSWORD");
            builder.credentials(user, password);
        });
        return builder.build();
    }

    /** The ntfy channel: JSON publish to {@code server}, with the access token when one is set. */
    static Notifier ntfy(String topic, String server, Optional<String> token) {
        NtfyNotifier.Builder builder;
        try {
            builder = NtfyNotifier.builder().serverUrl(URI.create(server)).topic(topic);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--ntfy-topic / NTFY_SERVER: " + e.getMessage());
        }
        token.ifPresent(builder::accessToken);
        return builder.build();
    }

    private static MailRecipients recipients(AlertOptions.Smtp smtp) {
        try {
            return new MailRecipients(smtp.to(), smtp.cc(), List.of());
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad --smtp-to/--smtp-cc address: " + e.getMessage(), e);
        }
    }

    private static SmtpSecurity security(AlertOptions.Security security) {
        return switch (security) {
            case NONE -> SmtpSecurity.NONE;
            case STARTTLS -> SmtpSecurity.STARTTLS_REQUIRED;
            case SSL -> SmtpSecurity.SSL;
        };
    }

    private static Notifier deduped(Notifier notifier) {
        return NotificationPolicy.builder().dedupeWindow(DEDUPE).build().wrap(notifier);
    }

    /** Delivers to every channel; delivered when all are, else the first failure (a retryable one first). */
    static final class FanOut implements Notifier {
        private final List<Notifier> channels;

        FanOut(List<Notifier> channels) {
            this.channels = List.copyOf(channels);
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            DeliveryResult retryable = null;
            DeliveryResult other = null;
            for (Notifier channel : channels) {
                DeliveryResult result = channel.deliver(notification);
                if (result.isDelivered()) continue;
                if (result.status() == DeliveryResult.Status.RETRYABLE_FAILURE) {
                    if (retryable == null) retryable = result;
                } else if (other == null) {
                    other = result;
                }
            }
            if (retryable != null) return retryable;
            return other != null ? other : DeliveryResult.delivered();
        }

        @Override
        public String name() {
            return "alerts";
        }
    }
}
