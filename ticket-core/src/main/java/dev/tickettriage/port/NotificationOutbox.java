package dev.tickettriage.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery side of the transactional outbox that {@link TicketRepository#update(TicketChange)} writes; it
 * belongs to its repository ({@link TicketRepository#outbox()}), so it is shared by every instance using that store.
 *
 * <p><b>States.</b> An entry is <i>pending</i> (waiting, due, or claimed) until it is delivered (then removed,
 * or kept as delivered, never claimed again) or given up (a <i>dead letter</i>, kept until requeued). A pending
 * entry has a due time (queued, retry, deferral) and, while claimed, an owner and a lease expiry.
 *
 * <p><b>Claims and fencing.</b> {@link #claimDue} leases up to {@code limit} claimable entries to {@code owner}
 * until now + {@code leaseDuration}, oldest {@code createdAt} first. Claimable means pending, due (due time not
 * after now) and not under a live lease (never claimed, released by a mark, or its lease expired). Two concurrent
 * claims never return the same entry while its lease is live. Every mark ({@link #markDelivered},
 * {@link #markRetry}, {@link #defer}, {@link #markFailed}) and {@link #extendLease} takes the owner and succeeds
 * only while the entry is pending and {@code owner} is the owner of its latest claim; otherwise it changes nothing
 * and returns false (the claim was lost: the entry was claimed again by another owner after the lease expired,
 * or it was already marked). A mark after the lease expired but before anyone claimed the entry again still
 * succeeds: nobody else has sent it. Owners should be unique per claim (the dispatcher appends a claim number),
 * so a stale delivery of one process can never mark a later claim of the same process. Every mark except
 * {@link #extendLease} ends the claim.
 *
 * <p><b>Attempts.</b> {@link #markRetry} and {@link #markFailed} count one attempt; {@link #defer} counts none
 * and has no cap. {@link OutboxEntry#attempts()} reports the attempts counted so far.
 *
 * <p><b>Dead letters</b> are listed oldest {@code failedAt} first (ties in a stable order of the
 * implementation's choice, the same for {@link #deadLettersAfter}) and can be requeued: pending again, due now,
 * attempts reset to 0.
 *
 * <p>In SQL: one table (id, notification columns, attempts, created_at, state PENDING/DEAD, due_at, owner,
 * lease_expires_at, deferred flag, last_error, failed_at); claim with {@code SELECT ... WHERE state = 'PENDING'
 * AND due_at <= now AND (lease_expires_at IS NULL OR lease_expires_at <= now) ORDER BY created_at, id LIMIT n
 * FOR UPDATE SKIP LOCKED} then set owner and lease; fence each mark with {@code UPDATE ... WHERE id = ? AND
 * state = 'PENDING' AND owner = ?} and return whether one row changed.
 *
 * <p>Implementations are thread-safe, use the repository's clock for "now", and report storage failures as
 * {@link dev.tickettriage.error.StorageException}. Implementations must pass {@code OutboxContract} (run by
 * {@code TicketRepositoryContract}) in ticket-testkit.
 */
public interface NotificationOutbox {

    /**
     * Leases up to {@code limit} claimable entries to {@code owner} until now + {@code leaseDuration}, oldest
     * {@code createdAt} first.
     *
     * @return the claimed entries, each carrying {@code owner} and its lease expiry; empty when none is claimable
     * @throws IllegalArgumentException when limit is below 1 or the lease is not positive
     */
    List<OutboxEntry> claimDue(String owner, int limit, Duration leaseDuration);

    /**
     * Extends the claim {@code owner} holds on an entry to now + {@code leaseDuration} (the dispatcher's heartbeat
     * while a slow notifier works). Does not end the claim.
     *
     * @return false when the claim was lost
     */
    boolean extendLease(UUID id, String owner, Duration leaseDuration);

    /**
     * Records that the entry was delivered: it is no longer pending and never claimed again.
     *
     * @return false when the claim was lost (nothing changed)
     */
    boolean markDelivered(UUID id, String owner);

    /**
     * Counts a failed attempt, records {@code reason} as the last error and makes the entry due again at
     * {@code notBefore}.
     *
     * @return false when the claim was lost (nothing changed)
     */
    boolean markRetry(UUID id, String owner, Instant notBefore, String reason);

    /**
     * Postpones the entry to {@code until} without counting an attempt (quiet hours, throttling, digests; also how
     * a dispatcher gives back entries it claimed but will not start: defer to now). There is no cap: a deferral
     * never turns the entry into a dead letter.
     *
     * @return false when the claim was lost (nothing changed)
     */
    boolean defer(UUID id, String owner, Instant until, String reason);

    /**
     * Counts a last attempt and gives up: the entry becomes a dead letter with {@code reason} as its last error,
     * is never claimed again, and is listed by {@link #deadLetters} until requeued.
     *
     * @return false when the claim was lost (nothing changed)
     */
    boolean markFailed(UUID id, String owner, String reason);

    /**
     * Pending entries that are not deferred to a later time: queued, claimed, or waiting for a retry (for
     * monitoring, {@code awaitIdle} and {@code drainBacklog}).
     */
    long pendingCount();

    /** Pending entries whose deferral ({@link #defer}) has not come due yet. */
    long deferredCount();

    /**
     * Up to {@code limit} dead letters, oldest {@code failedAt} first.
     *
     * @throws IllegalArgumentException when limit is below 1
     */
    List<DeadLetter> deadLetters(int limit);

    /**
     * Up to {@code limit} dead letters listed after {@code after} (a keyset cursor: the last one of the previous
     * page, which may have been requeued since), in the order of {@link #deadLetters(int)}.
     *
     * @throws IllegalArgumentException when limit is below 1
     */
    List<DeadLetter> deadLettersAfter(DeadLetter after, int limit);

    /** The dead letter with this id, if there is one (an entry still pending or delivered is not a dead letter). */
    Optional<DeadLetter> deadLetter(UUID id);

    /**
     * Puts a dead letter back: pending, due now, attempts reset to 0.
     *
     * @return false when there is no dead letter with this id
     */
    boolean requeueDeadLetter(UUID id);

    /**
     * Puts every dead letter back, as {@link #requeueDeadLetter} does.
     *
     * @return how many were requeued
     */
    int requeueAllDeadLetters();
}
