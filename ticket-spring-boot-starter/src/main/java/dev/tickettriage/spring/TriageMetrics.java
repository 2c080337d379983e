package dev.tickettriage.spring;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TicketStats;
import dev.tickettriage.port.TriageListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The pipeline's meters, fed by its events: {@code triage.tickets} (gauge, tag {@code state}: new, processing,
 * processed, failed) and {@code triage.tickets.status} (tag {@code status}), {@code triage.tickets.created},
 * {@code triage.classify.latency} (timer, tag {@code classifier}), {@code triage.classify.failures},
 * {@code triage.llm.tokens} (tags {@code classifier}, {@code type}: input/output), {@code triage.llm.cost} (USD),
 * {@code triage.notifications} (tags {@code target}, {@code outcome}: sent/failed) and {@code triage.events.dropped}.
 * Gauges read the store's stats at most once per {@link #STATS_MAX_AGE}. Thread-safe.
 */
public final class TriageMetrics implements MeterBinder, TriageListener {

    /** How long one stats read serves the ticket gauges. */
    public static final Duration STATS_MAX_AGE = Duration.ofSeconds(5);

    private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
    private final Supplier<TicketTriage> triage;
    private final Counter created;
    private volatile @Nullable TicketStats stats;
    private volatile long statsReadAt;

    TriageMetrics(Supplier<TicketTriage> triage) {
        this.triage = triage;
        this.created = Counter.builder("triage.tickets.created").description("Tickets submitted").register(meters);
        for (ProcessingState state : ProcessingState.values()) {
            Gauge.builder("triage.tickets", this, metrics -> metrics.stats().count(state))
                    .description("Tickets by processing state").tag("state", lower(state)).register(meters);
        }
        for (SupportStatus status : SupportStatus.values()) {
            Gauge.builder("triage.tickets.status", this, metrics -> metrics.stats().count(status))
                    .description("Tickets by support status").tag("status", lower(status)).register(meters);
        }
        Gauge.builder("triage.events.dropped", this, metrics -> metrics.triage.get().droppedEvents())
                .description("Events listeners did not get (queue full)").register(meters);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        meters.add(registry);
    }

    @Override
    public void onEvent(TicketEvent event) {
        if (event instanceof TicketEvent.Created) {
            created.increment();
        } else if (event instanceof TicketEvent.Classified classified) {
            Provenance provenance = classified.classification().provenance();
            String classifier = provenance.classifier();
            Timer.builder("triage.classify.latency").description("Classifier latency per ticket")
                    .tag("classifier", classifier).publishPercentileHistogram().register(meters).record(provenance.latency());
            if (provenance.tokenUsage().totalTokens() > 0) {
                tokens(classifier, "input").increment(provenance.tokenUsage().inputTokens());
                tokens(classifier, "output").increment(provenance.tokenUsage().outputTokens());
            }
            provenance.cost().ifPresent(cost -> Counter.builder("triage.llm.cost").baseUnit("usd")
                    .description("Estimated LLM cost").tag("classifier", classifier).register(meters).increment(cost.doubleValue()));
        } else if (event instanceof TicketEvent.Failed) {
            Counter.builder("triage.classify.failures").description("Failed classification attempts").register(meters).increment();
        } else if (event instanceof TicketEvent.NotificationDelivered delivered) {
            notifications(delivered.notification().target(), "sent").increment();
        } else if (event instanceof TicketEvent.NotificationDeadLettered deadLettered) {
            notifications(deadLettered.notification().target(), "failed").increment();
        }
    }

    private Counter tokens(String classifier, String type) {
        return Counter.builder("triage.llm.tokens").baseUnit("tokens").description("LLM tokens used")
                .tag("classifier", classifier).tag("type", type).register(meters);
    }

    private Counter notifications(String target, String outcome) {
        return Counter.builder("triage.notifications").description("Notifications delivered (sent) or dead-lettered (failed)")
                .tag("target", target).tag("outcome", outcome).register(meters);
    }

    private TicketStats stats() {
        TicketStats current = stats;
        long now = System.nanoTime();
        if (current == null || now - statsReadAt > STATS_MAX_AGE.toNanos()) {
            current = triage.get().stats();
            stats = current;
            statsReadAt = now;
        }
        return current;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
