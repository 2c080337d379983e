package dev.tickettriage.port;

/**
 * Receives {@link TicketEvent}s: for a live dashboard (Server-Sent Events), metrics or an audit feed.
 *
 * <p><b>Threading.</b> Before {@code TicketTriage.start()} events are delivered synchronously on the thread
 * that caused them (a {@code submit}, {@code drainBacklog} or agent command caller), one at a time. After
 * {@code start()} they are delivered by one dedicated event thread (made by {@code WorkerConfig.threadFactory()})
 * through a bounded queue, so a slow listener never stalls submits or workers; {@code close()} delivers what is
 * still queued for up to the shutdown timeout. Events are never delivered to two listeners at once, but keep
 * {@code onEvent} fast all the same and hand heavy work to your own executor. Implementations need not be
 * thread-safe with respect to other {@code onEvent} calls, only with the rest of the host.
 *
 * <p><b>Ordering.</b> Every listener sees events in increasing {@link TicketEvent#sequence()} order, and a
 * ticket's events in the order its changes were stored.
 *
 * <p><b>Overflow.</b> Up to 65,536 events wait for a slow listener. When the queue is full the <b>newest</b>
 * event is dropped (never blocking the pipeline): its sequence number is used up, so a subscriber sees a gap and
 * should resync (for example re-query the tickets it shows); {@code TicketTriage.droppedEvents()} counts the
 * drops, and a WARN is logged at most once a minute. Events published after {@code close()} are dropped too.
 *
 * <p><b>Failures.</b> A listener that throws anything, an {@link Error} included, is logged (its class and the
 * exception's class at WARN, at most once a minute per listener; the exception at DEBUG) and skipped: the other
 * listeners still get the event, the pipeline and the event thread carry on, and {@code submit} never fails
 * because of a listener.
 */
@FunctionalInterface
public interface TriageListener {

    /** Called once per event; see the class comment for the thread it runs on. */
    void onEvent(TicketEvent event);
}
