package dev.tickettriage.spring;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.io.TaxonomyJson;
import dev.tickettriage.notify.AlertAcknowledgements;
import dev.tickettriage.notify.LoggingNotifier;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.TicketRepository;
import dev.tickettriage.port.TriageListener;
import dev.tickettriage.rules.RoutingRules;
import dev.tickettriage.spring.TicketStoreConfiguration.TicketStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Builds one {@link TicketTriage} from {@code ticket-triage.*} properties: store ({@link TicketStoreConfiguration}),
 * classifier ({@link ClassifierChoice}), taxonomy and routing rules (built-in or from files), notifiers
 * ({@link TicketNotifierConfiguration} plus any {@link NotifierRegistration} bean of the host's), every
 * {@link TriageListener} bean, and acknowledgements. Each piece is a bean the host may replace by declaring its own.
 * The pipeline starts when the context is refreshed and closes on shutdown.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
@ConditionalOnProperty(prefix = "ticket-triage", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(TicketTriageProperties.class)
@Import({TicketStoreConfiguration.JdbcStore.class, TicketStoreConfiguration.MemoryStore.class,
        TicketNotifierConfiguration.Ntfy.class, TicketNotifierConfiguration.Smtp.class, TicketNotifierConfiguration.Webhook.class,
        TicketTriageHealthConfiguration.class, TicketTriageMetricsConfiguration.class})
public class TicketTriageAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Taxonomy ticketTaxonomy(TicketTriageProperties properties, ObjectProvider<ClassifierChoice> classifier) {
        Resource file = properties.getTaxonomyFile();
        ClassifierChoice choice = classifier.getIfAvailable();
        Taxonomy model = choice == null ? null : choice.modelTaxonomy().orElse(null);
        if (file == null) return model != null ? model : Taxonomy.defaultSupport();
        Taxonomy taxonomy;
        try (InputStream in = file.getInputStream()) {
            taxonomy = TaxonomyJson.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("ticket-triage.taxonomy-file " + file.getDescription() + " cannot be read", e);
        }
        if (model != null && !model.fingerprint().equals(taxonomy.fingerprint())) {
            throw new IllegalStateException("ticket-triage.taxonomy-file (" + taxonomy.version() + ") is not the taxonomy the "
                    + "embedded model was trained on (" + model.version() + "); leave taxonomy-file unset to use the model's");
        }
        return taxonomy;
    }

    @Bean
    @ConditionalOnMissingBean
    RoutingRules ticketRoutingRules(TicketTriageProperties properties) {
        Resource file = properties.getRulesFile();
        if (file == null) return RoutingRules.defaults();
        try (InputStream in = file.getInputStream()) {
            return RoutingRulesJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("ticket-triage.rules-file " + file.getDescription() + " cannot be read", e);
        }
    }

    @Bean
    @ConditionalOnMissingBean(TicketRepository.class)
    TicketRepository ticketRepository(TicketStore ticketStore) {
        return ticketStore.repository();
    }

    @Bean
    @ConditionalOnMissingBean(Classifier.class)
    ClassifierChoice ticketClassifierChoice(TicketTriageProperties properties, ResourceLoader resourceLoader) {
        ClassLoader classLoader = resourceLoader.getClassLoader();
        return ClassifierChoice.from(properties.getClassifier(), classLoader != null ? classLoader : getClass().getClassLoader());
    }

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean(Classifier.class)
    Classifier ticketClassifier(ClassifierChoice choice) {
        return choice.classifier();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "ticket-triage.acknowledgements", name = "secret")
    AlertAcknowledgements ticketAlertAcknowledgements(TicketTriageProperties properties) {
        TicketTriageProperties.Acknowledgements settings = properties.getAcknowledgements();
        byte[] secret = settings.getSecret() == null ? new byte[0] : settings.getSecret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < AlertAcknowledgements.MIN_SECRET_BYTES) {
            throw new IllegalStateException("ticket-triage.acknowledgements.secret must be at least "
                    + AlertAcknowledgements.MIN_SECRET_BYTES + " bytes");
        }
        return AlertAcknowledgements.builder(secret).validity(settings.getValidity()).build();
    }

    @Bean
    @ConditionalOnMissingBean
    TriageActivity ticketTriageActivity() {
        return new TriageActivity();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    TicketTriage ticketTriage(TicketTriageProperties properties, TicketRepository repository, Classifier classifier,
                              Taxonomy taxonomy, RoutingRules rules, ObjectProvider<NotifierRegistration> notifiers,
                              ObjectProvider<TriageListener> listeners, ObjectProvider<AlertAcknowledgements> acknowledgements) {
        TicketTriage.Builder builder = TicketTriage.builder().repository(repository).classifier(classifier)
                .taxonomy(taxonomy).rules(rules)
                .workers(WorkerConfig.ofDefaults().withWorkers(properties.getWorkers()))
                .intake(dev.tickettriage.pipeline.IntakeConfig.ofDefaults()
                        .withBacklog(properties.getBacklogCapacity(), properties.getSubmitTimeout()));
        Map<String, NotifierRegistration> byTarget = new LinkedHashMap<>();
        notifiers.orderedStream().forEach(registration -> {
            @Nullable NotifierRegistration previous = byTarget.putIfAbsent(registration.target(), registration);
            if (previous != null) {
                throw new IllegalStateException("Notification target '" + registration.target() + "' is served twice: by "
                        + previous.source() + " and by " + registration.source() + "; give one of them another target");
            }
            builder.notifier(registration.target(), registration.notifier());
        });
        if (properties.getNotify().getConsole().isEnabled()) builder.defaultNotifier(new LoggingNotifier());
        listeners.orderedStream().forEach(builder::listener);
        AlertAcknowledgements issuer = acknowledgements.getIfAvailable();
        if (issuer != null) builder.acknowledgements(issuer);
        return builder.build();
    }

    @Bean
    TicketTriageLifecycle ticketTriageLifecycle(TicketTriage triage) {
        return new TicketTriageLifecycle(triage);
    }
}
