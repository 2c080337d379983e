package dev.tickettriage.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The delivery side of the transactional outbox that {@link TicketRepository#update(TicketChange)} writes.
 *
 * <p>{@link #claimDue} leases up to {@code limit} pending entries whose retry time has come (oldest first)
 * to one dispatcher; entries whose lease expires become claimable again, so a crashed dispatcher's work is
 * delivered by another (at least once). Each claimed entry ends with {@link #markDelivered},
 * {@link #markRetry} or {@link #markFailed}. Thread-safe; usually implemented by the same class as the
 * repository. Implementations must pass {@code TicketRepositoryContract} in ticket-testkit.
 */
public interface NotificationOutbox {

    /** Leases up to {@code limit} due entries to {@code owner}. */
    List<OutboxEntry> claimDue(String owner, int limit, Duration leaseDuration);

    /** Removes a delivered entry (or marks it delivered). */
    void markDelivered(UUID entryId);

    /** Counts a failed attempt and makes the entry due again at {@code notBefore}. */
    void markRetry(UUID entryId, Instant notBefore, String reason);

    /** Gives up on an entry (dead letter); it is kept for inspection and never claimed again. */
    void markFailed(UUID entryId, String reason);

    /** Entries not yet delivered or given up (for monitoring and tests). */
    long pendingCount();
}
