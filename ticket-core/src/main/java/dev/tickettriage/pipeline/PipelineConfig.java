package dev.tickettriage.pipeline;

import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.TicketLimits;
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
 * Everything a {@link TriagePipeline} is made of, with no defaults: the facade
 * {@code dev.tickettriage.TicketTriage} fills them in. Hosts normally use that facade's builder.
 *
 * @param notifiers        notifiers by target; {@code defaultNotifier} serves targets not in the map (may be null)
 * @param slaRules         rules run by {@link TriagePipeline#checkSla()} over unresolved tickets
 * @param workers          background worker threads; 0 runs nothing in the background (call drainBacklog)
 * @param batchSize        tickets claimed (and classified with {@code classifyAll}) at once
 * @param pollInterval     how long an idle worker waits before looking for work again (retries, other instances)
 * @param instanceId       names this instance's leases, unique per process
 */
public record PipelineConfig(TicketRepository repository, NotificationOutbox outbox, Classifier classifier, Taxonomy taxonomy,
                             RoutingRules rules, RoutingRules slaRules, AutomationPolicy automation,
                             Map<String, Notifier> notifiers, @Nullable Notifier defaultNotifier, List<TriageListener> listeners,
                             Clock clock, TicketLimits limits, RetryPolicy classificationRetry, RetryPolicy notificationRetry,
                             int workers, int batchSize, int backlogCapacity, Duration submitTimeout, Duration leaseDuration,
                             Duration pollInterval, @Nullable Duration slaCheckInterval, Duration shutdownTimeout, String instanceId) {

    public PipelineConfig {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(taxonomy, "taxonomy");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(slaRules, "slaRules");
        Objects.requireNonNull(automation, "automation");
        notifiers = Map.copyOf(notifiers);
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(classificationRetry, "classificationRetry");
        Objects.requireNonNull(notificationRetry, "notificationRetry");
        if (workers < 0) throw new IllegalArgumentException("workers must be >= 0, was " + workers);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        if (backlogCapacity < 1) throw new IllegalArgumentException("backlogCapacity must be >= 1, was " + backlogCapacity);
        positive(submitTimeout, "submitTimeout", true);
        positive(leaseDuration, "leaseDuration", false);
        positive(pollInterval, "pollInterval", false);
        if (slaCheckInterval != null) positive(slaCheckInterval, "slaCheckInterval", false);
        positive(shutdownTimeout, "shutdownTimeout", true);
        Objects.requireNonNull(instanceId, "instanceId");
        if (instanceId.isBlank()) throw new IllegalArgumentException("instanceId must not be blank");
    }

    private static void positive(Duration value, String name, boolean zeroAllowed) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "zero or positive" : "positive") + ", was " + value);
        }
    }

    /** The notifier for a target: its own, else the default. */
    Optional<Notifier> notifierFor(String target) {
        Notifier notifier = notifiers.get(target);
        return Optional.ofNullable(notifier != null ? notifier : defaultNotifier);
    }
}
