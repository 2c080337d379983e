package dev.tickettriage;

import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TriageListener;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Numbers events and hands them to listeners; a listener that throws is logged and skipped. */
final class Events {

    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final List<TriageListener> listeners;
    private final AtomicLong sequence = new AtomicLong();

    Events(List<TriageListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /** Publishes the event {@code factory} makes with the next sequence number. */
    synchronized void publish(LongFunction<? extends TicketEvent> factory) {
        if (listeners.isEmpty()) return;
        TicketEvent event = factory.apply(sequence.incrementAndGet());
        for (TriageListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("Listener {} threw {} on {} event for ticket {}; ignored", listener.getClass().getName(),
                        e.getClass().getName(), event.type(), event.ticketId());
            }
        }
    }
}
