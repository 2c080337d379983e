package dev.tickettriage;

import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TriageListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbers events and hands them to the listeners.
 *
 * <ul>
 *   <li>Before {@link #start()}: synchronously, on the publishing thread, one event at a time (so
 *       {@code drainBacklog} with no background threads still reports events, in sequence order).</li>
 *   <li>After {@link #start()}: through a bounded queue to one dispatcher thread, so a slow listener never
 *       stalls a worker. A full queue drops the <b>newest</b> event (its sequence number is used up, so
 *       subscribers see a gap and resync), counts it in {@link #dropped()}, and warns at most once per
 *       {@link #WARN_INTERVAL}. Publishing never blocks on a listener.</li>
 *   <li>{@link #close(Duration)} delivers what is queued for up to the timeout, then stops; events queued but
 *       not delivered by then, and events published after close, count as dropped.</li>
 * </ul>
 * Sequence numbers are assigned and enqueued under one lock, so they increase in delivery order. A listener
 * that throws anything (also an {@link Error}) is logged and skipped; the dispatcher thread carries on.
 */
final class Events {

    private static final Logger LOG = LoggerFactory.getLogger(Events.class);
    /** Events that may wait for a slow listener before the newest are dropped. */
    static final int DEFAULT_CAPACITY = 65_536;
    static final Duration WARN_INTERVAL = Duration.ofMinutes(1);

    private enum State { SYNCHRONOUS, RUNNING, STOPPING, STOPPED }

    private final List<TriageListener> listeners;
    private final int capacity;
    private final ThreadFactory threadFactory;
    private final String threadName;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<TicketEvent> queue = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong listenerFailures = new AtomicLong();
    private final RateLimitedWarning dropWarning = new RateLimitedWarning();
    private final RateLimitedWarning[] failureWarnings;
    // guarded by lock
    private long sequence;
    private State state = State.SYNCHRONOUS;
    private @Nullable Thread thread;

    /** Events for a pipeline: its listeners, the host's thread factory, a thread named after the instance. */
    static Events forPipeline(PipelineConfig config) {
        return new Events(config.listeners(), DEFAULT_CAPACITY, config.work().threadFactory(),
                "ticket-triage-" + config.instanceId() + "-events");
    }

    /** Events with the default capacity and thread factory. */
    Events(List<TriageListener> listeners) {
        this(listeners, DEFAULT_CAPACITY, WorkerConfig.DEFAULT_THREAD_FACTORY, "ticket-triage-events");
    }

    Events(List<TriageListener> listeners, int capacity, ThreadFactory threadFactory, String threadName) {
        this.listeners = List.copyOf(listeners);
        this.failureWarnings = new RateLimitedWarning[this.listeners.size()];
        for (int i = 0; i < failureWarnings.length; i++) failureWarnings[i] = new RateLimitedWarning();
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        this.capacity = capacity;
        this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
        this.threadName = Objects.requireNonNull(threadName, "threadName");
    }

    /**
     * Publishes the event {@code factory} makes with the next sequence number; never throws because of a
     * listener, and never blocks on one once started.
     */
    void publish(LongFunction<? extends TicketEvent> factory) {
        if (listeners.isEmpty()) return;
        lock.lock();
        try {
            switch (state) {
                case SYNCHRONOUS:
                    // delivered under the lock: sequence order is delivery order on every thread
                    TicketEvent event = make(factory, ++sequence);
                    if (event != null) deliver(event);
                    return;
                case RUNNING:
                    long number = ++sequence;
                    if (queue.size() >= capacity) {
                        dropped(1, "the event queue is full (" + capacity + " events): a listener is too slow");
                        return;
                    }
                    TicketEvent queued = make(factory, number);
                    if (queued == null) return;
                    queue.addLast(queued);
                    if (queue.size() == 1) notEmpty.signal();
                    return;
                default:
                    ++sequence;
                    dropped(1, "events were published after close");
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts the dispatcher thread; from now on events are queued. Idempotent.
     *
     * @throws IllegalStateException after {@link #close(Duration)}
     */
    void start() {
        if (listeners.isEmpty()) return;
        lock.lock();
        try {
            if (state == State.RUNNING) return;
            if (state != State.SYNCHRONOUS) throw new IllegalStateException("events are closed");
            Thread dispatcher = Objects.requireNonNull(threadFactory.newThread(this::dispatchLoop),
                    "threadFactory returned no thread");
            if (threadFactory == WorkerConfig.DEFAULT_THREAD_FACTORY) dispatcher.setName(threadName);
            state = State.RUNNING;
            thread = dispatcher;
            dispatcher.start();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Delivers the queued events for up to {@code timeout}, then stops the dispatcher; undelivered events count
     * as dropped. Later events are dropped. Idempotent.
     */
    void close(Duration timeout) {
        Thread dispatcher;
        lock.lock();
        try {
            if (state == State.STOPPING || state == State.STOPPED) return;
            dispatcher = thread;
            state = dispatcher == null ? State.STOPPED : State.STOPPING;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        if (dispatcher == null || dispatcher == Thread.currentThread()) return;
        boolean interrupted = false;
        try {
            dispatcher.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            interrupted = true;
        }
        int left;
        lock.lock();
        try {
            state = State.STOPPED;
            left = queue.size();
            queue.clear();
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
        if (dispatcher.isAlive()) dispatcher.interrupt(); // a listener blocked for good: free the thread
        if (left > 0) {
            dropped.addAndGet(left);
            LOG.warn("{} event(s) not delivered within the shutdown timeout of {}: a listener is too slow", left, timeout);
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Events not delivered: dropped on a full queue, left at close, or published after close. */
    long dropped() {
        return dropped.get();
    }

    /** Times a listener threw. */
    long listenerFailures() {
        return listenerFailures.get();
    }

    private void dropped(int count, String why) {
        long total = dropped.addAndGet(count);
        if (dropWarning.due()) {
            LOG.warn("Dropped ticket event(s) because {}; {} dropped so far; subscribers see a gap in sequence numbers",
                    why, total);
        } else {
            LOG.debug("Dropped a ticket event because {}; {} dropped so far", why, total);
        }
    }

    private @Nullable TicketEvent make(LongFunction<? extends TicketEvent> factory, long number) {
        try {
            return Objects.requireNonNull(factory.apply(number), "event");
        } catch (RuntimeException e) {
            // an engine bug: the change is stored already, so losing its event must not fail the caller
            LOG.warn("Could not build ticket event {}: {}; skipped", number, e.getClass().getName());
            LOG.debug("Event construction failure", e);
            return null;
        }
    }

    private void dispatchLoop() {
        while (true) {
            TicketEvent event;
            lock.lock();
            try {
                while (queue.isEmpty()) {
                    if (state != State.RUNNING) return;
                    try {
                        notEmpty.await(1, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        // only close() may stop this thread; a listener's stray interrupt does not
                        if (state != State.RUNNING && queue.isEmpty()) return;
                    }
                }
                if (state == State.STOPPED) return;
                event = queue.pollFirst();
            } finally {
                lock.unlock();
            }
            deliver(event);
            if (Thread.interrupted() && stopped()) return;
        }
    }

    private boolean stopped() {
        lock.lock();
        try {
            return state == State.STOPPED;
        } finally {
            lock.unlock();
        }
    }

    private void deliver(TicketEvent event) {
        for (int i = 0; i < listeners.size(); i++) {
            TriageListener listener = listeners.get(i);
            try {
                listener.onEvent(event);
            } catch (Throwable e) { // NOPMD: a listener must never stop delivery; an Error included
                listenerFailed(listener, failureWarnings[i], event, e);
            }
        }
    }

    private void listenerFailed(TriageListener listener, RateLimitedWarning warning, TicketEvent event, Throwable failure) {
        try {
            long failures = listenerFailures.incrementAndGet();
            if (warning.due()) {
                // never the message: it may quote ticket text
                LOG.warn("Listener {} threw {} on {} event {} for ticket {}; skipped ({} listener failure(s) so far; "
                                + "further ones of this listener at DEBUG for {})",
                        listener.getClass().getName(), failure.getClass().getName(), event.type(), event.sequence(),
                        event.ticketId(), failures, WARN_INTERVAL);
            }
            LOG.debug("Listener {} failed on event {}", listener.getClass().getName(), event.sequence(), failure);
        } catch (Throwable ignored) { // NOPMD: logging itself failed (for example out of stack); keep going
        }
    }

    /** Lets one warning through per {@link #WARN_INTERVAL}. Thread-safe. */
    private static final class RateLimitedWarning {
        private final AtomicLong nextNanos = new AtomicLong(Long.MIN_VALUE);

        boolean due() {
            long now = System.nanoTime();
            long next = nextNanos.get();
            if (next != Long.MIN_VALUE && now - next < 0) return false;
            return nextNanos.compareAndSet(next, now + WARN_INTERVAL.toNanos());
        }
    }

    @Override
    public String toString() {
        return "Events[listeners=" + listeners.size() + ", capacity=" + capacity + ", dropped=" + dropped.get() + "]";
    }
}
