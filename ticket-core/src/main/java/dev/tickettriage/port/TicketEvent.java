package dev.tickettriage.port;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Correction;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Something that happened to a ticket or its notifications, for realtime subscribers (a live dashboard, Server-Sent
 * Events), metrics and audit. A closed set: {@link #kind()} names the record type.
 *
 * <p>{@link #sequence()} increases by one per event published by one {@code TicketTriage} instance, from 1, in the
 * order listeners receive them; use it as an SSE event id ({@code Last-Event-ID}). A gap in the numbers means
 * events were dropped because a listener fell behind (see {@link TriageListener}). Events of state changes carry
 * the ticket snapshot after the change; notification events carry the notification only.
 */
public sealed interface TicketEvent {

    /** Increasing per instance, from 1. */
    long sequence();

    /** The ticket this event is about. */
    TicketId ticketId();

    /** When it happened. */
    Instant at();

    /** Which kind of event this is. */
    EventKind kind();

    /** The kind's wire name, for example {@code classified} or {@code status-changed}. */
    default String type() {
        return kind().wireName();
    }

    /** The kinds of {@link TicketEvent}, one per record type. */
    enum EventKind {
        CREATED, CLASSIFIED, FAILED, REQUEUED, STATUS_CHANGED, SLA_ESCALATED, ASSIGNED, PRIORITY_CHANGED, TAGS_CHANGED,
        REPLY_EDITED, CORRECTED, NOTIFICATION_DELIVERED, NOTIFICATION_DEAD_LETTERED;

        /** Lower case with dashes, for example {@code status-changed}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** An event about a stored change of a ticket: carries the ticket after the change. */
    sealed interface TicketChanged extends TicketEvent {
        /** The ticket after the change. */
        Ticket ticket();

        @Override
        default TicketId ticketId() {
            return ticket().id();
        }
    }

    /** A ticket was stored (state NEW). */
    record Created(long sequence, Ticket ticket, Instant at) implements TicketChanged {
        public Created { Checks.event(sequence, ticket, at); }
        @Override public EventKind kind() { return EventKind.CREATED; }
    }

    /** A ticket was classified and routed; {@code firedRules} names the routing rules that matched. */
    record Classified(long sequence, Ticket ticket, Classification classification, List<String> firedRules, Instant at)
            implements TicketChanged {
        public Classified {
            Checks.event(sequence, ticket, at);
            Objects.requireNonNull(classification, "classification");
            firedRules = List.copyOf(firedRules);
        }
        @Override public EventKind kind() { return EventKind.CLASSIFIED; }
    }

    /**
     * A processing attempt failed; {@code willRetry} tells whether the ticket waits for another attempt
     * (state NEW) or was given up (state FAILED). {@code reason} never quotes ticket text.
     */
    record Failed(long sequence, Ticket ticket, String reason, boolean willRetry, Instant at) implements TicketChanged {
        public Failed { Checks.event(sequence, ticket, at); Objects.requireNonNull(reason, "reason"); }
        @Override public EventKind kind() { return EventKind.FAILED; }
    }

    /** A finished ticket was put back in the queue by {@code actor}. */
    record Requeued(long sequence, Ticket ticket, String actor, Instant at) implements TicketChanged {
        public Requeued { Checks.event(sequence, ticket, at); Objects.requireNonNull(actor, "actor"); }
        @Override public EventKind kind() { return EventKind.REQUEUED; }
    }

    /** {@code actor} (an agent, or {@code rules}) changed the support status. */
    record StatusChanged(long sequence, Ticket ticket, SupportStatus from, SupportStatus to, String actor, Instant at)
            implements TicketChanged {
        public StatusChanged {
            Checks.event(sequence, ticket, at);
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(actor, "actor");
        }
        @Override public EventKind kind() { return EventKind.STATUS_CHANGED; }
    }

    /** The SLA sweep escalated a ticket past its SLA; {@code firedRules} names the SLA rules that matched. */
    record SlaEscalated(long sequence, Ticket ticket, List<String> firedRules, Instant at) implements TicketChanged {
        public SlaEscalated { Checks.event(sequence, ticket, at); firedRules = List.copyOf(firedRules); }
        @Override public EventKind kind() { return EventKind.SLA_ESCALATED; }
    }

    /** {@code actor} assigned the ticket ({@code ticket().assignee()} is the new assignee; empty when unassigned). */
    record Assigned(long sequence, Ticket ticket, String actor, Instant at) implements TicketChanged {
        public Assigned { Checks.event(sequence, ticket, at); Objects.requireNonNull(actor, "actor"); }
        @Override public EventKind kind() { return EventKind.ASSIGNED; }
    }

    /** {@code actor} set the ticket's priority to {@code priority}. */
    record PriorityChanged(long sequence, Ticket ticket, Priority priority, String actor, Instant at) implements TicketChanged {
        public PriorityChanged {
            Checks.event(sequence, ticket, at);
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(actor, "actor");
        }
        @Override public EventKind kind() { return EventKind.PRIORITY_CHANGED; }
    }

    /** {@code actor} added and removed tags. */
    record TagsChanged(long sequence, Ticket ticket, Set<String> added, Set<String> removed, String actor, Instant at)
            implements TicketChanged {
        public TagsChanged {
            Checks.event(sequence, ticket, at);
            added = Set.copyOf(added);
            removed = Set.copyOf(removed);
            Objects.requireNonNull(actor, "actor");
        }
        @Override public EventKind kind() { return EventKind.TAGS_CHANGED; }
    }

    /** {@code actor} edited the suggested reply. */
    record ReplyEdited(long sequence, Ticket ticket, String actor, Instant at) implements TicketChanged {
        public ReplyEdited { Checks.event(sequence, ticket, at); Objects.requireNonNull(actor, "actor"); }
        @Override public EventKind kind() { return EventKind.REPLY_EDITED; }
    }

    /**
     * {@code actor} corrected the classification; {@code correction} (also {@code ticket().correction()}) holds what
     * was predicted and what was decided.
     */
    record Corrected(long sequence, Ticket ticket, Correction correction, String actor, Instant at) implements TicketChanged {
        public Corrected {
            Checks.event(sequence, ticket, at);
            Objects.requireNonNull(correction, "correction");
            Objects.requireNonNull(actor, "actor");
        }
        @Override public EventKind kind() { return EventKind.CORRECTED; }
    }

    /** A notification about the ticket was delivered. */
    record NotificationDelivered(long sequence, Notification notification, Instant at) implements TicketEvent {
        public NotificationDelivered { Checks.notification(sequence, notification, at); }
        @Override public TicketId ticketId() { return notification.ticketId(); }
        @Override public EventKind kind() { return EventKind.NOTIFICATION_DELIVERED; }
    }

    /** A notification was given up and parked as a dead letter; {@code reason} never quotes ticket text. */
    record NotificationDeadLettered(long sequence, Notification notification, String reason, Instant at) implements TicketEvent {
        public NotificationDeadLettered { Checks.notification(sequence, notification, at); Objects.requireNonNull(reason, "reason"); }
        @Override public TicketId ticketId() { return notification.ticketId(); }
        @Override public EventKind kind() { return EventKind.NOTIFICATION_DEAD_LETTERED; }
    }
}

/** Argument checks of the event records. */
final class Checks {

    private Checks() {
    }

    static void event(long sequence, Ticket ticket, Instant at) {
        if (sequence < 1) throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(at, "at");
    }

    static void notification(long sequence, Notification notification, Instant at) {
        if (sequence < 1) throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(at, "at");
    }
}
