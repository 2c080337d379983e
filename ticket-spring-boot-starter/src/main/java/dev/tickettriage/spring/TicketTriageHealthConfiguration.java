package dev.tickettriage.spring;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.TicketStats;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator health indicators {@code ticketStore}, {@code ticketClassifier} and {@code ticketNotifier} (when
 * spring-boot-actuator is on the classpath; off with {@code management.health.ticket-triage.enabled=false}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnProperty(prefix = "management.health.ticket-triage", name = "enabled", matchIfMissing = true)
class TicketTriageHealthConfiguration {

    /** After this many failed classification attempts in a row (none succeeding), the classifier reports DOWN. */
    static final int CLASSIFIER_DOWN_AFTER = 5;
    /** After this many dead letters in a row (none delivered), the notifiers report DOWN. */
    static final int NOTIFIER_DOWN_AFTER = 3;
    private static final int DEAD_LETTERS_SHOWN = 100;

    @Bean
    @ConditionalOnMissingBean(name = "ticketStoreHealthIndicator")
    HealthIndicator ticketStoreHealthIndicator(TicketTriage triage) {
        return () -> {
            long started = System.nanoTime();
            TicketStats stats = triage.stats();   // one aggregate read: the store answers or this throws
            return Health.up().withDetail("tickets", stats.total())
                    .withDetail("backlog", stats.count(ProcessingState.NEW) + stats.count(ProcessingState.PROCESSING))
                    .withDetail("responseMillis", (System.nanoTime() - started) / 1_000_000).build();
        };
    }

    @Bean
    @ConditionalOnMissingBean(name = "ticketClassifierHealthIndicator")
    HealthIndicator ticketClassifierHealthIndicator(Classifier classifier, TriageActivity activity) {
        return () -> {
            Health.Builder health = activity.failuresInARow() >= CLASSIFIER_DOWN_AFTER ? Health.down() : Health.up();
            health.withDetail("classifier", classifier.name())
                    .withDetail("classified", activity.classified())
                    .withDetail("failedAttempts", activity.failed())
                    .withDetail("failuresInARow", activity.failuresInARow());
            activity.lastClassifiedAt().ifPresent(at -> health.withDetail("lastClassifiedAt", at.toString()));
            activity.lastFailure().ifPresent(reason -> health.withDetail("lastFailure", reason));
            return health.build();
        };
    }

    @Bean
    @ConditionalOnMissingBean(name = "ticketNotifierHealthIndicator")
    HealthIndicator ticketNotifierHealthIndicator(TicketTriage triage, TriageActivity activity) {
        return () -> {
            Health.Builder health = activity.deadLettersInARow() >= NOTIFIER_DOWN_AFTER ? Health.down() : Health.up();
            int waiting = triage.deadLetters(DEAD_LETTERS_SHOWN).size();
            return health.withDetail("delivered", activity.delivered())
                    .withDetail("deadLettered", activity.deadLettered())
                    .withDetail("deadLettersInARow", activity.deadLettersInARow())
                    .withDetail("deadLettersWaiting", waiting == DEAD_LETTERS_SHOWN ? DEAD_LETTERS_SHOWN + "+" : String.valueOf(waiting))
                    .build();
        };
    }
}
