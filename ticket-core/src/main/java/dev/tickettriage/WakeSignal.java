package dev.tickettriage;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** Wakes idle loops when work arrives; a signal sent while nobody waits is kept for the next wait. */
final class WakeSignal {

    private final Object monitor = new Object();
    private final AtomicBoolean pending = new AtomicBoolean();

    void signal() {
        if (pending.compareAndSet(false, true)) {   // cheap when a wake-up is already pending
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    /** Waits until signalled or {@code timeout} passes. */
    void await(Duration timeout) throws InterruptedException {
        synchronized (monitor) {
            if (!pending.get()) {
                monitor.wait(Math.max(1, timeout.toMillis()));
            }
        }
        pending.set(false);
    }
}
