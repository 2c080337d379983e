package dev.tickettriage;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.CorrectedLabels;
import dev.tickettriage.domain.Correction;
import dev.tickettriage.domain.IdempotencyKey;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketFactory;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.error.StorageException;
import dev.tickettriage.eval.LabeledExample;
import dev.tickettriage.internal.Text;
import dev.tickettriage.error.TicketNotFoundException;
import dev.tickettriage.pipeline.DrainProgress;
import dev.tickettriage.pipeline.DrainReport;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.DeadLetter;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.Page;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.port.TicketRepository.InsertResult;
import dev.tickettriage.port.TicketStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The triage engine: stores submitted tickets, classifies them on background workers that claim work
 * through repository leases, routes them, and delivers notifications from the outbox. Hosts normally build
 * it through {@code dev.tickettriage.TicketTriage}, which supplies embedded defaults.
 *
 * <p>Thread-safe. Background threads are daemon threads; call {@link #close()} to stop them gracefully.
 */
final class TriagePipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TriagePipeline.class);
    private static final int STATUS_RETRIES = 5;
    private static final int DISPATCH_BATCH = 64;
    private static final long RECONCILE_ON_SUBMIT_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private static final Duration EVENT_FLUSH_MINIMUM = Duration.ofMillis(100);

    private final PipelineConfig config;
    private final TicketFactory factory;
    private final Events events;
    private final SubmitPermits permits;
    private final WakeSignal workSignal = new WakeSignal();
    private final WakeSignal outboxSignal = new WakeSignal();
    private final TicketProcessor processor;
    private final ClassifierCalls calls;
    private final RetryWakeups wakeups;
    private final AtomicLong lastReconcileNanos = new AtomicLong(System.nanoTime() - RECONCILE_ON_SUBMIT_EVERY_NANOS);
    private final OutboxDispatcher dispatcher;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final BackgroundThreads threads;
    private volatile dev.tickettriage.port.TicketRepository.WorkSubscription workSubscription =
            dev.tickettriage.port.TicketRepository.WorkSubscription.NONE;

    TriagePipeline(PipelineConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.factory = new TicketFactory(config.limits());
        this.events = Events.forPipeline(config);
        this.permits = new SubmitPermits(config.backlogCapacity());
        this.wakeups = new RetryWakeups(config.clock(), workSignal);
        this.processor = new TicketProcessor(config, events, permits, outboxSignal::signal, wakeups::wakeAt);
        this.calls = new ClassifierCalls(config, processor, wakeups::wakeAt);
        this.dispatcher = new OutboxDispatcher(config, events);
        this.threads = new BackgroundThreads(config, calls, dispatcher, workSignal, outboxSignal, wakeups, closed::get,
                this::reconcileBacklog, this::checkSlaQuietly);
    }

    /** Starts the background threads; idempotent. */
    void start() {
        ensureOpen();
        if (!started.compareAndSet(false, true)) return;
        events.start(); // from now on listeners run on the event thread, not on workers or callers
        threads.start();
        subscribeToOtherInstances();
        LOG.info("Ticket triage started: instance {}, {} claim thread(s), classifier {} ({} call(s) in flight, {} ticket(s) per call), "
                        + "taxonomy {}, backlog capacity {}", config.instanceId(), config.workers(), config.classifier().name(),
                calls.maxInFlight(), calls.batchSize(), config.taxonomy().version(), config.backlogCapacity());
    }

    /** Lets the store wake the loops when another instance submits or queues work; polling stays the fallback. */
    private void subscribeToOtherInstances() {
        try {
            workSubscription = config.repository().onWorkAvailable(kind -> {
                if (kind == dev.tickettriage.port.WorkAvailable.NOTIFICATIONS) {
                    outboxSignal.signal();
                } else {
                    workSignal.signal();
                }
            });
        } catch (RuntimeException e) {   // the store could not subscribe: polling alone still finds every ticket
            LOG.warn("The store could not notify this instance of work from other instances ({}); polling every {}",
                    e.getClass().getName(), config.pollInterval());
        }
    }

    /**
     * Validates and stores a new ticket (state NEW) and returns it at once; workers classify it later. A
     * submit with an idempotency key seen before returns the ticket stored the first time.
     *
     * @throws dev.tickettriage.error.InvalidTicketException when the input breaks a rule (nothing stored)
     * @throws dev.tickettriage.error.TriageOverloadedException when the backlog stayed full for the submit timeout
     * @throws IllegalStateException after {@link #close()}, also when the pipeline closes while the submit waits for
     *                               backlog room (nothing is stored then)
     */
    public Ticket submit(NewTicket input) {
        ensureOpen();
        Ticket ticket = factory.create(input, config.clock().instant());
        Optional<IdempotencyKey> key = factory.idempotencyKey(input);
        permits.acquire(config.submitTimeout(), this::reconcileIfDue);
        InsertResult result;
        try {
            ensureOpen();
            result = config.repository().insert(ticket, key.orElse(null));
        } catch (RuntimeException e) {
            permits.giveBack();
            throw e;
        }
        if (!result.created()) {
            permits.giveBack();
            factory.requireSameRequest(result.ticket(), ticket);
            return result.ticket();
        }
        Ticket created = result.ticket();
        permits.track(created);
        publishQuietly(seq -> new TicketEvent.Created(seq, created, created.createdAt()));
        workSignal.signal();
        return created;
    }

    /** Publishes an event; nothing a listener throws (not even an Error) reaches the caller. */
    private void publishQuietly(java.util.function.LongFunction<? extends TicketEvent> event) {
        try {
            events.publish(event);
        } catch (Throwable thrown) {
            LOG.warn("A listener threw {}; ignored", thrown.getClass().getName());
            LOG.debug("A listener threw", thrown);
        }
    }

    /**
     * Classifies and routes one ticket now, on the caller's thread, whatever its processing state (use it
     * to reclassify). A worker holding the ticket loses its result.
     *
     * @throws TicketNotFoundException when there is no such ticket
     * @throws ClassificationException when the classifier fails, throws anything or answers nothing, when the answer
     *                                 is outside the taxonomy, or when a routing rule or the automation policy throws
     *                                 (the ticket is unchanged)
     */
    public Ticket process(TicketId id) {
        ensureOpen();
        Ticket ticket = find(id).orElseThrow(() -> new TicketNotFoundException(id));
        Classification classification;
        try {
            classification = config.classifier().classify(ticket, config.taxonomy());
        } catch (Throwable thrown) {   // host code: anything becomes a typed failure
            throw ClassificationException.unexpected(config.classifier().name(), thrown);
        }
        if (classification == null) {
            throw ClassificationException.retryable("Classifier " + config.classifier().name() + " returned no classification",
                    (Throwable) null);
        }
        return processor.complete(ticket, classification, null).orElseThrow(
                () -> StorageException.retryable("Ticket " + id + " kept changing while it was processed; try again", null));
    }

    /**
     * Classifies every unprocessed ticket (also those waiting for a retry), on the caller's thread next to
     * any background workers, then delivers the queued notifications; returns when nothing is left.
     */
    public DrainReport drainBacklog(DrainProgress progress) {
        Objects.requireNonNull(progress, "progress");
        ensureOpen();
        long started = System.nanoTime();
        long processed0 = processor.processedCount();
        long failed0 = processor.failedCount();
        long delivered0 = dispatcher.deliveredCount();
        String owner = config.instanceId() + "/drain";
        long total = unprocessedCount();
        progress.onProgress(0, total);
        long reported = -1;
        while (!closed.get()) {
            ClassifierCalls.Fill fill = calls.fill(owner);
            calls.extendLeasesIfDue();   // no scheduler without start(): the drain keeps its own leases alive
            long done = finishedSince(processed0, failed0);
            if (done != reported) {
                total = Math.max(total, done);
                progress.onProgress(done, total);
                reported = done;
            }
            if (fill == ClassifierCalls.Fill.CLAIMED_ALL) continue;
            if (fill == ClassifierCalls.Fill.NO_PERMIT) {
                awaitCall();
                continue;
            }
            // nothing claimable now: deliver meanwhile, then wait for calls in flight, retries and other workers' tickets
            dispatcher.dispatchOnce(owner, DISPATCH_BATCH);
            long remaining = unprocessedCount();
            if (remaining == 0) break;
            total = Math.max(total, finishedSince(processed0, failed0) + remaining);
            awaitCall();
        }
        while (!closed.get() && config.outbox().pendingCount() > 0) {
            if (dispatcher.dispatchOnce(owner, DISPATCH_BATCH) == 0) pause();
        }
        long done = finishedSince(processed0, failed0);
        progress.onProgress(done, Math.max(total, done));
        return new DrainReport(processor.processedCount() - processed0, processor.failedCount() - failed0,
                dispatcher.deliveredCount() - delivered0, Duration.ofNanos(System.nanoTime() - started));
    }

    private long finishedSince(long processed0, long failed0) {
        return processor.processedCount() - processed0 + processor.failedCount() - failed0;
    }

    /**
     * Waits until no ticket is NEW or PROCESSING and no notification is pending, or the timeout passes.
     *
     * @return whether everything was done in time
     */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (unprocessedCount() == 0 && config.outbox().pendingCount() == 0) return true;
            pause();
        }
        return false;
    }

    /**
     * Puts a PROCESSED or FAILED ticket back to NEW with a fresh attempt budget, for the workers to classify
     * again. A NEW or PROCESSING ticket is returned unchanged.
     */
    public Ticket requeue(TicketId id, String actor) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        return changeWithRetry(id, "re-queued", (ticket, now) -> {
            if (!ticket.processingState().isTerminal()) return Optional.empty();
            Ticket requeued = ticket.toBuilder().processing(ticket.processing().requeued()).updatedAt(now).build();
            return Optional.of(new TicketChange(requeued, List.of(),
                    List.of(new AuditEntry(id, now, actor, "requeued", "from " + ticket.processingState()))));
        }, (before, stored, now) -> {
            workSignal.signal();
            events.publish(seq -> new TicketEvent.Requeued(seq, stored, actor, now));
        });
    }

    /**
     * Moves a ticket through the support lifecycle on behalf of {@code actor}.
     *
     * @throws dev.tickettriage.error.IllegalStatusTransitionException when the lifecycle forbids it
     */
    public Ticket changeStatus(TicketId id, SupportStatus status, String actor) {
        ensureOpen();
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(actor, "actor");
        return changeWithRetry(id, "given a new status", (ticket, now) -> {
            if (ticket.status() == status) return Optional.empty();
            return Optional.of(new TicketChange(ticket.withStatus(status, now), List.of(),
                    List.of(new AuditEntry(id, now, actor, "status-changed", ticket.status() + " -> " + status))));
        }, (before, stored, now) -> events.publish(seq -> new TicketEvent.StatusChanged(seq, stored, before.status(), status, actor, now)));
    }

    /** Builds a change from the current ticket; empty means nothing to do. */
    @FunctionalInterface
    private interface ChangeBuilder {
        Optional<TicketChange> build(Ticket current, Instant now);
    }

    /** Runs after a change was stored. */
    @FunctionalInterface
    private interface AfterChange {
        void run(Ticket before, Ticket stored, Instant now);
    }

    /** Re-reads and re-applies a change when another writer got there first, a few times. */
    private Ticket changeWithRetry(TicketId id, String what, ChangeBuilder builder, AfterChange after) {
        for (int attempt = 0; attempt < STATUS_RETRIES; attempt++) {
            Ticket ticket = find(id).orElseThrow(() -> new TicketNotFoundException(id));
            Instant now = config.clock().instant();
            Optional<TicketChange> change = builder.build(ticket, now);
            if (change.isEmpty()) return ticket;
            Optional<Ticket> stored = tryUpdate(change.get());
            if (stored.isPresent()) {
                after.run(ticket, stored.get(), now);
                return stored.get();
            }
        }
        throw StorageException.retryable("Ticket " + id + " kept changing while it was " + what + "; try again", null);
    }

    // ---- agent commands: each one audited, evented, and stored through the repository like any change ----

    /** Assigns the ticket to {@code assignee}; unchanged (no audit, no event) when it already is. */
    public Ticket assign(TicketId id, String assignee, String actor) {
        ensureOpen();
        String who = CommandInput.name("assignee", assignee);
        String by = CommandInput.name("actor", actor);
        return changeWithRetry(id, "assigned", (ticket, now) -> {
            if (ticket.assignee().filter(who::equals).isPresent()) return Optional.empty();
            return Optional.of(agentChange(ticket.toBuilder().assignee(who).updatedAt(now).build(), by, now, "assigned",
                    ticket.assignee().orElse("nobody") + " -> " + who));
        }, (before, stored, now) -> events.publish(seq -> new TicketEvent.Assigned(seq, stored, by, now)));
    }

    /** Removes the assignee; unchanged when there is none. */
    public Ticket unassign(TicketId id, String actor) {
        ensureOpen();
        String by = CommandInput.name("actor", actor);
        return changeWithRetry(id, "unassigned", (ticket, now) -> {
            if (ticket.assignee().isEmpty()) return Optional.empty();
            return Optional.of(agentChange(ticket.toBuilder().assignee(null).updatedAt(now).build(), by, now, "unassigned",
                    ticket.assignee().get() + " -> nobody"));
        }, (before, stored, now) -> events.publish(seq -> new TicketEvent.Assigned(seq, stored, by, now)));
    }

    /** Sets the priority in force; unchanged when it already is {@code priority}. */
    public Ticket setPriority(TicketId id, Priority priority, String actor) {
        ensureOpen();
        Objects.requireNonNull(priority, "priority");
        String by = CommandInput.name("actor", actor);
        return changeWithRetry(id, "given a new priority", (ticket, now) -> {
            if (ticket.priority().filter(priority::equals).isPresent()) return Optional.empty();
            return Optional.of(agentChange(ticket.toBuilder().priority(priority).updatedAt(now).build(), by, now,
                    "priority-changed", ticket.priority().map(Priority::name).orElse("none") + " -> " + priority));
        }, (before, stored, now) -> events.publish(seq -> new TicketEvent.PriorityChanged(seq, stored, priority, by, now)));
    }

    /** Adds a tag (checked like ticket input); unchanged when the ticket has it. */
    public Ticket addTag(TicketId id, String tag, String actor) {
        ensureOpen();
        String value = CommandInput.tag(tag, config.limits());
        String by = CommandInput.name("actor", actor);
        return changeWithRetry(id, "tagged", (ticket, now) -> {
            if (ticket.tags().contains(value)) return Optional.empty();
            if (ticket.tags().size() >= config.limits().maxTags()) {
                throw new InvalidInputException("tags", "must be at most " + config.limits().maxTags() + " tags");
            }
            return Optional.of(agentChange(ticket.toBuilder().tag(value).updatedAt(now).build(), by, now, "tag-added", value));
        }, (before, stored, now) -> events.publish(seq -> new TicketEvent.TagsChanged(seq, stored, Set.of(value), Set.of(), by, now)));
    }

    /** Removes a tag; unchanged when the ticket does not have it. */
    public Ticket removeTag(TicketId id, String tag, String actor) {
        ensureOpen();
        String value = CommandInput.tag(tag, config.limits());
        String by = CommandInput.name("actor", actor);
        return changeWithRetry(id, "untagged", (ticket, now) -> {
            if (!ticket.tags().contains(value)) return Optional.empty();
            Set<String> tags = new LinkedHashSet<>(ticket.tags());
            tags.remove(value);
            return Optional.of(agentChange(ticket.toBuilder().tags(tags).updatedAt(now).build(), by, now, "tag-removed", value));
        }, (before, stored, now) -> events.publish(seq -> new TicketEvent.TagsChanged(seq, stored, Set.of(), Set.of(value), by, now)));
    }

    /**
     * Replaces the classification's suggested reply with an agent's text (checked like a ticket body).
     *
     * @throws InvalidInputException when the text is invalid, or the ticket has no classification yet
     */
    public Ticket editSuggestedReply(TicketId id, String reply, String actor) {
        ensureOpen();
        String text = CommandInput.reply(reply, config.limits());
        String by = CommandInput.name("actor", actor);
        return changeWithRetry(id, "given a new reply", (ticket, now) -> {
            Classification classification = ticket.classification().orElseThrow(() -> new InvalidInputException(
                    "suggestedReply", "cannot be edited before the ticket is classified"));
            if (classification.suggestedReply().filter(text::equals).isPresent()) return Optional.empty();
            Ticket edited = ticket.toBuilder().classification(classification.toBuilder().suggestedReply(text).build())
                    .updatedAt(now).build();
            return Optional.of(agentChange(edited, by, now, "reply-edited", Text.codePoints(text) + " characters"));
        }, (before, stored, now) -> events.publish(seq -> new TicketEvent.ReplyEdited(seq, stored, by, now)));
    }

    /**
     * Records a person's correction of the classification (kept next to the prediction, which stays as it was);
     * a corrected priority also becomes the priority in force. A later correction overrides the labels it decides
     * and keeps the others.
     *
     * @throws InvalidInputException (field {@code category}) when the category is not in the taxonomy
     */
    public Ticket correct(TicketId id, CorrectedLabels labels, String actor) {
        ensureOpen();
        Objects.requireNonNull(labels, "labels");
        labels.category().ifPresent(config.taxonomy()::require);
        String by = CommandInput.name("actor", actor);
        return changeWithRetry(id, "corrected", (ticket, now) -> {
            CorrectedLabels decided = ticket.correction().map(previous -> previous.decided().overriddenBy(labels)).orElse(labels);
            Correction correction = Correction.of(ticket.classification().orElse(null), decided, by, now);
            Ticket.Builder corrected = ticket.toBuilder().correction(correction).updatedAt(now);
            labels.priority().ifPresent(corrected::priority);
            return Optional.of(agentChange(corrected.build(), by, now, "corrected", describe(correction, labels)));
        }, (before, stored, now) -> events.publish(seq -> new TicketEvent.Corrected(seq, stored,
                stored.correction().orElseThrow(), by, now)));
    }

    /**
     * The tickets matching {@code query} that a person corrected for {@code field} (CATEGORY, SENTIMENT or PRIORITY),
     * as labelled examples: the text is the ticket's {@link Ticket#text()} (subject and body), the label the decided
     * category id or the enum name of the decided sentiment or priority. Oldest first, every page.
     */
    public List<LabeledExample> exportCorrections(ClassificationField field, TicketQuery query) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(query, "query");
        if (field != ClassificationField.CATEGORY && field != ClassificationField.SENTIMENT && field != ClassificationField.PRIORITY) {
            throw new IllegalArgumentException("field must be CATEGORY, SENTIMENT or PRIORITY, was " + field);
        }
        List<LabeledExample> examples = new ArrayList<>();
        TicketQuery corrected = query.toBuilder().corrected(true).build();
        Optional<dev.tickettriage.port.PageCursor> cursor = query.after();
        do {
            Page<Ticket> page = config.repository().query(corrected.toBuilder().after(cursor.orElse(null)).build());
            for (Ticket ticket : page.items()) {
                CorrectedLabels decided = ticket.correction().orElseThrow().decided();
                Optional<String> label = field == ClassificationField.CATEGORY ? decided.category().map(Category::id)
                        : field == ClassificationField.SENTIMENT ? decided.sentiment().map(Sentiment::name)
                        : decided.priority().map(Priority::name);
                label.ifPresent(value -> examples.add(new LabeledExample(ticket.text(), value)));
            }
            cursor = page.next();
        } while (cursor.isPresent());
        return examples;
    }

    /** Events not delivered to listeners (queue full, or published after close). */
    public long droppedEvents() {
        return events.dropped();
    }

    private static TicketChange agentChange(Ticket changed, String actor, Instant now, String action, String detail) {
        return new TicketChange(changed, List.of(), List.of(new AuditEntry(changed.id(), now, actor, action, detail)));
    }

    /** Labels only: "category billing -> technical; priority HIGH -> URGENT". */
    private static String describe(Correction correction, CorrectedLabels labels) {
        List<String> parts = new ArrayList<>();
        labels.category().ifPresent(category -> parts.add("category "
                + correction.predictedCategory().map(Category::id).orElse("none") + " -> " + category.id()));
        labels.sentiment().ifPresent(sentiment -> parts.add("sentiment "
                + correction.predictedSentiment().map(Sentiment::name).orElse("none") + " -> " + sentiment));
        labels.priority().ifPresent(priority -> parts.add("priority "
                + correction.predictedPriority().map(Priority::name).orElse("none") + " -> " + priority));
        return String.join("; ", parts);
    }

    /**
     * Runs the SLA rules over every unresolved ticket and stores what fired (escalations and their
     * notifications). Runs by itself every {@code slaCheckInterval} when configured.
     *
     * @return how many tickets the SLA rules changed
     */
    public int checkSla() {
        ensureOpen();
        int escalated = 0;
        TicketQuery query = TicketQuery.builder().status(SupportStatus.OPEN, SupportStatus.IN_PROGRESS, SupportStatus.PENDING)
                .limit(200).build();
        Optional<dev.tickettriage.port.PageCursor> cursor = Optional.empty();
        do {
            Page<Ticket> page = config.repository().query(query.toBuilder().after(cursor.orElse(null)).build());
            for (Ticket ticket : page.items()) {
                var outcome = config.slaRulesOrNone().route(ticket, config.clock());
                if (outcome.firedRules().isEmpty()) continue;
                Instant now = config.clock().instant();
                List<AuditEntry> audit = new ArrayList<>();
                outcome.firedRules().forEach(rule -> audit.add(new AuditEntry(ticket.id(), now, "sla", "rule-fired", rule)));
                Optional<Ticket> stored = tryUpdate(new TicketChange(outcome.ticket().toBuilder().updatedAt(now).build(),
                        outcome.notifications(), audit));
                if (stored.isPresent()) {
                    escalated++;
                    events.publish(seq -> new TicketEvent.SlaEscalated(seq, stored.get(), outcome.firedRules(), now));
                }
            }
            cursor = page.next();
        } while (cursor.isPresent());
        if (escalated > 0) outboxSignal.signal();
        return escalated;
    }

    public Optional<Ticket> find(TicketId id) {
        return config.repository().findById(Objects.requireNonNull(id, "id"));
    }

    public Page<Ticket> query(TicketQuery query) {
        return config.repository().query(query);
    }

    public TicketStats stats(TicketQuery query) {
        return config.repository().stats(query);
    }

    public dev.tickettriage.port.BacklogStats backlogStats(TicketQuery query, int sample) {
        return config.repository().backlogStats(query, config.clock().instant(), sample);
    }

    public dev.tickettriage.port.FieldStats fieldStats(TicketQuery query, String field) {
        return config.repository().fieldStats(query, field);
    }

    public List<AuditEntry> auditTrail(TicketId id) {
        return config.repository().auditTrail(id);
    }

    /** Up to {@code limit} dead letters, oldest first. */
    public List<DeadLetter> deadLetters(int limit) {
        return config.outbox().deadLetters(limit);
    }

    /** The dead letters after {@code after}, oldest first. */
    public List<DeadLetter> deadLettersAfter(DeadLetter after, int limit) {
        return config.outbox().deadLettersAfter(Objects.requireNonNull(after, "after"), limit);
    }

    /**
     * Puts one dead letter back for delivery (fresh attempts, due now) and records who did it in its ticket's
     * audit trail (action {@code notification-requeued}; skipped when the ticket is gone).
     *
     * @return false when there is no such dead letter
     */
    public boolean requeueDeadLetter(UUID id, String actor) {
        ensureOpen();
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        Optional<DeadLetter> deadLetter = config.outbox().deadLetter(id);
        if (deadLetter.isEmpty() || !config.outbox().requeueDeadLetter(id)) return false;
        outboxSignal.signal();
        Notification notification = deadLetter.get().notification();
        TicketId ticketId = notification.ticketId();
        try {
            changeWithRetry(ticketId, "audited", (ticket, now) -> Optional.of(new TicketChange(ticket, List.of(),
                    List.of(new AuditEntry(ticketId, now, actor, "notification-requeued",
                            "notification " + notification.idempotencyKey() + " to " + notification.target())))),
                    (before, stored, now) -> { });
        } catch (TicketNotFoundException e) {
            LOG.debug("Dead letter {} requeued; its ticket {} is gone, so no audit entry", id, ticketId);
        }
        return true;
    }

    /** Puts every dead letter back for delivery; returns how many. */
    public int requeueAllDeadLetters(String actor) {
        ensureOpen();
        Objects.requireNonNull(actor, "actor");
        int requeued = config.outbox().requeueAllDeadLetters();
        if (requeued > 0) {
            outboxSignal.signal();
            LOG.info("{} dead-lettered notification(s) requeued by {}", requeued, actor);
        }
        return requeued;
    }

    /** The configuration this pipeline runs with. */
    /**
     * Records that {@code actor} acknowledged the alert {@code notificationKey} about a ticket: tag
     * {@link dev.tickettriage.rules.RoutingRules#ACKNOWLEDGED_TAG} (the SLA rules skip it) and audit entry
     * {@code alert-acknowledged}; published as TagsChanged. Unchanged when the ticket is already acknowledged.
     */
    public Ticket acknowledge(TicketId id, String notificationKey, String actor) {
        ensureOpen();
        Objects.requireNonNull(notificationKey, "notificationKey");
        String by = CommandInput.name("actor", actor);
        String tag = dev.tickettriage.rules.RoutingRules.ACKNOWLEDGED_TAG;
        return changeWithRetry(id, "acknowledged", (ticket, now) -> {
            if (ticket.tags().contains(tag)) return Optional.empty();
            return Optional.of(agentChange(ticket.toBuilder().tag(tag).updatedAt(now).build(), by, now, "alert-acknowledged",
                    Text.truncate(notificationKey, 200)));
        }, (before, stored, now) -> events.publish(seq -> new TicketEvent.TagsChanged(seq, stored, Set.of(tag), Set.of(), by, now)));
    }

    public PipelineConfig config() {
        return config;
    }

    /**
     * Stops taking submits (a submit waiting for backlog room fails), stops claiming, gives the classifier calls in
     * hand until the shutdown timeout to finish and releases the tickets of those still running (NEW, claimable
     * again), delivers due notifications in the time left, and stops the threads. Bounded by the shutdown timeout
     * (plus the time to release unfinished tickets). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        permits.close();
        try {
            workSubscription.close();
        } catch (RuntimeException e) {   // shutdown goes on whatever the store throws
            LOG.warn("Closing the store's work notifications failed with {}", e.getClass().getName());
        }
        threads.stop(deadline);
        flushOutbox(deadline);
        // delivers queued events in the time left (at least a moment for fast listeners), then stops the event thread
        events.close(Duration.ofNanos(Math.max(deadline - System.nanoTime(), EVENT_FLUSH_MINIMUM.toNanos())));
        LOG.info("Ticket triage stopped: instance {}, {} processed, {} failed, {} notifications delivered, {} pending",
                config.instanceId(), processor.processedCount(), processor.failedCount(), dispatcher.deliveredCount(),
                config.outbox().pendingCount());
    }

    /** Delivers what is due now on the dispatcher's delivery threads, abandoning a hung call at the deadline. */
    private void flushOutbox(long deadlineNanos) {
        String owner = config.instanceId() + "/shutdown";
        try {
            while (System.nanoTime() - deadlineNanos < 0
                    && dispatcher.dispatchOnce(owner, config.delivery().batchSize(), deadlineNanos) > 0) {
                // deliver what is due now; entries waiting for a retry or deferred stay in the outbox
            }
        } catch (Throwable e) {   // shutdown must finish whatever the store throws
            LOG.warn("Delivering notifications at shutdown failed with {}; they stay in the outbox", e.getClass().getName());
            LOG.debug("Shutdown delivery failure", e);
        } finally {
            dispatcher.close();
        }
    }

    /** Gives back the backlog permits of tickets other nodes finished: one repository query (see SubmitPermits). */
    private void reconcileBacklog() {
        lastReconcileNanos.set(System.nanoTime());
        int released = permits.reconcile(config.repository());
        if (released > 0) LOG.debug("Backlog reconciliation gave back {} permit(s)", released);
    }

    /** Reconciles from a submit waiting for room, at most once a second. */
    private void reconcileIfDue() {
        long last = lastReconcileNanos.get();
        long now = System.nanoTime();
        if (now - last < RECONCILE_ON_SUBMIT_EVERY_NANOS || !lastReconcileNanos.compareAndSet(last, now)) return;
        try {
            reconcileBacklog();
        } catch (RuntimeException e) {
            LOG.warn("Backlog reconciliation failed with {}; will try again", e.getClass().getName());
            LOG.debug("Backlog reconciliation failed", e);
        }
    }

    private void awaitCall() {
        try {
            calls.awaitCallFinished(Duration.ofMillis(Math.min(20, config.pollInterval().toMillis())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the backlog to drain", e);
        }
    }

    private void checkSlaQuietly() {
        try {
            checkSla();
        } catch (RuntimeException e) {
            LOG.warn("SLA check failed; will try again", e);
        }
    }

    private Optional<Ticket> tryUpdate(TicketChange change) {
        try {
            return Optional.of(config.repository().update(change));
        } catch (dev.tickettriage.error.StaleTicketException e) {
            LOG.debug("Ticket {} changed concurrently; re-reading", change.ticket().id());
            return Optional.empty();
        }
    }

    private long unprocessedCount() {
        return config.repository().stats(TicketQuery.builder().processingState(ProcessingState.NEW, ProcessingState.PROCESSING)
                .build()).total();
    }

    private void pause() {
        try {
            Thread.sleep(Math.min(20, config.pollInterval().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the backlog to drain", e);
        }
    }

    private void ensureOpen() {
        if (closed.get()) throw new IllegalStateException("TriagePipeline " + config.instanceId() + " is closed");
    }

    @Override
    public String toString() {
        return "TriagePipeline[instance=" + config.instanceId() + ", workers=" + config.workers() + ", classifier="
                + config.classifier().name() + ", closed=" + closed.get() + "]";
    }
}
