package dev.tickettriage;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Processing;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.RateLimitedException;
import dev.tickettriage.error.StaleTicketException;
import dev.tickettriage.error.StorageException;
import dev.tickettriage.error.TriageException;
import dev.tickettriage.error.UnknownCategoryException;
import dev.tickettriage.internal.Text;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.UpdateOutcome;
import dev.tickettriage.rules.RoutingOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the outcome of classifier calls: classification, automation, routing, outbox notifications and audit
 * entries in one update, or a retry/failure state, or (when the classifier is throttling) the ticket back to NEW
 * without spending an attempt. Batch answers are matched to tickets by id.
 *
 * <p>A write that finds the ticket changed since it was claimed (an agent's status change, the SLA sweep) is not
 * dropped: the ticket is re-read and, while this processing run still holds it (PROCESSING under the same owner's
 * live lease), the outcome is applied again on the fresh ticket. Thread-safe.
 */
final class TicketProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(TicketProcessor.class);
    private static final int MAX_REASON_LENGTH = 500;
    private static final int STALE_RETRIES = 5;

    private final PipelineConfig config;
    private final Events events;
    private final SubmitPermits permits;
    private final Runnable notificationsQueued;
    private final Consumer<Instant> retryScheduled;
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param retryScheduled told the earliest time a ticket it put back may be claimed again (to wake a worker then)
     */
    TicketProcessor(PipelineConfig config, Events events, SubmitPermits permits, Runnable notificationsQueued,
                    Consumer<Instant> retryScheduled) {
        this.config = config;
        this.events = events;
        this.permits = permits;
        this.notificationsQueued = notificationsQueued;
        this.retryScheduled = retryScheduled;
    }

    long processedCount() {
        return processed.get();
    }

    long failedCount() {
        return failed.get();
    }

    /**
     * Stores the answers of one classifier call for {@code tickets} claimed by {@code owner}, matching results by
     * ticket id: a missing answer, or more than one answer for a ticket, fails that ticket alone (retryable);
     * answers for tickets not in the call are ignored. Each ticket is stored on its own: a failure while storing
     * one (host rule, store) never affects its batchmates.
     *
     * @return the rate limit with the latest end among the answers, if the classifier signalled one
     */
    Optional<RateLimitedException> storeAnswers(List<Ticket> tickets, String owner, List<ClassificationResult> results) {
        if (inOrder(tickets, results)) {   // the usual answer: one result per ticket, in order; no maps needed
            return Optional.ofNullable(storeInOrder(tickets, owner, results));
        }
        Set<TicketId> asked = new HashSet<>(tickets.size() * 2);
        for (Ticket ticket : tickets) asked.add(ticket.id());
        Map<TicketId, ClassificationResult> byId = new HashMap<>(tickets.size() * 2);
        Set<TicketId> duplicated = new HashSet<>();
        int foreign = 0;
        for (ClassificationResult result : results) {
            if (result == null || !asked.contains(result.ticketId())) {
                foreign++;
            } else if (byId.putIfAbsent(result.ticketId(), result) != null) {
                duplicated.add(result.ticketId());
            }
        }
        if (foreign > 0) {
            LOG.warn("Classifier {} returned {} answer(s) for tickets not in the call; ignored", config.classifier().name(), foreign);
        }
        RateLimitedException limited = null;
        for (Ticket ticket : tickets) {
            if (duplicated.contains(ticket.id())) {
                failQuietly(ticket, misbehaved("returned more than one answer for the ticket"), owner);
            } else {
                ClassificationResult result = byId.get(ticket.id());
                if (result == null) {
                    failQuietly(ticket, misbehaved("returned no answer for the ticket"), owner);
                } else {
                    limited = later(limited, storeAnswer(ticket, owner, result));
                }
            }
        }
        return Optional.ofNullable(limited);
    }

    /**
     * Stores in-order answers: the successful classifications of a batch go to the store in one
     * {@link dev.tickettriage.port.TicketRepository#updateAll} (one transaction in a SQL store), each judged on its own;
     * failures, throttling and changes that lost a race take the one-by-one path.
     */
    private @Nullable RateLimitedException storeInOrder(List<Ticket> tickets, String owner, List<ClassificationResult> results) {
        RateLimitedException limited = null;
        List<Ticket> batch = new ArrayList<>(tickets.size());
        List<Classification> classifications = new ArrayList<>(tickets.size());
        List<Decision> decisions = new ArrayList<>(tickets.size());
        for (int i = 0; i < tickets.size(); i++) {
            Ticket ticket = tickets.get(i);
            ClassificationResult result = results.get(i);
            if (tickets.size() == 1 || !result.isSuccess()) {
                limited = later(limited, storeAnswer(ticket, owner, result));
                continue;
            }
            Classification classification = result.value().orElseThrow();
            try {
                decisions.add(decide(ticket, classification));
                batch.add(ticket);
                classifications.add(classification);
            } catch (TriageException e) {   // outside the taxonomy, host rules threw: recorded as a failed attempt
                failQuietly(ticket, e, owner);
            } catch (Throwable thrown) {
                storingFailed(ticket, thrown);
            }
        }
        if (batch.isEmpty()) return limited;
        List<TicketChange> changes = new ArrayList<>(decisions.size());
        for (Decision decision : decisions) changes.add(decision.change());
        List<UpdateOutcome> outcomes;
        try {
            outcomes = config.repository().updateAll(changes);
        } catch (Throwable thrown) {   // the store as a whole: every lease expires and the tickets are tried again
            for (Ticket ticket : batch) storingFailed(ticket, thrown);
            return limited;
        }
        for (int i = 0; i < batch.size(); i++) {
            Ticket ticket = batch.get(i);
            Classification classification = classifications.get(i);
            UpdateOutcome outcome = outcomes.get(i);
            try {
                if (outcome.isStored()) {
                    completed(outcome.ticket().orElseThrow(), classification, decisions.get(i));
                } else if (outcome.failure().orElseThrow() instanceof StaleTicketException) {
                    Optional<Ticket> fresh = stillHeld(ticket.id(), owner);
                    if (fresh.isEmpty()) {
                        LOG.debug("Ticket {} was taken over while it was classified; result dropped", ticket.id());
                    } else {
                        completeOrFail(fresh.get(), classification, owner);
                    }
                } else if (outcome.failure().get() instanceof StorageException) {
                    storingFailed(ticket, outcome.failure().get());
                } else {
                    fail(ticket, outcome.failure().get(), owner);
                }
            } catch (Throwable thrown) {
                storingFailed(ticket, thrown);
            }
        }
        return limited;
    }

    private static boolean inOrder(List<Ticket> tickets, List<ClassificationResult> results) {
        if (results.size() != tickets.size()) return false;
        for (int i = 0; i < tickets.size(); i++) {
            ClassificationResult result = results.get(i);
            if (result == null || !result.ticketId().equals(tickets.get(i).id())) return false;
        }
        return true;
    }

    private static @Nullable RateLimitedException later(@Nullable RateLimitedException current, @Nullable RateLimitedException next) {
        if (next == null) return current;
        return current == null || next.until().isAfter(current.until()) ? next : current;
    }

    /** Stores one ticket's answer; returns the rate limit when the answer is one. Never throws. */
    private @Nullable RateLimitedException storeAnswer(Ticket ticket, String owner, ClassificationResult result) {
        try {
            if (result.isSuccess()) {
                completeOrFail(ticket, result.value().orElseThrow(), owner);
                return null;
            }
            TriageException failure = result.error().orElseThrow();
            if (failure instanceof RateLimitedException) {
                throttled(ticket, (RateLimitedException) failure, owner);
                return (RateLimitedException) failure;
            }
            fail(ticket, failure, owner);
        } catch (Throwable thrown) {   // the store or a listener: the lease expires and the ticket is tried again
            storingFailed(ticket, thrown);
        }
        return null;
    }

    private void failQuietly(Ticket ticket, TriageException failure, String owner) {
        quietly(ticket, () -> fail(ticket, failure, owner));
    }

    /** Runs a store step for one ticket; whatever it throws leaves that ticket's lease to expire. */
    private void quietly(Ticket ticket, Runnable step) {
        try {
            step.run();
        } catch (Throwable thrown) {
            storingFailed(ticket, thrown);
        }
    }

    /** Fails every ticket of a call that failed as a whole (the stage completed exceptionally, the call threw). */
    void failAll(List<Ticket> tickets, String owner, TriageException failure) {
        for (Ticket ticket : tickets) failQuietly(ticket, failure, owner);
    }

    /** Puts every ticket of a throttled call back to NEW until the limit ends, without spending an attempt. */
    void throttledAll(List<Ticket> tickets, String owner, RateLimitedException rateLimit) {
        for (Ticket ticket : tickets) quietly(ticket, () -> throttled(ticket, rateLimit, owner));
    }

    private void storingFailed(Ticket ticket, Throwable thrown) {
        LOG.error("Storing the outcome of ticket {} failed with {}; it is tried again when its lease expires", ticket.id(),
                thrown.getClass().getName());
        LOG.debug("Storing the outcome of ticket {} failed", ticket.id(), thrown);
    }

    private ClassificationException misbehaved(String what) {
        return ClassificationException.retryable("Classifier " + config.classifier().name() + " " + what, (Throwable) null);
    }

    /** Stores a classification, or records the failure when it cannot be stored (taxonomy, host rules). */
    private void completeOrFail(Ticket ticket, Classification classification, String owner) {
        try {
            complete(ticket, classification, owner);
        } catch (StorageException e) {
            throw e;
        } catch (TriageException e) {
            fail(ticket, e, owner);
        }
    }

    /**
     * Stores a successful classification; when another writer changed the ticket meanwhile, re-reads it and applies
     * the classification again on the fresh ticket while this run still holds it ({@code owner} null: always, for
     * on-demand processing).
     *
     * @return the stored ticket, or empty when the run lost the ticket (another worker, a re-queue)
     * @throws TriageException (not storage) when the classification cannot be stored: outside the taxonomy, or a
     *                         routing rule or the automation policy threw
     */
    Optional<Ticket> complete(Ticket ticket, Classification classification, @Nullable String owner) {
        Ticket current = ticket;
        for (int attempt = 0; attempt < STALE_RETRIES; attempt++) {
            Decision decision = decide(current, classification);
            TicketChange change = decision.change();
            Ticket stored;
            try {
                stored = config.repository().update(change);
            } catch (StaleTicketException e) {
                Optional<Ticket> fresh = stillHeld(ticket.id(), owner);
                if (fresh.isEmpty()) {
                    LOG.debug("Ticket {} was taken over while it was classified; result dropped", ticket.id());
                    return Optional.empty();
                }
                LOG.debug("Ticket {} changed while it was classified; applying the result to the fresh ticket", ticket.id());
                current = fresh.get();
                continue;
            }
            completed(stored, classification, decision);
            return Optional.of(stored);
        }
        LOG.debug("Ticket {} kept changing while its result was stored; result dropped", ticket.id());
        return Optional.empty();
    }

    /** What follows a stored classification: counters, the submit permit, the event, the dispatcher's wake-up. */
    private void completed(Ticket stored, Classification classification, Decision decision) {
        processed.incrementAndGet();
        permits.finished(stored.id());
        if (LOG.isDebugEnabled()) {   // hot path: skip building the argument array when DEBUG is off
            LOG.debug("Ticket {} -> {}/{}/{} ({}) by {} in {} ms", stored.id(), classification.category(),
                    classification.sentiment(), stored.priority().orElse(null),
                    classification.confidenceValue(dev.tickettriage.domain.ClassificationField.CATEGORY),
                    classification.provenance().classifier(), classification.provenance().latency().toMillis());
        }
        publish(seq -> new TicketEvent.Classified(seq, stored, classification, decision.firedRules(), stored.updatedAt()));
        if (!decision.change().notifications().isEmpty()) notificationsQueued.run();
    }

    /**
     * The ticket as stored now, when this processing run still holds it: PROCESSING under {@code owner}'s live
     * lease (extending it proves that). With no owner (on-demand processing), the ticket as it is.
     */
    private Optional<Ticket> stillHeld(TicketId id, @Nullable String owner) {
        Optional<Ticket> fresh = config.repository().findById(id);
        if (owner == null || fresh.isEmpty()) return fresh;
        if (fresh.get().processingState() != ProcessingState.PROCESSING) return Optional.empty();
        return config.repository().extendLease(id, owner, config.leaseDuration()) ? fresh : Optional.empty();
    }

    /** What storing a classification changes, and the routing rules that fired on the way. */
    private record Decision(TicketChange change, List<String> firedRules) {
    }

    /**
     * The change that stores a classification: checked against the taxonomy, automation applied, routed.
     *
     * @throws UnknownCategoryException (retryable) when the category is not in the taxonomy
     * @throws ClassificationException  (retryable) when the automation policy or a routing rule (host code) threw
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
        Ticket automated;
        try {
            automated = config.automation().apply(classified);
        } catch (Throwable thrown) {   // host code
            throw hostFailure("Automation policy", thrown);
        }
        RoutingOutcome outcome;
        try {
            outcome = config.rules().route(automated, config.clock());
        } catch (Throwable thrown) {   // host conditions, actions and assignment strategies
            throw hostFailure("Routing rules", thrown);
        }
        List<AuditEntry> audit = new ArrayList<>();
        audit.add(new AuditEntry(ticket.id(), now, "classifier:" + classification.provenance().classifier(), AuditEntry.CLASSIFIED,
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

    private static ClassificationException hostFailure(String what, Throwable thrown) {
        if (thrown instanceof ClassificationException) return (ClassificationException) thrown;
        LOG.debug("{} threw", what, thrown);
        return ClassificationException.retryable(what + " threw " + thrown.getClass().getName(), thrown);
    }

    /**
     * Records a failed attempt: back to NEW with a retry time, or FAILED when retries are used up or pointless.
     * A stale write is applied again on the fresh ticket while this run still holds it.
     */
    void fail(Ticket ticket, TriageException failure, @Nullable String owner) {
        String reason = Text.truncate(failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage(),
                MAX_REASON_LENGTH);
        Ticket current = ticket;
        for (int attempt = 0; attempt < STALE_RETRIES; attempt++) {
            Processing processing = current.processing();
            int failedAttempts = processing.attempts() + 1;
            boolean willRetry = failure.retryable() && config.classificationRetry().allowsRetryAfter(failedAttempts);
            Instant now = config.clock().instant();
            Processing next = willRetry
                    ? processing.retryLater(reason, now.plus(config.classificationRetry().backoff(failedAttempts, failure.retryAfter())))
                    : processing.failed(reason);
            Ticket updated = current.toBuilder().processing(next).updatedAt(now).build();
            AuditEntry entry = new AuditEntry(ticket.id(), now, "classifier:" + config.classifier().name(),
                    willRetry ? "retry-scheduled" : "failed", "attempt " + failedAttempts + ": " + reason);
            Ticket stored;
            try {
                stored = config.repository().update(new TicketChange(updated, List.of(), List.of(entry)));
            } catch (StaleTicketException e) {
                Optional<Ticket> fresh = stillHeld(ticket.id(), owner);
                if (fresh.isEmpty()) {
                    LOG.debug("Ticket {} was taken over while it was classified; failure not recorded", ticket.id());
                    return;
                }
                current = fresh.get();
                continue;
            }
            if (willRetry) {
                LOG.debug("Ticket {} attempt {} failed, retry at {}: {}", ticket.id(), failedAttempts, next.retryAt().orElse(null), reason);
                next.retryAt().ifPresent(retryScheduled);
            } else {
                failed.incrementAndGet();
                permits.finished(stored.id());
                // the reason may come from host code (an adapter's message): only at DEBUG; it is stored on the ticket
                LOG.warn("Ticket {} marked FAILED after {} attempt(s) ({})", ticket.id(), failedAttempts, failure.getClass().getName());
                LOG.debug("Ticket {} failed: {}", ticket.id(), reason);
            }
            publish(seq -> new TicketEvent.Failed(seq, stored, reason, willRetry, now));
            return;
        }
        LOG.debug("Ticket {} kept changing while its failure was stored; not recorded", ticket.id());
    }

    /**
     * The classifier is throttling: the ticket goes back to NEW, claimable at the limit's end, with its attempt
     * count unchanged. Published as a {@code Failed} event that will be retried.
     */
    void throttled(Ticket ticket, RateLimitedException rateLimit, @Nullable String owner) {
        Instant until = ClassifierCalls.boundedPause(rateLimit.until(), config.clock().instant());
        String reason = "rate limited by classifier " + config.classifier().name() + " until " + until;
        Ticket current = ticket;
        for (int attempt = 0; attempt < STALE_RETRIES; attempt++) {
            Instant now = config.clock().instant();
            Processing processing = current.processing();
            Processing next = new Processing(ProcessingState.NEW, processing.attempts(), reason, until);
            Ticket updated = current.toBuilder().processing(next).updatedAt(now).build();
            AuditEntry entry = new AuditEntry(ticket.id(), now, "classifier:" + config.classifier().name(), "rate-limited",
                    "retry at " + until + " (no attempt spent)");
            Ticket stored;
            try {
                stored = config.repository().update(new TicketChange(updated, List.of(), List.of(entry)));
            } catch (StaleTicketException e) {
                Optional<Ticket> fresh = stillHeld(ticket.id(), owner);
                if (fresh.isEmpty()) return;
                current = fresh.get();
                continue;
            }
            retryScheduled.accept(until);
            publish(seq -> new TicketEvent.Failed(seq, stored, reason, true, now));
            return;
        }
    }

    /** Publishes an event; a listener that throws anything (even an Error) never reaches the caller. */
    private void publish(LongFunction<? extends TicketEvent> event) {
        try {
            events.publish(event);
        } catch (Throwable thrown) {
            LOG.warn("A listener threw {}; ignored", thrown.getClass().getName());
            LOG.debug("A listener threw", thrown);
        }
    }
}
