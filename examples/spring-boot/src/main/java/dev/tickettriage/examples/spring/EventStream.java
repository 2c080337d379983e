package dev.tickettriage.examples.spring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TriageListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * reload. Events are sent on the pipeline's event thread, in sequence order; a subscriber whose connection fails is
 * dropped.
 */
@Component
class EventStream implements TriageListener {

    static final int REPLAY_CAPACITY = 2_048;
    private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

    private record Sent(long sequence, String json) {
    }

    private final ObjectMapper mapper;
    private final Deque<Sent> recent = new ArrayDeque<>();
    private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();
    private long lastSequence;

    EventStream(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void onEvent(TicketEvent event) {
        String json = json(event);
        synchronized (this) {
            boolean gap = lastSequence > 0 && event.sequence() != lastSequence + 1;
            lastSequence = event.sequence();
            recent.addLast(new Sent(event.sequence(), json));
            while (recent.size() > REPLAY_CAPACITY) recent.removeFirst();
            for (SseEmitter subscriber : subscribers) {
                if (gap) send(subscriber, resync("events were dropped"));
                send(subscriber, SseEmitter.event().id(Long.toString(event.sequence())).data(json, MediaType.APPLICATION_JSON));
            }
        }
    }

    /** A new subscriber; replays what followed {@code lastEventId} when it is still known. */
    SseEmitter subscribe(@Nullable String lastEventId) {
        SseEmitter emitter = new SseEmitter(0L);   // no timeout: the heartbeat finds dead connections
        emitter.onCompletion(() -> subscribers.remove(emitter));
        emitter.onTimeout(() -> subscribers.remove(emitter));
        emitter.onError(error -> subscribers.remove(emitter));
        synchronized (this) {
            send(emitter, SseEmitter.event().comment("ticket events; last sequence " + lastSequence));
            if (lastEventId != null && !lastEventId.isBlank()) replay(emitter, lastEventId.trim());
            subscribers.add(emitter);
        }
        return emitter;
    }

    private void replay(SseEmitter emitter, String lastEventId) {
        long last;
        try {
            last = Long.parseLong(lastEventId);
        } catch (NumberFormatException e) {
            send(emitter, resync("Last-Event-ID is not an event id"));
            return;
        }
        Sent oldest = recent.peekFirst();
        if (last > lastSequence || (oldest != null && last < oldest.sequence() - 1) || (oldest == null && last < lastSequence)) {
            send(emitter, resync("the events after " + last + " are no longer kept"));
            return;
        }
        for (Sent sent : recent) {
            if (sent.sequence() > last) {
                send(emitter, SseEmitter.event().id(Long.toString(sent.sequence())).data(sent.json(), MediaType.APPLICATION_JSON));
            }
        }
    }

    /** Keeps idle connections open through proxies and finds closed ones; every 15 s. */
    @Scheduled(fixedRate = 15_000)
    void heartbeat() {
        synchronized (this) {
            for (SseEmitter subscriber : subscribers) send(subscriber, SseEmitter.event().comment("keep-alive"));
        }
    }

    /**
     * Ends every stream when the app shuts down, before the web server's graceful shutdown (on by default since Boot
     * 3.4) would wait for them: an open dashboard would otherwise hold the shutdown for its whole timeout.
     */
    @EventListener(ContextClosedEvent.class)
    void closeAll() {
        synchronized (this) {
            for (SseEmitter subscriber : subscribers) subscriber.complete();
            subscribers.clear();
        }
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private static SseEmitter.SseEventBuilder resync(String reason) {
        return SseEmitter.event().name("resync").data(Map.of("reason", reason), MediaType.APPLICATION_JSON);
    }

    private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            subscribers.remove(emitter);
            emitter.completeWithError(e);
            LOG.debug("SSE subscriber dropped: {}", e.toString());
        }
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

}
