package dev.tickettriage.spring;

import dev.tickettriage.TicketTriage;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the pipeline's threads once the context is refreshed (every bean ready, the store migrated) and closes it
 * first on shutdown, so queued events and notifications are flushed while the rest of the context still runs.
 */
final class TicketTriageLifecycle implements SmartLifecycle {

    private final TicketTriage triage;
    private volatile boolean running;

    TicketTriageLifecycle(TicketTriage triage) {
        this.triage = triage;
    }

    @Override
    public void start() {
        triage.start();
        running = true;
    }

    @Override
    public void stop() {
        triage.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
