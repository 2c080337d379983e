package dev.tickettriage.port;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Ticket;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something that happened to a ticket, for realtime subscribers (a live dashboard) and audit. Each event
 * carries the ticket snapshot after the change and when it happened.
 */
public interface TicketEvent {

    /** The ticket after the change. */
    Ticket ticket();

    Instant at();

    /** A short machine-readable kind, for example {@code classified}. */
    String type();

    /** A ticket was stored (state NEW). */
    record Created(Ticket ticket, Instant at) implements TicketEvent {
        public Created { Objects.requireNonNull(ticket, "ticket"); Objects.requireNonNull(at, "at"); }
        @Override public String type() { return "created"; }
    }

    /** A ticket was classified and routed; {@code firedRules} names the routing rules that matched. */
    record Classified(Ticket ticket, Classification classification, List<String> firedRules, Instant at) implements TicketEvent {
        public Classified {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(classification, "classification");
            firedRules = List.copyOf(firedRules);
            Objects.requireNonNull(at, "at");
        }
        @Override public String type() { return "classified"; }
    }

    /** An agent or a rule changed the support status. */
    record StatusChanged(Ticket ticket, SupportStatus from, SupportStatus to, Instant at) implements TicketEvent {
        public StatusChanged {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(at, "at");
        }
        @Override public String type() { return "status-changed"; }
    }

    /** A notification about the ticket was delivered. */
    record Notified(Ticket ticket, Notification notification, Instant at) implements TicketEvent {
        public Notified {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(notification, "notification");
            Objects.requireNonNull(at, "at");
        }
        @Override public String type() { return "notified"; }
    }

    /**
     * A processing attempt failed; {@code willRetry} tells whether the ticket waits for another attempt
     * (state NEW) or was given up (state FAILED). {@code reason} never quotes ticket text.
     */
    record Failed(Ticket ticket, String reason, boolean willRetry, Instant at) implements TicketEvent {
        public Failed {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
        @Override public String type() { return "failed"; }
    }
}
