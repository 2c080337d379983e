package dev.tickettriage;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Processing;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.StaleTicketException;
import dev.tickettriage.error.TriageException;
import dev.tickettriage.error.UnknownCategoryException;
import dev.tickettriage.internal.Text;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.rules.RoutingOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies claimed tickets and stores the outcome: classification, automation, routing, outbox
 * notifications and audit entries in one update, or a retry/failure state. Thread-safe.
 */
final class TicketProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(TicketProcessor.class);
    private static final int MAX_REASON_LENGTH = 500;

    private final PipelineConfig config;
    private final Events events;
    private final SubmitPermits permits;
    private final Runnable notificationsQueued;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    TicketProcessor(PipelineConfig config, Events events, SubmitPermits permits, Runnable notificationsQueued) {
        this.config = config;
        this.events = events;
        this.permits = permits;
        this.notificationsQueued = notificationsQueued;
    }

    long processedCount() {
        return processed.get();
    }

    long failedCount() {
        return failed.get();
    }

    /**
     * Processes tickets claimed by {@code owner}, one classifier batch at a time. When {@code stop} turns
     * true, the tickets not started yet are released for other workers.
     */
    void processClaimed(List<Ticket> claimed, String owner, BooleanSupplier stop) {
        Instant claimedAt = config.clock().instant();
        int index = 0;
        while (index < claimed.size()) {
            if (stop.getAsBoolean()) {
                for (Ticket ticket : claimed.subList(index, claimed.size())) config.repository().release(ticket.id(), owner);
                return;
            }
            List<Ticket> chunk = claimed.subList(index, Math.min(claimed.size(), index + config.batchSize()));
            index += chunk.size();
            List<Ticket> leased = keepLeased(chunk, owner, claimedAt);
            if (!leased.isEmpty()) classifyAndStore(leased);
        }
    }

    /** Extends the leases of {@code chunk} when half the lease time has gone; drops tickets whose lease was lost. */
    private List<Ticket> keepLeased(List<Ticket> chunk, String owner, Instant claimedAt) {
        Duration half = config.leaseDuration().dividedBy(2);
        if (Duration.between(claimedAt, config.clock().instant()).compareTo(half) < 0) return chunk;
        List<Ticket> kept = new ArrayList<>(chunk.size());
        for (Ticket ticket : chunk) {
            if (config.repository().extendLease(ticket.id(), owner, config.leaseDuration())) {
                kept.add(ticket);
            } else {
                LOG.debug("Lease on ticket {} lost before processing; skipped", ticket.id());
            }
        }
        return kept;
    }

    private void classifyAndStore(List<Ticket> tickets) {
        List<ClassificationResult> results;
        try {
            results = config.classifier().classifyAll(tickets, config.taxonomy());
            if (results.size() != tickets.size()) {
                throw new IllegalStateException("classifier " + config.classifier().name() + " returned " + results.size()
                        + " results for " + tickets.size() + " tickets");
            }
        } catch (RuntimeException e) {
            TriageException failure = asFailure(e);
            for (Ticket ticket : tickets) fail(ticket, failure);
            return;
        }
        for (int i = 0; i < tickets.size(); i++) {
            Ticket ticket = tickets.get(i);
            ClassificationResult result = results.get(i);
            if (result.isSuccess()) {
                try {
                    complete(ticket, result.value().orElseThrow());
                } catch (TriageException e) {
                    fail(ticket, e);
                }
            } else {
                fail(ticket, result.error().orElseThrow());
            }
        }
    }

    /** Stores a successful classification; returns the stored ticket, or empty when another writer won. */
    Optional<Ticket> complete(Ticket ticket, Classification classification) {
        Decision decision = decide(ticket, classification);
        TicketChange change = decision.change();
        Ticket stored;
        try {
            stored = config.repository().update(change);
        } catch (StaleTicketException e) {
            LOG.debug("Ticket {} changed while it was classified; result dropped", ticket.id());
            return Optional.empty();
        }
        processed.incrementAndGet();
        permits.finished(stored.id());
        if (LOG.isDebugEnabled()) {   // hot path: skip building the argument array when DEBUG is off
            LOG.debug("Ticket {} -> {}/{}/{} ({}) by {} in {} ms", stored.id(), classification.category(),
                    classification.sentiment(), stored.priority().orElse(null),
                    classification.confidenceValue(dev.tickettriage.domain.ClassificationField.CATEGORY),
                    classification.provenance().classifier(), classification.provenance().latency().toMillis());
        }
        events.publish(seq -> new TicketEvent.Classified(seq, stored, classification, decision.firedRules(), stored.updatedAt()));
        if (!change.notifications().isEmpty()) notificationsQueued.run();
        return Optional.of(stored);
    }

    /** What storing a classification changes, and the routing rules that fired on the way. */
    private record Decision(TicketChange change, List<String> firedRules) {
    }

    /**
     * The change that stores a classification: checked against the taxonomy, automation applied, routed.
     *
     * @throws UnknownCategoryException (retryable) when the category is not in the taxonomy
     */
    private Decision decide(Ticket ticket, Classification classification) {
        if (!config.taxonomy().contains(classification.category())) {
            throw new UnknownCategoryException(config.classifier().name(), classification.category().id(),
                    config.taxonomy().version());
        }
        config.taxonomy().requireValidFields(classification);   // custom field values outside their declaration: never stored
        Instant now = config.clock().instant();
        Ticket classified = ticket.toBuilder().classification(classification).processing(ticket.processing().processed())
                .updatedAt(now).build();
        Ticket automated = config.automation().apply(classified);
        RoutingOutcome outcome = config.rules().route(automated, config.clock());
        List<AuditEntry> audit = new ArrayList<>();
        audit.add(new AuditEntry(ticket.id(), now, "classifier:" + classification.provenance().classifier(), "classified",
                "category=" + classification.category() + " sentiment=" + classification.sentiment() + " priority="
                        + classification.priority() + " language=" + classification.language() + " taxonomy="
                        + classification.provenance().taxonomyVersion()
                        + classification.provenance().modelName().map(model -> " model=" + model).orElse("")));
        for (String rule : outcome.firedRules()) {
            audit.add(new AuditEntry(ticket.id(), now, "rules", "rule-fired", rule));
        }
        for (Notification notification : outcome.notifications()) {
            audit.add(new AuditEntry(ticket.id(), now, "rules", "notification-queued",
                    notification.target() + " " + notification.idempotencyKey()));
        }
        return new Decision(new TicketChange(outcome.ticket(), outcome.notifications(), audit), outcome.firedRules());
    }

    /** Records a failed attempt: back to NEW with a retry time, or FAILED when retries are used up or pointless. */
    void fail(Ticket ticket, TriageException failure) {
        Processing processing = ticket.processing();
        int failedAttempts = processing.attempts() + 1;
        String reason = Text.truncate(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage(),
                MAX_REASON_LENGTH);
        boolean willRetry = failure.retryable() && config.classificationRetry().allowsRetryAfter(failedAttempts);
        Instant now = config.clock().instant();
        Processing next = willRetry
                ? processing.retryLater(reason, now.plus(config.classificationRetry().backoff(failedAttempts, failure.retryAfter())))
                : processing.failed(reason);
        Ticket updated = ticket.toBuilder().processing(next).updatedAt(now).build();
        AuditEntry entry = new AuditEntry(ticket.id(), now, "classifier:" + config.classifier().name(),
                willRetry ? "retry-scheduled" : "failed", "attempt " + failedAttempts + ": " + reason);
        Ticket stored;
        try {
            stored = config.repository().update(new TicketChange(updated, List.of(), List.of(entry)));
        } catch (StaleTicketException e) {
            LOG.debug("Ticket {} changed while it was classified; failure not recorded", ticket.id());
            return;
        }
        if (willRetry) {
            LOG.debug("Ticket {} attempt {} failed, retry at {}: {}", ticket.id(), failedAttempts, next.notBefore(), reason);
        } else {
            failed.incrementAndGet();
            permits.finished(stored.id());
            LOG.error("Ticket {} marked FAILED after {} attempt(s): {}", ticket.id(), failedAttempts, reason);
        }
        events.publish(seq -> new TicketEvent.Failed(seq, stored, reason, willRetry, now));
    }

    private TriageException asFailure(RuntimeException e) {
        if (e instanceof TriageException) return (TriageException) e;
        // a bug or an unexpected runtime failure in the classifier: count it as a retryable attempt
        return ClassificationException.retryable("Classifier " + config.classifier().name() + " threw "
                + e.getClass().getName(), e);
    }
}
