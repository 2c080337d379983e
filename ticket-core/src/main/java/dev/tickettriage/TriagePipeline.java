package dev.tickettriage;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.IdempotencyKey;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketFactory;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.StorageException;
import dev.tickettriage.error.TicketNotFoundException;
import dev.tickettriage.pipeline.DrainProgress;
import dev.tickettriage.pipeline.DrainReport;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.Page;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.port.TicketRepository.InsertResult;
import dev.tickettriage.port.TicketStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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

    private final PipelineConfig config;
    private final TicketFactory factory;
    private final Events events;
    private final SubmitPermits permits;
    private final WakeSignal workSignal = new WakeSignal();
    private final WakeSignal outboxSignal = new WakeSignal();
    private final TicketProcessor processor;
    private final OutboxDispatcher dispatcher;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final BackgroundThreads threads;

    TriagePipeline(PipelineConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.factory = new TicketFactory(config.limits());
        this.events = new Events(config.listeners());
        this.permits = new SubmitPermits(config.backlogCapacity());
        this.processor = new TicketProcessor(config, events, permits, outboxSignal::signal);
        this.dispatcher = new OutboxDispatcher(config, events);
        this.threads = new BackgroundThreads(config, processor, dispatcher, workSignal, outboxSignal, closed::get,
                this::reconcileBacklog, this::checkSlaQuietly);
    }

    /** Starts the background threads; idempotent. */
    void start() {
        ensureOpen();
        if (!started.compareAndSet(false, true)) return;
        threads.start();
        LOG.info("Ticket triage started: instance {}, {} worker(s), classifier {}, taxonomy {}, backlog capacity {}",
                config.instanceId(), config.workers(), config.classifier().name(), config.taxonomy().version(),
                config.backlogCapacity());
    }

    /**
     * Validates and stores a new ticket (state NEW) and returns it at once; workers classify it later. A
     * submit with an idempotency key seen before returns the ticket stored the first time.
     *
     * @throws dev.tickettriage.error.InvalidTicketException when the input breaks a rule (nothing stored)
     * @throws dev.tickettriage.error.TriageOverloadedException when the backlog stayed full for the submit timeout
     * @throws IllegalStateException after {@link #close()}
     */
    public Ticket submit(NewTicket input) {
        ensureOpen();
        Ticket ticket = factory.create(input, config.clock().instant());
        Optional<IdempotencyKey> key = factory.idempotencyKey(input);
        permits.acquire(config.submitTimeout());
        permits.track(ticket.id());
        InsertResult result;
        try {
            result = config.repository().insert(ticket, key.orElse(null));
        } catch (RuntimeException e) {
            permits.finished(ticket.id());
            throw e;
        }
        if (!result.created()) {
            permits.finished(ticket.id());
            factory.requireSameRequest(result.ticket(), ticket);
            return result.ticket();
        }
        Ticket created = result.ticket();
        events.publish(seq -> new TicketEvent.Created(seq, created, created.createdAt()));
        workSignal.signal();
        return result.ticket();
    }

    /**
     * Classifies and routes one ticket now, on the caller's thread, whatever its processing state (use it
     * to reclassify). A worker holding the ticket loses its result.
     *
     * @throws TicketNotFoundException when there is no such ticket
     * @throws dev.tickettriage.error.ClassificationException when the classifier fails (the ticket is unchanged)
     */
    public Ticket process(TicketId id) {
        ensureOpen();
        for (int attempt = 0; attempt < STATUS_RETRIES; attempt++) {
            Ticket ticket = find(id).orElseThrow(() -> new TicketNotFoundException(id));
            Classification classification = config.classifier().classify(ticket, config.taxonomy());
            Optional<Ticket> stored = processor.complete(ticket, classification);
            if (stored.isPresent()) return stored.get();
        }
        throw StorageException.retryable("Ticket " + id + " kept changing while it was processed; try again", null);
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
        while (!closed.get()) {
            List<Ticket> claimed = config.repository().claim(owner, config.batchSize(), config.leaseDuration());
            if (!claimed.isEmpty()) {
                processor.processClaimed(claimed, owner, closed::get);
                long done = finishedSince(processed0, failed0);
                total = Math.max(total, done);
                progress.onProgress(done, total);
                continue;
            }
            // nothing claimable: deliver meanwhile, then wait for retries and other workers' tickets
            dispatcher.dispatchOnce(owner, DISPATCH_BATCH);
            long remaining = unprocessedCount();
            if (remaining == 0) break;
            total = Math.max(total, finishedSince(processed0, failed0) + remaining);
            pause();
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
        }, (before, stored, now) -> workSignal.signal());
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
                if (tryUpdate(new TicketChange(outcome.ticket().toBuilder().updatedAt(now).build(), outcome.notifications(), audit))
                        .isPresent()) {
                    escalated++;
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

    public dev.tickettriage.port.FieldStats fieldStats(TicketQuery query, String field) {
        return config.repository().fieldStats(query, field);
    }

    public List<AuditEntry> auditTrail(TicketId id) {
        return config.repository().auditTrail(id);
    }

    /** The configuration this pipeline runs with. */
    public PipelineConfig config() {
        return config;
    }

    /**
     * Stops taking submits, lets workers finish the ticket in hand (releasing claimed tickets not started),
     * delivers due notifications for up to the shutdown timeout, and stops the threads. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        threads.stop();
        flushOutbox(System.nanoTime() + config.shutdownTimeout().toNanos());
        LOG.info("Ticket triage stopped: instance {}, {} processed, {} failed, {} notifications delivered, {} pending",
                config.instanceId(), processor.processedCount(), processor.failedCount(), dispatcher.deliveredCount(),
                config.outbox().pendingCount());
    }

    private void flushOutbox(long deadlineNanos) {
        String owner = config.instanceId() + "/shutdown";
        try {
            while (System.nanoTime() < deadlineNanos && dispatcher.dispatchOnce(owner, DISPATCH_BATCH) > 0) {
                // deliver what is due now; entries waiting for a retry stay in the outbox
            }
        } catch (RuntimeException e) {
            LOG.warn("Delivering notifications at shutdown failed; they stay in the outbox", e);
        }
    }

    private void reconcileBacklog() {
        try {
            for (TicketId id : permits.open()) {
                Optional<Ticket> ticket = config.repository().findById(id);
                if (ticket.isEmpty() || ticket.get().processingState().isTerminal()) permits.finished(id);
            }
        } catch (RuntimeException e) {
            LOG.warn("Backlog reconciliation failed; will try again", e);
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
