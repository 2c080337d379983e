package dev.tickettriage.port;

import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.TriageException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What became of one change in {@link TicketRepository#updateAll(java.util.List)}: the stored ticket (version
 * incremented), or the failure that change alone met ({@link dev.tickettriage.error.StaleTicketException},
 * {@link dev.tickettriage.error.TicketNotFoundException}, an invalid value, a storage failure). Immutable.
 */
public final class UpdateOutcome {

    private final @Nullable Ticket stored;
    private final @Nullable TriageException failure;

    private UpdateOutcome(@Nullable Ticket stored, @Nullable TriageException failure) {
        this.stored = stored;
        this.failure = failure;
    }

    /** The change was stored as {@code ticket}. */
    public static UpdateOutcome stored(Ticket ticket) {
        return new UpdateOutcome(Objects.requireNonNull(ticket, "ticket"), null);
    }

    /** The change was not stored (nothing of it was written) because of {@code failure}. */
    public static UpdateOutcome failed(TriageException failure) {
        return new UpdateOutcome(null, Objects.requireNonNull(failure, "failure"));
    }

    public boolean isStored() {
        return stored != null;
    }

    /** The stored ticket; empty when the change failed. */
    public Optional<Ticket> ticket() {
        return Optional.ofNullable(stored);
    }

    /** Why the change was not stored; empty when it was. */
    public Optional<TriageException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return stored != null ? "UpdateOutcome[stored " + stored.id() + " v" + stored.version() + "]"
                : "UpdateOutcome[failed " + failure.getClass().getSimpleName() + "]";
    }
}
