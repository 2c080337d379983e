package dev.tickettriage;

import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.domain.TicketLimits;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.memory.LoggingNotifier;
import dev.tickettriage.pipeline.DrainProgress;
import dev.tickettriage.pipeline.DrainReport;
import dev.tickettriage.pipeline.PipelineConfig;
import dev.tickettriage.pipeline.RetryPolicy;
import dev.tickettriage.pipeline.TriagePipeline;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.NotificationOutbox;
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
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: triages support tickets with embedded defaults you can replace one by one.
 *
 * <pre>{@code
 * try (TicketTriage triage = TicketTriage.builder()
 *         .notifier("support-alerts", myNtfyNotifier)   // default: log notifications
 *         .build()) {
 *     Ticket ticket = triage.submit(NewTicket.builder().subject("Refund").body("I was charged twice!").build());
 *     triage.drainBacklog();                             // or let the background workers do it
 * }
 * }</pre>
 *
 * <p>Defaults: {@link InMemoryTicketRepository} (also the outbox), {@link RuleClassifier#ofDefaults()},
 * {@link Taxonomy#defaultSupport()}, {@link RoutingRules#defaults()} (negative sentiment -> push alert to
 * {@code support-alerts}), {@link AutomationPolicy#ofDefaults()}, {@link LoggingNotifier} for every target,
 * {@link Clock#systemUTC()}, {@value #DEFAULT_WORKERS} workers. Thread-safe; close it to stop its threads.
 */
public final class TicketTriage implements AutoCloseable {

    public static final int DEFAULT_WORKERS = 4;
    public static final int DEFAULT_BATCH_SIZE = 16;
    public static final int DEFAULT_BACKLOG_CAPACITY = 10_000;
    public static final Duration DEFAULT_SUBMIT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofMinutes(5);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_SLA_CHECK_INTERVAL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private final TriagePipeline pipeline;

    private TicketTriage(TriagePipeline pipeline) {
        this.pipeline = pipeline;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Validates and stores a ticket, returning at once; see {@link TriagePipeline#submit}. */
    public Ticket submit(NewTicket ticket) {
        return pipeline.submit(ticket);
    }

    /** Classifies and routes one ticket now, on the caller's thread; see {@link TriagePipeline#process}. */
    public Ticket process(TicketId id) {
        return pipeline.process(id);
    }

    /** Classifies every unprocessed ticket and delivers the notifications; see {@link TriagePipeline#drainBacklog}. */
    public DrainReport drainBacklog(DrainProgress progress) {
        return pipeline.drainBacklog(progress);
    }

    /** {@link #drainBacklog(DrainProgress)} without progress reports. */
    public DrainReport drainBacklog() {
        return pipeline.drainBacklog(DrainProgress.NONE);
    }

    /** Waits until nothing is left to classify or deliver; see {@link TriagePipeline#awaitIdle}. */
    public boolean awaitIdle(Duration timeout) {
        return pipeline.awaitIdle(timeout);
    }

    /** Puts a PROCESSED or FAILED ticket back in the queue; see {@link TriagePipeline#requeue}. */
    public Ticket requeue(TicketId id, String actor) {
        return pipeline.requeue(id, actor);
    }

    /** Moves a ticket through the support lifecycle; see {@link TriagePipeline#changeStatus}. */
    public Ticket changeStatus(TicketId id, SupportStatus status, String actor) {
        return pipeline.changeStatus(id, status, actor);
    }

    /** Runs the SLA escalation rules now; see {@link TriagePipeline#checkSla}. */
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

    public List<AuditEntry> auditTrail(TicketId id) {
        return pipeline.auditTrail(id);
    }

    /** The engine behind this facade. */
    public TriagePipeline pipeline() {
        return pipeline;
    }

    /** Stops gracefully; see {@link TriagePipeline#close()}. */
    @Override
    public void close() {
        pipeline.close();
    }

    @Override
    public String toString() {
        return "TicketTriage[" + pipeline + "]";
    }

    /** Builds a {@link TicketTriage}; every setting has a default. Not thread-safe. */
    public static final class Builder {
        private @Nullable TicketRepository repository;
        private @Nullable NotificationOutbox outbox;
        private @Nullable Classifier classifier;
        private Taxonomy taxonomy = Taxonomy.defaultSupport();
        private RoutingRules rules = RoutingRules.defaults();
        private RoutingRules slaRules = RoutingRules.none();
        private boolean slaConfigured;
        private AutomationPolicy automation = AutomationPolicy.ofDefaults();
        private final Map<String, Notifier> notifiers = new LinkedHashMap<>();
        private @Nullable Notifier defaultNotifier;
        private final List<TriageListener> listeners = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private TicketLimits limits = TicketLimits.ofDefaults();
        private RetryPolicy retryPolicy = RetryPolicy.ofDefaults();
        private RetryPolicy notificationRetryPolicy = RetryPolicy.ofDefaults().withMaxAttempts(8);
        private int workers = DEFAULT_WORKERS;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private int backlogCapacity = DEFAULT_BACKLOG_CAPACITY;
        private Duration submitTimeout = DEFAULT_SUBMIT_TIMEOUT;
        private Duration leaseDuration = DEFAULT_LEASE_DURATION;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;
        private Duration slaCheckInterval = DEFAULT_SLA_CHECK_INTERVAL;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private @Nullable String instanceId;

        private Builder() {
        }

        /** Where tickets live; default a new {@link InMemoryTicketRepository}. Also the outbox when it implements {@link NotificationOutbox}. */
        public Builder repository(TicketRepository repository) {
            this.repository = Objects.requireNonNull(repository, "repository");
            return this;
        }

        /** The notification outbox; default the repository, which must then implement {@link NotificationOutbox}. */
        public Builder outbox(NotificationOutbox outbox) {
            this.outbox = Objects.requireNonNull(outbox, "outbox");
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

        /** Escalate unresolved tickets past their SLA and notify {@code target}; off by default. */
        public Builder slaEscalation(SlaPolicy policy, String target) {
            this.slaRules = RoutingRules.slaEscalation(Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(target, "target"));
            this.slaConfigured = true;
            return this;
        }

        /** How often background workers run the SLA check; default one minute. */
        public Builder slaCheckInterval(Duration interval) {
            this.slaCheckInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** The notifier for every target without its own; default {@link LoggingNotifier}. */
        public Builder notifier(Notifier notifier) {
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

        /** Input size limits; default {@link TicketLimits#ofDefaults()}. */
        public Builder ticketLimits(TicketLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Retries of retryable classification failures; default {@link RetryPolicy#ofDefaults()}. */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Retries of retryable notification failures; default 8 attempts, 2 s doubling to 5 min. */
        public Builder notificationRetryPolicy(RetryPolicy policy) {
            this.notificationRetryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Background worker threads; 0 means none (call drainBacklog or process yourself). Default {@value #DEFAULT_WORKERS}. */
        public Builder workers(int workers) {
            if (workers < 0) throw new IllegalArgumentException("workers must be >= 0, was " + workers);
            this.workers = workers;
            return this;
        }

        /** Tickets claimed and classified per batch; default {@value #DEFAULT_BATCH_SIZE}. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /**
         * At most this many submitted tickets wait unfinished; a submit beyond it blocks up to {@code submitTimeout}
         * and then fails with TriageOverloadedException. Default {@value #DEFAULT_BACKLOG_CAPACITY}, 30 s.
         */
        public Builder backlog(int capacity, Duration submitTimeout) {
            if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
            this.backlogCapacity = capacity;
            this.submitTimeout = Objects.requireNonNull(submitTimeout, "submitTimeout");
            return this;
        }

        /** How long a claim holds a ticket before another worker may take it; default 5 minutes. */
        public Builder leaseDuration(Duration leaseDuration) {
            this.leaseDuration = Objects.requireNonNull(leaseDuration, "leaseDuration");
            return this;
        }

        /** How long idle workers wait before looking for work again; default 500 ms. */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
            return this;
        }

        /** How long close() waits for workers and notifications; default 30 s. */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
            return this;
        }

        /** Names this instance's leases; default a random id. Must be unique among instances sharing a store. */
        public Builder instanceId(String instanceId) {
            this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
            return this;
        }

        /**
         * Builds and starts the pipeline (its workers start at once).
         *
         * @throws IllegalStateException when the repository is not an outbox and no outbox was given
         */
        public TicketTriage build() {
            TicketRepository store = repository != null ? repository : InMemoryTicketRepository.builder().clock(clock).build();
            NotificationOutbox box = outbox;
            if (box == null) {
                if (!(store instanceof NotificationOutbox)) {
                    throw new IllegalStateException("outbox is required: the repository " + store.getClass().getName()
                            + " does not implement NotificationOutbox");
                }
                box = (NotificationOutbox) store;
            }
            Notifier fallbackNotifier = defaultNotifier != null ? defaultNotifier : new LoggingNotifier();
            String id = instanceId != null ? instanceId : "triage-" + UUID.randomUUID().toString().substring(0, 8);
            PipelineConfig config = new PipelineConfig(store, box, classifier != null ? classifier : RuleClassifier.ofDefaults(),
                    taxonomy, rules, slaRules, automation, notifiers, fallbackNotifier, listeners, clock, limits, retryPolicy,
                    notificationRetryPolicy, workers, batchSize, backlogCapacity, submitTimeout, leaseDuration, pollInterval,
                    slaConfigured ? slaCheckInterval : null, shutdownTimeout, id);
            return new TicketTriage(new TriagePipeline(config));
        }
    }
}
