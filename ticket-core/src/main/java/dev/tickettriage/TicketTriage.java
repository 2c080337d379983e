package dev.tickettriage;

import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.notify.LoggingNotifier;
import dev.tickettriage.pipeline.DrainProgress;
import dev.tickettriage.pipeline.DrainReport;
import dev.tickettriage.pipeline.DeliveryConfig;
import dev.tickettriage.pipeline.IntakeConfig;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.Notifier;
import dev.tickettriage.port.Page;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.port.TicketRepository;
import dev.tickettriage.port.TicketStats;
import dev.tickettriage.port.TriageListener;
import dev.tickettriage.rules.AutomationPolicy;
import dev.tickettriage.rules.RoutingRules;
import dev.tickettriage.rules.SlaPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: triages support tickets with embedded defaults you can replace one by one.
 *
 * <pre>{@code
 * try (TicketTriage triage = TicketTriage.builder()
 *         .notifier("support-alerts", myNtfyNotifier)   // default: log notifications
 *         .build()
 *         .start()) {
 *     Ticket ticket = triage.submit(NewTicket.builder().subject("Refund").body("I was charged twice!").build());
 *     triage.drainBacklog();                             // or let the background workers do it
 * }
 * }</pre>
 *
 * <p>Defaults: {@link InMemoryTicketRepository} (also the outbox), {@link RuleClassifier#ofDefaults()},
 * {@link Taxonomy#defaultSupport()}, {@link RoutingRules#defaults()} (negative sentiment -> push alert to
 * {@code support-alerts}), {@link AutomationPolicy#ofDefaults()}, {@link LoggingNotifier} for every target,
 * {@link Clock#systemUTC()}, {@link WorkerConfig#ofDefaults()}. Building starts no thread; {@link #start()} does.
 * Thread-safe; close it to stop its threads.
 */
public final class TicketTriage implements AutoCloseable {


    private final TriagePipeline pipeline;

    private TicketTriage(TriagePipeline pipeline) {
        this.pipeline = pipeline;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Validates and stores a ticket, returning at once. */
    public Ticket submit(NewTicket ticket) {
        return pipeline.submit(ticket);
    }

    /** Classifies and routes one ticket now, on the caller's thread. */
    public Ticket process(TicketId id) {
        return pipeline.process(id);
    }

    /** Classifies every unprocessed ticket and delivers the notifications. */
    public DrainReport drainBacklog(DrainProgress progress) {
        return pipeline.drainBacklog(progress);
    }

    /** {@link #drainBacklog(DrainProgress)} without progress reports. */
    public DrainReport drainBacklog() {
        return pipeline.drainBacklog(DrainProgress.NONE);
    }

    /** Waits until nothing is left to classify or deliver. */
    public boolean awaitIdle(Duration timeout) {
        return pipeline.awaitIdle(timeout);
    }

    /** Puts a PROCESSED or FAILED ticket back in the queue. */
    public Ticket requeue(TicketId id, String actor) {
        return pipeline.requeue(id, actor);
    }

    /** Moves a ticket through the support lifecycle. */
    public Ticket changeStatus(TicketId id, SupportStatus status, String actor) {
        return pipeline.changeStatus(id, status, actor);
    }

    /** Runs the SLA escalation rules now. */
    public int checkSla() {
        return pipeline.checkSla();
    }

    public Optional<Ticket> find(TicketId id) {
        return pipeline.find(id);
    }

    public Page<Ticket> query(TicketQuery query) {
        return pipeline.query(query);
    }

    /** Counts over every ticket. */
    public TicketStats stats() {
        return pipeline.stats(TicketQuery.all());
    }

    public TicketStats stats(TicketQuery query) {
        return pipeline.stats(query);
    }

    /**
     * Counts for custom classification field {@code field} (declared on the taxonomy) over the tickets matching
     * {@code query}: matched, filled, and per value; see {@link dev.tickettriage.port.FieldStats}.
     *
     * @throws IllegalArgumentException when {@code field} is not a valid field name
     */
    public dev.tickettriage.port.FieldStats fieldStats(TicketQuery query, String field) {
        return pipeline.fieldStats(query, field);
    }

    public List<AuditEntry> auditTrail(TicketId id) {
        return pipeline.auditTrail(id);
    }

    /**
     * Starts the background threads (claim workers, outbox dispatcher, scheduler). Idempotent. Without it the
     * pipeline still accepts submits, and {@code drainBacklog} and {@code process} work on the caller's thread.
     */
    public TicketTriage start() {
        pipeline.start();
        return this;
    }

    /** Stops gracefully. */
    @Override
    public void close() {
        pipeline.close();
    }

    @Override
    public String toString() {
        return "TicketTriage[" + pipeline + "]";
    }

    /**
     * Builds a {@link TicketTriage}; every setting has a default. Building starts no thread: call
     * {@link TicketTriage#start()} (or let your framework's lifecycle do it) once the store is ready. Not thread-safe.
     */
    public static final class Builder {
        private @Nullable TicketRepository repository;
        private @Nullable Classifier classifier;
        private Taxonomy taxonomy = Taxonomy.defaultSupport();
        private RoutingRules rules = RoutingRules.defaults();
        private @Nullable RoutingRules slaRules;
        private AutomationPolicy automation = AutomationPolicy.ofDefaults();
        private final Map<String, Notifier> notifiers = new LinkedHashMap<>();
        private @Nullable Notifier defaultNotifier;
        private final List<TriageListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private IntakeConfig intake = IntakeConfig.ofDefaults();
        private @Nullable WorkerConfig workers;
        private DeliveryConfig delivery = DeliveryConfig.ofDefaults();

        private Builder() {
        }

        /** Where tickets live, and the outbox it writes with them; default a new {@link InMemoryTicketRepository}. */
        public Builder repository(TicketRepository repository) {
            this.repository = Objects.requireNonNull(repository, "repository");
            return this;
        }

        /** Default {@link RuleClassifier#ofDefaults()}. */
        public Builder classifier(Classifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /** The only categories classifications may use; default {@link Taxonomy#defaultSupport()}. */
        public Builder taxonomy(Taxonomy taxonomy) {
            this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
            return this;
        }

        /** Routing rules run after each classification; default {@link RoutingRules#defaults()}. */
        public Builder rules(RoutingRules rules) {
            this.rules = Objects.requireNonNull(rules, "rules");
            return this;
        }

        /** Confidence gates for applying classifier output; default {@link AutomationPolicy#ofDefaults()}. */
        public Builder automation(AutomationPolicy automation) {
            this.automation = Objects.requireNonNull(automation, "automation");
            return this;
        }

        /**
         * Escalate unresolved tickets past their SLA and notify {@code target}; off by default. The sweep runs every
         * {@link WorkerConfig#slaCheckInterval()}.
         */
        public Builder slaEscalation(SlaPolicy policy, String target) {
            this.slaRules = RoutingRules.slaEscalation(Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(target, "target"));
            return this;
        }

        /** The notifier for targets without their own; default {@link LoggingNotifier}. */
        public Builder defaultNotifier(Notifier notifier) {
            this.defaultNotifier = Objects.requireNonNull(notifier, "notifier");
            return this;
        }

        /** The notifier for one target, for example {@code support-alerts}. */
        public Builder notifier(String target, Notifier notifier) {
            Objects.requireNonNull(target, "target");
            if (target.isBlank()) throw new IllegalArgumentException("target must not be blank");
            notifiers.put(target, Objects.requireNonNull(notifier, "notifier"));
            return this;
        }

        /** Adds a listener for ticket events. */
        public Builder listener(TriageListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Input limits and backpressure for {@code submit}; default {@link IntakeConfig#ofDefaults()}. */
        public Builder intake(IntakeConfig intake) {
            this.intake = Objects.requireNonNull(intake, "intake");
            return this;
        }

        /** Background classification: claim threads, in-flight limits, leases, retries; default {@link WorkerConfig#ofDefaults()}. */
        public Builder workers(WorkerConfig workers) {
            this.workers = Objects.requireNonNull(workers, "workers");
            return this;
        }

        /** Notification delivery from the outbox; default {@link DeliveryConfig#ofDefaults()}. */
        public Builder delivery(DeliveryConfig delivery) {
            this.delivery = Objects.requireNonNull(delivery, "delivery");
            return this;
        }

        /** Builds the pipeline; starts no thread (see {@link TicketTriage#start()}). */
        public TicketTriage build() {
            TicketRepository store = repository != null ? repository : InMemoryTicketRepository.builder().clock(clock).build();
            Notifier fallbackNotifier = defaultNotifier != null ? defaultNotifier : new LoggingNotifier();
            PipelineConfig config = new PipelineConfig(store, classifier != null ? classifier : RuleClassifier.ofDefaults(),
                    taxonomy, rules, slaRules, automation, notifiers, fallbackNotifier, listeners, clock, intake,
                    workers != null ? workers : WorkerConfig.ofDefaults(), delivery);
            return new TicketTriage(new TriagePipeline(config));
        }
    }
}
