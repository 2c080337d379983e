package dev.tickettriage;

import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.CorrectedLabels;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.ExpiredAcknowledgementTokenException;
import dev.tickettriage.error.InvalidAcknowledgementTokenException;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.error.TicketNotFoundException;
import dev.tickettriage.eval.LabelSelector;
import dev.tickettriage.eval.LabeledExample;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.notify.AlertAcknowledgements;
import dev.tickettriage.notify.LoggingNotifier;
import dev.tickettriage.notify.NotificationPolicy;
import dev.tickettriage.pipeline.DrainProgress;
import dev.tickettriage.pipeline.DrainReport;
import dev.tickettriage.pipeline.DeliveryConfig;
import dev.tickettriage.pipeline.IntakeConfig;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.DeadLetter;
import dev.tickettriage.port.Notifier;
import dev.tickettriage.port.Page;
import dev.tickettriage.port.TicketEvent;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
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
 * {@code support-alerts}), {@link AutomationPolicy#ofDefaults()}, {@link LoggingNotifier} for {@code support-alerts} (any other target a rule
 * names needs a notifier, or {@code build()} fails naming it),
 * {@link Clock#systemUTC()}, {@link WorkerConfig#ofDefaults()}. Building starts no thread; {@link #start()} does.
 * Thread-safe; close it to stop its threads.
 */
public final class TicketTriage implements AutoCloseable {


    private final TriagePipeline pipeline;
    private final @Nullable AlertAcknowledgements acknowledgements;

    private TicketTriage(TriagePipeline pipeline, @Nullable AlertAcknowledgements acknowledgements) {
        this.pipeline = pipeline;
        this.acknowledgements = acknowledgements;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates and stores a ticket, returning at once. A listener failing on the {@code Created} event never makes
     * it throw once the ticket is stored.
     *
     * @throws dev.tickettriage.error.TriageOverloadedException when the backlog stayed full for the submit timeout
     * @throws IllegalStateException after (or during) {@link #close()}; nothing is stored then
     */
    public Ticket submit(NewTicket ticket) {
        return pipeline.submit(ticket);
    }

    /**
     * Classifies and routes one ticket now, on the caller's thread.
     *
     * @throws dev.tickettriage.error.ClassificationException when the classifier fails, throws or answers nothing,
     *                                                        or the rules cannot route the answer
     */
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

    /**
     * Streams every ticket {@code query} selects, in its order, to {@code out} as CSV (RFC 4180) or JSON lines, one page
     * (the query's limit) at a time through keyset paging, so memory stays bounded however many tickets match; see
     * {@link dev.tickettriage.io.TicketExport} for the columns. {@code fields} are custom fields to add as CSV columns.
     * The writer is flushed, not closed.
     *
     * @return how many tickets were written
     * @throws java.io.UncheckedIOException when writing fails (what was written so far stays written)
     */
    public long export(TicketQuery query, dev.tickettriage.io.RecordFormat format, java.io.Writer out, java.util.List<String> fields) {
        Objects.requireNonNull(query, "query");
        dev.tickettriage.io.TicketExport export = dev.tickettriage.io.TicketExport.to(out, format, fields,
                new com.fasterxml.jackson.databind.ObjectMapper());
        TicketQuery page = query;
        while (true) {
            Page<Ticket> result = query(page);
            result.items().forEach(export::write);
            if (result.next().isEmpty()) return export.finish();
            page = page.next(result.next().get());
        }
    }

    /** Counts over every ticket. */
    public TicketStats stats() {
        return pipeline.stats(TicketQuery.all());
    }

    public TicketStats stats(TicketQuery query) {
        return pipeline.stats(query);
    }

    /**
     * Queue health for a dashboard or an alert, as of this facade's clock: how many tickets matching {@code query}
     * wait or are being worked on, how long the oldest of them has waited, and the time from creation to
     * classification (mean, p95) over the {@code sample} most recently created classified tickets; see
     * {@link dev.tickettriage.port.BacklogStats} ({@link dev.tickettriage.port.BacklogStats#DEFAULT_SAMPLE} is a
     * sensible sample). The query's processing-state filter, cursor and limit are ignored.
     *
     * @throws IllegalArgumentException when {@code sample} is below 1
     */
    public dev.tickettriage.port.BacklogStats backlogStats(TicketQuery query, int sample) {
        return pipeline.backlogStats(query, sample);
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


    // ---- agent commands, corrections and event statistics ----

    /**
     * Assigns a ticket to {@code assignee} on behalf of {@code actor}: audited ({@code assigned}) and published as
     * {@link TicketEvent.Assigned}. Assigning the current assignee changes nothing. Thread-safe, like every command.
     *
     * @throws TicketNotFoundException when there is no such ticket
     * @throws InvalidInputException when {@code assignee} or {@code actor} is blank, longer than 200 characters or
     *         contains control characters
     * @throws IllegalStateException after {@link #close()}
     */
    public Ticket assign(TicketId id, String assignee, String actor) {
        return pipeline.assign(id, assignee, actor);
    }

    /**
     * Removes a ticket's assignee: audited ({@code unassigned}) and published as {@link TicketEvent.Assigned} with no
     * assignee. Changes nothing when the ticket has none.
     *
     * @throws TicketNotFoundException when there is no such ticket
     * @throws InvalidInputException when {@code actor} is invalid
     */
    public Ticket unassign(TicketId id, String actor) {
        return pipeline.unassign(id, actor);
    }

    /**
     * Sets the priority in force ({@link Ticket#priority()}): audited ({@code priority-changed}) and published as
     * {@link TicketEvent.PriorityChanged}. Changes nothing when it already is {@code priority}. The classification's
     * predicted priority stays; use {@link #correct} to record that the prediction was wrong.
     *
     * @throws TicketNotFoundException when there is no such ticket
     * @throws InvalidInputException when {@code actor} is invalid
     */
    public Ticket setPriority(TicketId id, Priority priority, String actor) {
        return pipeline.setPriority(id, priority, actor);
    }

    /**
     * Adds a tag, checked like ticket input (trimmed, no whitespace, at most {@code maxTagLength} characters and
     * {@code maxTags} tags of {@link IntakeConfig#limits()}): audited ({@code tag-added}) and published as
     * {@link TicketEvent.TagsChanged}. Changes nothing when the ticket has the tag.
     *
     * @throws TicketNotFoundException when there is no such ticket
     * @throws InvalidInputException when the tag or actor is invalid, or the ticket has the maximum number of tags
     */
    public Ticket addTag(TicketId id, String tag, String actor) {
        return pipeline.addTag(id, tag, actor);
    }

    /**
     * Removes a tag: audited ({@code tag-removed}) and published as {@link TicketEvent.TagsChanged}. Changes nothing
     * when the ticket does not have it.
     *
     * @throws TicketNotFoundException when there is no such ticket
     * @throws InvalidInputException when the tag or actor is invalid
     */
    public Ticket removeTag(TicketId id, String tag, String actor) {
        return pipeline.removeTag(id, tag, actor);
    }

    /**
     * Replaces the suggested reply of a classified ticket with an agent's text, cleaned like a ticket body (NFC,
     * control characters other than tab and line feed stripped, trimmed, at most {@code maxBodyLength} characters):
     * audited ({@code reply-edited}, with the length only) and published as {@link TicketEvent.ReplyEdited}.
     * Reprocessing the ticket replaces it with the classifier's reply again.
     *
     * @throws TicketNotFoundException when there is no such ticket
     * @throws InvalidInputException when the text is blank, too long or not valid Unicode, the actor is invalid, or
     *         the ticket is not classified yet (field {@code suggestedReply})
     */
    public Ticket editSuggestedReply(TicketId id, String reply, String actor) {
        return pipeline.editSuggestedReply(id, reply, actor);
    }

    /**
     * Records a person's correction of the classification as ground truth ({@link Ticket#correction()}): what the
     * classifier predicted stays in {@link Ticket#classification()}, what {@code actor} decided is kept next to it.
     * A corrected priority also becomes the priority in force. A later correction overrides the labels it decides
     * and keeps the others. Audited ({@code corrected}, labels only) and published as {@link TicketEvent.Corrected};
     * export them with {@link #exportCorrections}.
     *
     * @throws TicketNotFoundException when there is no such ticket
     * @throws InvalidInputException (field {@code category}) when the category is not in the taxonomy, or when
     *         the actor is invalid
     */
    public Ticket correct(TicketId id, CorrectedLabels labels, String actor) {
        return pipeline.correct(id, labels, actor);
    }

    /**
     * Every ticket a person corrected for {@code field} ({@code CATEGORY}, {@code SENTIMENT} or {@code PRIORITY}) as a
     * labelled example for the {@code eval} package or for training: the text is {@link Ticket#text()} (subject and
     * body), the label the decided category id, or the decided sentiment's or priority's enum name (evaluate with
     * {@link LabelSelector#category()}, {@code LabelSelector.sentiment(Sentiment::name)} or
     * {@link LabelSelector#priority()}). Oldest first. The result holds ticket text: treat it as customer data.
     *
     * @throws IllegalArgumentException for another field
     */
    public List<LabeledExample> exportCorrections(ClassificationField field) {
        return pipeline.exportCorrections(field, TicketQuery.builder().limit(TicketQuery.MAX_LIMIT).build());
    }

    /**
     * {@link #exportCorrections(ClassificationField)} limited to the tickets {@code query} matches (every page; the
     * query's limit is the page size); {@link TicketQuery.Builder#corrected(boolean) corrected(true)} is implied.
     */
    public List<LabeledExample> exportCorrections(ClassificationField field, TicketQuery query) {
        return pipeline.exportCorrections(field, query);
    }

    /**
     * How many events listeners did not get: dropped because the event queue was full (a listener too slow; see
     * {@link TriageListener}), left in the queue at the end of the shutdown timeout, or published after close.
     */
    public long droppedEvents() {
        return pipeline.droppedEvents();
    }

    /**
     * Starts the background threads (claim workers, outbox dispatcher, scheduler, event dispatcher), all made by
     * {@link WorkerConfig#threadFactory()}. Idempotent. From now on listeners run on the event thread. Without it the
     * pipeline still accepts submits, and {@code drainBacklog} and {@code process} work on the caller's thread.
     */
    public TicketTriage start() {
        pipeline.start();
        return this;
    }

    /**
     * Up to {@code limit} notifications the dispatcher gave up on (dead letters), oldest first.
     *
     * @throws IllegalArgumentException when limit is below 1
     */
    public List<DeadLetter> deadLetters(int limit) {
        return pipeline.deadLetters(limit);
    }

    /** The next page of dead letters after {@code after} (the last one of the previous page), oldest first. */
    public List<DeadLetter> deadLettersAfter(DeadLetter after, int limit) {
        return pipeline.deadLettersAfter(after, limit);
    }

    /**
     * Puts one dead letter back for delivery (attempts reset, due now), recorded in its ticket's audit trail as
     * {@code notification-requeued} by {@code actor}.
     *
     * @return false when there is no dead letter with this id
     * @throws IllegalStateException after {@link #close()}
     */
    public boolean requeueDeadLetter(UUID id, String actor) {
        return pipeline.requeueDeadLetter(id, actor);
    }

    /**
     * Puts every dead letter back for delivery (one bulk step in the store: logged at INFO with the actor, not
     * audited per ticket).
     *
     * @return how many were requeued
     * @throws IllegalStateException after {@link #close()}
     */
    public int requeueAllDeadLetters(String actor) {
        return pipeline.requeueAllDeadLetters(actor);
    }

    /**
     * Acknowledges a ticket's alert with a token from {@link Builder#acknowledgements}'s
     * {@link AlertAcknowledgements#issue} (the link behind an ntfy "Acknowledge" button or an e-mail): the ticket gets
     * the tag {@value RoutingRules#ACKNOWLEDGED_TAG}, audited as {@code alert-acknowledged} by {@code actor} (detail:
     * the notification key) and published as {@link TicketEvent.TagsChanged}. From then on the SLA rules do not
     * escalate it, and a {@link NotificationPolicy} built with {@code skipAcknowledged} drops further notifications
     * about it. Acknowledging again changes nothing. Thread-safe.
     *
     * @return the ticket as stored
     * @throws ExpiredAcknowledgementTokenException when the token is correctly signed but expired
     * @throws InvalidAcknowledgementTokenException when the token is malformed, altered or signed with another secret
     * @throws TicketNotFoundException when the ticket no longer exists
     * @throws InvalidInputException when {@code actor} is blank, too long or has control characters
     * @throws IllegalStateException when no {@link Builder#acknowledgements} were configured, or after {@link #close()}
     */
    public Ticket acknowledge(String token, String actor) {
        Objects.requireNonNull(token, "token");
        if (acknowledgements == null) {
            throw new IllegalStateException("acknowledge needs TicketTriage.builder().acknowledgements(...)");
        }
        AlertAcknowledgements.Acknowledgement acknowledgement = acknowledgements.verify(token);
        return pipeline.acknowledge(acknowledgement.ticketId(), acknowledgement.notificationKey(), actor);
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
        private @Nullable AlertAcknowledgements acknowledgements;

        private Builder() {
        }

        /**
         * The issuer and verifier of alert acknowledgement tokens, which {@link TicketTriage#acknowledge} checks;
         * default none (then {@code acknowledge} throws {@link IllegalStateException}).
         */
        public Builder acknowledgements(AlertAcknowledgements acknowledgements) {
            this.acknowledgements = Objects.requireNonNull(acknowledgements, "acknowledgements");
            return this;
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

        /**
         * The notifier for every target without its own, set on purpose: with it, {@link #build()} accepts rules
         * naming any target. Default none: the embedded default rules' target ({@value RoutingRules#DEFAULT_ALERT_TARGET})
         * is served by a {@link LoggingNotifier}, and every other target the rules name needs {@link #notifier(String, Notifier)}.
         */
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

        /**
         * The notifier of every target the rules can notify. Without {@link #defaultNotifier}, the targets of the
         * embedded default rules ({@value RoutingRules#DEFAULT_ALERT_TARGET}) fall back to {@link LoggingNotifier};
         * any other target must have its own notifier.
         */
        private Map<String, Notifier> checkedNotifiers() {
            Map<String, Notifier> byTarget = new LinkedHashMap<>(notifiers);
            if (defaultNotifier != null) return byTarget;
            Set<String> named = new LinkedHashSet<>(rules.notificationTargets());
            if (slaRules != null) named.addAll(slaRules.notificationTargets());
            Set<String> embedded = RoutingRules.defaults().notificationTargets();
            Set<String> missing = new TreeSet<>();
            Notifier logging = new LoggingNotifier();
            for (String target : named) {
                if (byTarget.containsKey(target)) continue;
                if (embedded.contains(target)) {
                    byTarget.put(target, logging);
                } else {
                    missing.add(target);
                }
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("No notifier for notification target(s) " + missing + " named by the routing rules: "
                        + "register one with notifier(target, notifier), or set defaultNotifier(notifier) to serve every target");
            }
            return byTarget;
        }

        /**
         * Builds the pipeline; starts no thread (see {@link TicketTriage#start()}).
         *
         * @throws IllegalStateException naming the targets, when the routing or SLA rules notify a target with no
         *                               notifier and no {@link #defaultNotifier} was set
         */
        public TicketTriage build() {
            TicketRepository store = repository != null ? repository : InMemoryTicketRepository.builder().clock(clock).build();
            PipelineConfig config = new PipelineConfig(store, classifier != null ? classifier : RuleClassifier.ofDefaults(),
                    taxonomy, rules, slaRules, automation, checkedNotifiers(), defaultNotifier, listeners, clock, intake,
                    workers != null ? workers : WorkerConfig.ofDefaults(), delivery);
            return new TicketTriage(new TriagePipeline(config), acknowledgements);
        }
    }
}
