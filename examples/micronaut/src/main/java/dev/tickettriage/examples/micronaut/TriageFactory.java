package dev.tickettriage.examples.micronaut;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.notify.LoggingNotifier;
import dev.tickettriage.ntfy.NtfyNotifier;
import dev.tickettriage.openai.OpenAiClassifier;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.TicketRepository;
import dev.tickettriage.rules.RoutingRules;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the library from application properties: store, classifier and notifiers each have an embedded default
 * (in-memory, rules, console) and switch by configuration. The facade is created at start-up ({@link Context}),
 * started, and closed when the application context stops; the adapters it uses are closed after it.
 */
@Factory
final class TriageFactory {

    private static final Logger LOG = LoggerFactory.getLogger(TriageFactory.class);

    @Singleton
    Taxonomy taxonomy() {
        return Taxonomy.defaultSupport();
    }

    @Singleton
    @Requires(missingProperty = "triage.store.jdbc-url")
    TicketRepository inMemoryRepository() {
        return InMemoryTicketRepository.create();
    }

    /** A JDBC URL without ticket-store-jdbc on the classpath is a configuration error, not a silent in-memory store. */
    @Singleton
    @Requires(property = "triage.store.jdbc-url")
    @Requires(missingClasses = "dev.tickettriage.jdbc.JdbcTicketRepository")
    TicketRepository missingJdbcStore() {
        throw new ConfigurationException("triage.store.jdbc-url is set but ticket-store-jdbc is not on the classpath: "
                + "add the dependency dev.tickettriage:ticket-store-jdbc and a JDBC driver");
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "triage.openai.api-key", pattern = ".*\\S.*")
    OpenAiClassifier openAiClassifier(OpenAiProperties openai) {
        OpenAiClassifier.Builder builder = OpenAiClassifier.builder();
        checked("triage.openai.api-key", () -> builder.apiKey(Settings.value(openai.apiKey()).orElseThrow()));
        Settings.value(openai.baseUrl()).ifPresent(url -> checked("triage.openai.base-url", () -> builder.baseUrl(url)));
        Settings.value(openai.model()).ifPresent(model -> checked("triage.openai.model", () -> builder.model(model)));
        return builder.build();
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "triage.ntfy.topic", pattern = ".*\\S.*")
    NtfyNotifier ntfyNotifier(NtfyProperties ntfy) {
        NtfyNotifier.Builder builder = NtfyNotifier.builder();
        checked("triage.ntfy.topic", () -> builder.topic(Settings.value(ntfy.topic()).orElseThrow()));
        Settings.value(ntfy.server()).ifPresent(server -> checked("triage.ntfy.server", () -> builder.serverUrl(URI.create(server))));
        Settings.value(ntfy.token()).ifPresent(token -> checked("triage.ntfy.token", () -> builder.accessToken(token)));
        return builder.build();
    }

    /** A bad value fails start-up naming the property and the rule it broke (the builders never echo secrets). */
    private static void checked(String property, Runnable apply) {
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(property + ": " + e.getMessage(), e);
        }
    }

    @Context
    @Bean(preDestroy = "close")
    TicketTriage ticketTriage(TicketRepository repository, Taxonomy taxonomy, @Nullable OpenAiClassifier openAi,
                              @Nullable NtfyNotifier ntfy) {
        Classifier classifier = openAi != null ? openAi : RuleClassifier.ofDefaults();
        TicketTriage.Builder builder = TicketTriage.builder()
                .repository(repository)
                .taxonomy(taxonomy)
                .classifier(classifier)
                .defaultNotifier(new LoggingNotifier());
        if (ntfy != null) builder.notifier(RoutingRules.DEFAULT_ALERT_TARGET, ntfy);
        TicketTriage triage = builder.build().start();
        LOG.info("ticket-triage started: store {}, classifier {}, alerts to {}", repository.getClass().getSimpleName(),
                classifier.name(), ntfy != null ? "ntfy" : "the console");
        return triage;
    }
}
