package dev.tickettriage;

import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.TicketLimits;
import dev.tickettriage.pipeline.DeliveryConfig;
import dev.tickettriage.pipeline.IntakeConfig;
import dev.tickettriage.pipeline.RetryPolicy;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.NotificationOutbox;
import dev.tickettriage.port.Notifier;
import dev.tickettriage.port.TicketRepository;
import dev.tickettriage.port.TriageListener;
import dev.tickettriage.rules.AutomationPolicy;
import dev.tickettriage.rules.RoutingRules;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything the engine is made of, with no defaults: {@link TicketTriage.Builder} fills them in. Not API.
 *
 * @param notifiers       notifiers by target; {@code defaultNotifier} serves targets not in the map (may be null)
 * @param slaRules        rules run by the SLA sweep over unresolved tickets; null when SLA escalation is off
 */
record PipelineConfig(TicketRepository repository, Classifier classifier, Taxonomy taxonomy, RoutingRules rules,
                      @Nullable RoutingRules slaRules, AutomationPolicy automation, Map<String, Notifier> notifiers,
                      @Nullable Notifier defaultNotifier, List<TriageListener> listeners, Clock clock, IntakeConfig intake,
                      WorkerConfig work, DeliveryConfig delivery) {

    PipelineConfig {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(taxonomy, "taxonomy");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(automation, "automation");
        notifiers = Map.copyOf(notifiers);
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(delivery, "delivery");
    }

    /** The outbox the repository writes in the same transaction as its tickets. */
    NotificationOutbox outbox() {
        return repository.outbox();
    }

    /** The notifier for a target: its own, else the default. */
    Optional<Notifier> notifierFor(String target) {
        Notifier notifier = notifiers.get(target);
        return Optional.ofNullable(notifier != null ? notifier : defaultNotifier);
    }

    TicketLimits limits() {
        return intake.limits();
    }

    int backlogCapacity() {
        return intake.backlogCapacity();
    }

    Duration submitTimeout() {
        return intake.submitTimeout();
    }

    RetryPolicy classificationRetry() {
        return work.retry();
    }

    RetryPolicy notificationRetry() {
        return delivery.retry();
    }

    int workers() {
        return work.workers();
    }

    /** Tickets per classifier call: the override in {@link WorkerConfig#batchSize()}, else what the classifier declares. */
    int batchSize() {
        return work.batchSize() > 0 ? work.batchSize() : classifier.limits().preferredBatchSize();
    }

    /** Classifier calls kept running at once: the override in {@link WorkerConfig#maxInFlight()}, else what the classifier declares. */
    int maxInFlight() {
        return work.maxInFlight() > 0 ? work.maxInFlight() : classifier.limits().maxInFlight();
    }

    Duration leaseDuration() {
        return work.leaseDuration();
    }

    Duration pollInterval() {
        return work.pollInterval();
    }

    @Nullable Duration slaCheckInterval() {
        return slaRules == null ? null : work.slaCheckInterval();
    }

    RoutingRules slaRulesOrNone() {
        return slaRules == null ? RoutingRules.none() : slaRules;
    }

    Duration shutdownTimeout() {
        return work.shutdownTimeout();
    }

    String instanceId() {
        return work.instanceId();
    }
}
