package dev.tickettriage.examples.spring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TriageListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Fans the pipeline's events out to Server-Sent Events subscribers. Each SSE {@code id} is the facade's event
 * sequence number; the last {@value #REPLAY_CAPACITY} events are kept so that a client reconnecting with
 * {@code Last-Event-ID} gets what it missed. When it missed more than that (or the app restarted, which restarts
 * the sequence), or the pipeline dropped events (a gap in the sequence), it gets a {@code resync} event and should
 * reload.
 *
 * <p><b>Threads and slow clients.</b> {@link #onEvent} runs on the pipeline's single event thread and never writes to
 * a socket: it only appends the event to each subscriber's own queue (at most {@value #QUEUE_CAPACITY} events, plus
 * the replay a subscriber started with) and returns. Each subscriber's queue is written out by a task of its own on
 * a fan-out thread pool, in sequence order, so a slow or stalled client only ever holds up its own task: the event
 * thread, and every other subscriber, go on. When a subscriber's queue is full (the client stopped reading), what
 * it had queued is thrown away, it is removed from the fan-out at once, and its task sends it a {@code resync} event
 * ("fell behind") and completes the stream when (if) its connection takes writes again; a browser's
 * {@code EventSource} then reconnects by itself with {@code Last-Event-ID} and reloads. A subscriber whose write
 * fails is dropped too. The heartbeat goes through the same queues, so it never blocks on a stalled client either.
 */
@Component
class EventStream implements TriageListener {

    static final int REPLAY_CAPACITY = 2_048;
    /** Live events that may wait for one subscriber before it is dropped as stalled. */
    static final int QUEUE_CAPACITY = 1_024;
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    /** One SSE message for a subscriber's queue: an event (with id and/or name), a comment, or the end of the stream. */
    private record Outgoing(@Nullable String id, @Nullable String name, @Nullable Object data, @Nullable String comment, boolean close) {
        static final Outgoing CLOSE = new Outgoing(null, null, null, null, true);

        static Outgoing event(Sent sent) {
            return new Outgoing(Long.toString(sent.sequence), null, sent, null, false);
        }

        static Outgoing resync(String reason) {
            return new Outgoing(null, "resync", Map.of("reason", reason), null, false);
        }

        static Outgoing comment(String text) {
            return new Outgoing(null, null, null, text, false);
        }

        SseEmitter.SseEventBuilder builder() {
            SseEmitter.SseEventBuilder builder = SseEmitter.event();
            if (comment != null) builder.comment(comment);
            if (id != null) builder.id(id);
            if (name != null) builder.name(name);
            if (data instanceof Sent sent) builder.data(sent.json(), MediaType.APPLICATION_JSON);
            else if (data != null) builder.data(data, MediaType.APPLICATION_JSON);
            return builder;
        }
    }

    /**
     * An event as kept for replay and queued for subscribers. Its JSON is written on first use, by a subscriber's task,
     * then shared: the event thread never serializes, so with nobody watching (a service under load with no dashboard
     * open) no event is ever written as JSON (that was 5 % of the CPU at ~1,500 POSTs/s on 2 cores).
     */
    private final class Sent {
        final long sequence;
        private final TicketEvent event;
        private volatile @Nullable String json;

        Sent(TicketEvent event) {
            this.sequence = event.sequence();
            this.event = event;
        }

        String json() {
            String written = json;
            if (written == null) {   // two tasks may both write it; they write the same text
                written = EventStream.this.json(event);
                json = written;
            }
            return written;
        }
    }

    private final ObjectMapper mapper;
    private final int queueCapacity;
    private final ExecutorService fanOut;
    private final Deque<Sent> recent = new ArrayDeque<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private long lastSequence;

    @Autowired
    EventStream(ObjectMapper mapper) {
        this(mapper, QUEUE_CAPACITY);
    }

    EventStream(ObjectMapper mapper, int queueCapacity) {
        this.mapper = mapper;
        this.queueCapacity = queueCapacity;
        AtomicInteger threads = new AtomicInteger();
        // one task per subscriber with something to send; a thread is only held while a client is slow to take writes
        this.fanOut = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "sse-fan-out-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void onEvent(TicketEvent event) {
        Sent sent = new Sent(event);
        synchronized (this) {
            boolean gap = lastSequence > 0 && event.sequence() != lastSequence + 1;
            lastSequence = event.sequence();
            recent.addLast(sent);
            while (recent.size() > REPLAY_CAPACITY) recent.removeFirst();
            Outgoing outgoing = Outgoing.event(sent);
            for (Subscriber subscriber : subscribers) {
                if (gap) subscriber.offer(Outgoing.resync("events were dropped"));
                subscriber.offer(outgoing);
            }
        }
    }

    /** A new subscriber; replays what followed {@code lastEventId} when it is still known. */
    SseEmitter subscribe(@Nullable String lastEventId) {
        SseEmitter emitter = new SseEmitter(0L);   // no timeout: the heartbeat finds dead connections
        register(emitter, lastEventId);
        return emitter;
    }

    /** Registers {@code emitter}: the greeting and any replay are queued first, then live events follow in order. */
    void register(SseEmitter emitter, @Nullable String lastEventId) {
        List<Outgoing> first = new ArrayList<>();
        Subscriber subscriber;
        synchronized (this) {
            first.add(Outgoing.comment("ticket events; last sequence " + lastSequence));
            if (lastEventId != null && !lastEventId.isBlank()) replay(first, lastEventId.trim());
            subscriber = new Subscriber(emitter, first, queueCapacity + first.size());
            subscribers.add(subscriber);
        }
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(error -> subscribers.remove(subscriber));
    }

    private void replay(List<Outgoing> into, String lastEventId) {
        long last;
        try {
            last = Long.parseLong(lastEventId);
        } catch (NumberFormatException e) {
            into.add(Outgoing.resync("Last-Event-ID is not an event id"));
            return;
        }
        Sent oldest = recent.peekFirst();
        if (last > lastSequence || (oldest != null && last < oldest.sequence - 1) || (oldest == null && last < lastSequence)) {
            into.add(Outgoing.resync("the events after " + last + " are no longer kept"));
            return;
        }
        for (Sent sent : recent) {
            if (sent.sequence > last) into.add(Outgoing.event(sent));
        }
    }

    /** Keeps idle connections open through proxies and finds closed ones; every 15 s. */
    @Scheduled(fixedRate = 15_000)
    void heartbeat() {
        Outgoing keepAlive = Outgoing.comment("keep-alive");
        for (Subscriber subscriber : subscribers) subscriber.offer(keepAlive);
    }

    /**
     * Ends every stream when the app shuts down, before the web server's graceful shutdown (on by default since Boot
     * 3.4) would wait for them: an open dashboard would otherwise hold the shutdown for its whole timeout.
     */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        synchronized (this) {
            for (Subscriber subscriber : subscribers) subscriber.close();
            subscribers.clear();
        }
        fanOut.shutdown();   // queued tasks still send their close; a thread stuck on a dead client is a daemon
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private String json(TicketEvent event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sequence", event.sequence());
        data.put("type", event.type());
        data.put("ticketId", event.ticketId().toString());
        data.put("at", event.at().toString());
        if (event instanceof TicketEvent.TicketChanged changed) data.put("ticket", TicketView.of(changed.ticket()));
        if (event instanceof TicketEvent.NotificationDelivered delivered) data.put("target", delivered.notification().target());
        if (event instanceof TicketEvent.NotificationDeadLettered dead) data.put("target", dead.notification().target());
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.sequence() + " cannot be written as JSON", e);
        }
    }

    /** One SSE client: its bounded queue, and at most one fan-out task writing it out. */
    private final class Subscriber {
        private final SseEmitter emitter;
        private final Deque<Outgoing> pending;
        private final int capacity;
        private boolean draining;
        private boolean ended;

        Subscriber(SseEmitter emitter, List<Outgoing> first, int capacity) {
            this.emitter = emitter;
            this.pending = new ArrayDeque<>(first);
            this.capacity = capacity;
            synchronized (this) {
                schedule();
            }
        }

        /** Queues {@code item} without blocking; a full queue ends this subscriber with a resync. */
        synchronized void offer(Outgoing item) {
            if (ended) return;
            if (pending.size() >= capacity) {
                pending.clear();
                pending.add(Outgoing.resync("this client fell " + queueCapacity + " events behind; reconnect with Last-Event-ID or reload"));
                pending.add(Outgoing.CLOSE);
                ended = true;
                subscribers.remove(this);
                LOG.debug("SSE subscriber fell {} events behind: sending resync and closing", queueCapacity);
            } else {
                pending.add(item);
            }
            schedule();
        }

        synchronized void close() {
            if (ended) return;
            ended = true;
            pending.add(Outgoing.CLOSE);
            schedule();
        }

        private void schedule() {   // called holding this subscriber's lock
            if (draining || pending.isEmpty()) return;
            draining = true;
            try {
                fanOut.execute(this::drain);
            } catch (RejectedExecutionException e) {   // shutting down
                draining = false;
                pending.clear();
                ended = true;
                subscribers.remove(this);
            }
        }

        /** Writes the queue out in order; only this subscriber waits when its client is slow. */
        private void drain() {
            while (true) {
                Outgoing next;
                synchronized (this) {
                    next = pending.poll();
                    if (next == null) {
                        draining = false;
                        return;
                    }
                }
                if (next.close()) {
                    emitter.complete();
                    return;   // stays "draining": nothing is written after the end
                }
                try {
                    emitter.send(next.builder());
                } catch (IOException | IllegalStateException e) {
                    synchronized (this) {
                        pending.clear();
                        ended = true;
                    }
                    subscribers.remove(this);
                    emitter.completeWithError(e);
                    LOG.debug("SSE subscriber dropped: {}", e.toString());
                    return;
                }
            }
        }
    }
}
