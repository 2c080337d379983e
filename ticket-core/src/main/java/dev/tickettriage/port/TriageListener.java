package dev.tickettriage.port;

/**
 * Receives {@link TicketEvent}s as they happen, on the pipeline's threads: keep it fast and hand heavy
 * work to your own executor. A listener that throws is logged at WARN and never breaks the pipeline.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TriageListener {

    void onEvent(TicketEvent event);
}
