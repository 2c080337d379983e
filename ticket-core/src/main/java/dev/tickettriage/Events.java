package dev.tickettriage;

import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TriageListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands events to listeners; a listener that throws is logged and skipped. */
final class Events {

    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final List<TriageListener> listeners;

    Events(List<TriageListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void publish(TicketEvent event) {
        for (TriageListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("Listener {} threw on {} event for ticket {}; ignored", listener.getClass().getName(), event.type(),
                        event.ticket().id(), e);
            }
        }
    }
}
