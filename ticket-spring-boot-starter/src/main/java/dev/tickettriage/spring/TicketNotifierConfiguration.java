package dev.tickettriage.spring;

import dev.tickettriage.notify.AlertAcknowledgements;
import dev.tickettriage.ntfy.NtfyAction;
import dev.tickettriage.ntfy.NtfyNotifier;
import dev.tickettriage.port.Notification;
import dev.tickettriage.smtp.MailRecipients;
import dev.tickettriage.smtp.SmtpNotifier;
import dev.tickettriage.smtp.SmtpSecurity;
import dev.tickettriage.spring.TicketTriageProperties.Acknowledgements;
import dev.tickettriage.webhook.WebhookFormat;
import dev.tickettriage.webhook.WebhookNotifier;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notifiers switched on by properties: ntfy ({@code ticket-triage.notify.ntfy.topic}), e-mail
 * ({@code ticket-triage.notify.smtp.host}) and webhook ({@code ticket-triage.notify.webhook.url}), each when its
 * module is on the classpath. With acknowledgements configured, ntfy gets an "Acknowledge" button and e-mails an
 * acknowledge link, both to {@code <public-url>/api/acknowledgements/<token>}.
 */
@Configuration(proxyBeanMethods = false)
class TicketNotifierConfiguration {

    /** Where the example app (and any host following it) serves acknowledgements: POST to this path plus the token. */
    static final String ACKNOWLEDGE_PATH = "/api/acknowledgements/";

    static Optional<URI> acknowledgeLink(Acknowledgements settings, ObjectProvider<AlertAcknowledgements> acknowledgements,
                                         Notification notification) {
        AlertAcknowledgements issuer = acknowledgements.getIfAvailable();
        URI base = settings.getPublicUrl();
        if (issuer == null || base == null) return Optional.empty();
        String root = base.toString().replaceAll("/+$", "");
        return Optional.of(URI.create(root + ACKNOWLEDGE_PATH + issuer.issue(notification)));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.tickettriage.ntfy.NtfyNotifier")
    @ConditionalOnProperty(prefix = "ticket-triage.notify.ntfy", name = "topic")
    static class Ntfy {
        @Bean
        NotifierRegistration ntfyNotifierRegistration(TicketTriageProperties properties,
                                                      ObjectProvider<AlertAcknowledgements> acknowledgements) {
            TicketTriageProperties.Ntfy ntfy = properties.getNotify().getNtfy();
            NtfyNotifier.Builder builder = NtfyNotifier.builder().serverUrl(ntfy.getServerUrl())
                    .topic(require(ntfy.getTopic(), "ticket-triage.notify.ntfy.topic"));
            if (ntfy.getAccessToken() != null && !ntfy.getAccessToken().isBlank()) builder.accessToken(ntfy.getAccessToken());
            if (ntfy.isAcknowledgeButton()) {
                Acknowledgements settings = properties.getAcknowledgements();
                builder.actions(notification -> acknowledgeLink(settings, acknowledgements, notification)
                        .map(link -> List.of(NtfyAction.http("Acknowledge", link.toString()).clearing()))
                        .orElse(List.of()));
            }
            return new NotifierRegistration(ntfy.getTarget(), builder.build(), "ticket-triage.notify.ntfy");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.tickettriage.smtp.SmtpNotifier")
    @ConditionalOnProperty(prefix = "ticket-triage.notify.smtp", name = "host")
    static class Smtp {
        @Bean
        NotifierRegistration smtpNotifierRegistration(TicketTriageProperties properties,
                                                      ObjectProvider<AlertAcknowledgements> acknowledgements) {
            TicketTriageProperties.Smtp smtp = properties.getNotify().getSmtp();
            if (smtp.getTo().isEmpty()) throw new IllegalStateException("ticket-triage.notify.smtp.to needs at least one address");
            SmtpNotifier.Builder builder = SmtpNotifier.builder()
                    .host(require(smtp.getHost(), "ticket-triage.notify.smtp.host")).port(smtp.getPort())
                    .from(require(smtp.getFrom(), "ticket-triage.notify.smtp.from"))
                    .defaultRecipients(MailRecipients.to(smtp.getTo().toArray(String[]::new)));
            if (smtp.getSecurity() != null) {
                builder.security(SmtpSecurity.valueOf(smtp.getSecurity().trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            }
            if (smtp.getUsername() != null) builder.credentials(smtp.getUsername(), smtp.getPassword() == null ? "" : smtp.getPassword());
            Acknowledgements settings = properties.getAcknowledgements();
            if (settings.getPublicUrl() != null && settings.getSecret() != null) {
                builder.acknowledgeLink(notification -> acknowledgeLink(settings, acknowledgements, notification)
                        .orElseThrow(() -> new IllegalStateException("acknowledgements are not configured")));
            }
            return new NotifierRegistration(smtp.getTarget(), builder.build(), "ticket-triage.notify.smtp");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.tickettriage.webhook.WebhookNotifier")
    @ConditionalOnProperty(prefix = "ticket-triage.notify.webhook", name = "url")
    static class Webhook {
        @Bean
        NotifierRegistration webhookNotifierRegistration(TicketTriageProperties properties) {
            TicketTriageProperties.Webhook webhook = properties.getNotify().getWebhook();
            WebhookNotifier.Builder builder = WebhookNotifier.builder(require(webhook.getUrl(), "ticket-triage.notify.webhook.url"))
                    .format(WebhookFormat.valueOf(webhook.getFormat().trim().toUpperCase(Locale.ROOT)));
            if (webhook.getSigningSecret() != null && !webhook.getSigningSecret().isBlank()) builder.signingSecret(webhook.getSigningSecret());
            return new NotifierRegistration(webhook.getTarget(), builder.build(), "ticket-triage.notify.webhook");
        }
    }

    private static <T> T require(T value, String property) {
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new IllegalStateException(property + " must be set");
        }
        return value;
    }
}
