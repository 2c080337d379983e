package dev.tickettriage.examples.spring;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.notify.AlertAcknowledgements;
import dev.tickettriage.port.DeadLetter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.HtmlUtils;

/** Live events (SSE), dead letters and the acknowledge link behind the ntfy "Acknowledge" button. */
@RestController
class OperationsController {

    static final int MAX_DEAD_LETTERS = 500;
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9_.=-]{1,4096}");

    private final TicketTriage triage;
    private final EventStream events;
    private final ObjectProvider<AlertAcknowledgements> acknowledgements;

    OperationsController(TicketTriage triage, EventStream events, ObjectProvider<AlertAcknowledgements> acknowledgements) {
        this.triage = triage;
        this.events = events;
        this.acknowledgements = acknowledgements;
    }

    /**
     * Server-Sent Events: one JSON event per pipeline event, its SSE id the event's sequence number. Resume with the
     * {@code Last-Event-ID} header (browsers send it on reconnect) or the {@code lastEventId} parameter.
     */
    @GetMapping(path = "/api/tickets/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventIdHeader,
                      @RequestParam(name = "lastEventId", required = false) @Nullable String lastEventIdParam) {
        return events.subscribe(lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam);
    }

    /** A dead letter: a notification the dispatcher gave up on. */
    record DeadLetterView(UUID id, String ticketId, String target, String title, int attempts, String lastError, Instant failedAt) {
        static DeadLetterView of(DeadLetter letter) {
            return new DeadLetterView(letter.id(), letter.notification().ticketId().toString(), letter.notification().target(),
                    letter.notification().title(), letter.attempts(), letter.lastError(), letter.failedAt());
        }
    }

    @GetMapping("/api/dead-letters")
    List<DeadLetterView> deadLetters(@RequestParam(defaultValue = "100") String limit) {
        RequestParsing parsing = new RequestParsing();
        int count = parsing.parsed("limit", limit, Integer::parseInt, "a whole number").orElse(100);
        if (count < 1 || count > MAX_DEAD_LETTERS) parsing.error("limit", "must be 1-" + MAX_DEAD_LETTERS + ", was " + count);
        parsing.check();
        return triage.deadLetters(count).stream().map(DeadLetterView::of).toList();
    }

    @PostMapping("/api/dead-letters/{id}/replay")
    ResponseEntity<?> replay(@PathVariable String id, @RequestHeader(name = "X-Actor", required = false) @Nullable String actor) {
        RequestParsing parsing = new RequestParsing();
        UUID letter = parsing.parsed("id", id, UUID::fromString, "a dead letter id (UUID)").orElse(null);
        parsing.check();
        if (letter == null || !triage.requeueDeadLetter(letter, actorOr(actor, TicketController.DEFAULT_ACTOR))) {
            return ApiProblems.problem(HttpStatus.NOT_FOUND, "dead-letter-not-found", "Dead letter not found",
                    "No dead letter " + letter, Map.of());
        }
        return ResponseEntity.accepted().body(Map.of("requeued", 1));
    }

    @PostMapping("/api/dead-letters/replay")
    ResponseEntity<Map<String, Object>> replayAll(@RequestHeader(name = "X-Actor", required = false) @Nullable String actor) {
        return ResponseEntity.accepted().body(Map.of("requeued", triage.requeueAllDeadLetters(actorOr(actor, TicketController.DEFAULT_ACTOR))));
    }

    /** What the ntfy "Acknowledge" button calls (an HTTP action POSTs here); marks the ticket acknowledged. */
    @PostMapping("/api/acknowledgements/{token}")
    Map<String, Object> acknowledge(@PathVariable String token,
                                    @RequestHeader(name = "X-Actor", required = false) @Nullable String actor) {
        requireAcknowledgements();
        TicketView ticket = TicketView.of(triage.acknowledge(token, actorOr(actor, "alert-link")));
        return Map.of("acknowledged", true, "ticket", ticket);
    }

    /** The same link opened in a browser (an e-mail's link): a page with a button that POSTs, so a GET changes nothing. */
    @GetMapping(path = "/api/acknowledgements/{token}", produces = MediaType.TEXT_HTML_VALUE)
    String acknowledgePage(@PathVariable String token) {
        requireAcknowledgements();
        if (!TOKEN.matcher(token).matches()) throw new ApiProblems.BadRequest(List.of(new ApiProblems.FieldError("token", "is not an acknowledge token")));
        String escaped = HtmlUtils.htmlEscape(token);
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Acknowledge alert</title>"
                + "<meta name=\"viewport\" content=\"width=device-width\"></head><body><main><h1>Acknowledge this alert?</h1>"
                + "<button id=\"ack\">Acknowledge</button><p id=\"result\" role=\"status\"></p></main><script>"
                + "document.getElementById('ack').onclick=async()=>{const r=await fetch('/api/acknowledgements/"
                + escaped + "',{method:'POST'});document.getElementById('result').textContent="
                + "r.ok?'Acknowledged.':'Failed: '+(await r.json()).title;};</script></body></html>";
    }

    private void requireAcknowledgements() {
        if (acknowledgements.getIfAvailable() == null) {
            throw new UnsupportedOperationException("Acknowledgements are off: set ticket-triage.acknowledgements.secret");
        }
    }

    private static String actorOr(@Nullable String actor, String fallback) {
        return actor == null || actor.isBlank() ? fallback : actor;
    }
}
