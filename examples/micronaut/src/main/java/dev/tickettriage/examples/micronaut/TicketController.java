package dev.tickettriage.examples.micronaut;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.error.TicketNotFoundException;
import dev.tickettriage.port.Page;
import dev.tickettriage.port.PageCursor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.util.List;

/**
 * The REST API: create, list, get, reclassify, stats. Submitting returns at once; the library's workers classify in
 * the background, so a new ticket is NEW first and PROCESSED shortly after (or call {@code /process}). Calls run on
 * the blocking executor because a store or classifier may block.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
final class TicketController {

    private final TicketTriage triage;
    private final Taxonomy taxonomy;

    TicketController(TicketTriage triage, Taxonomy taxonomy) {
        this.triage = triage;
        this.taxonomy = taxonomy;
    }

    /** 201 with a Location; 400 problem+json naming every bad field; a retried Idempotency-Key returns the same ticket. */
    @Post("/tickets")
    HttpResponse<TicketView> create(@Body TicketRequest request, @Header("Idempotency-Key") @Nullable String idempotencyKey) {
        Ticket ticket = triage.submit(request.toNewTicket(idempotencyKey));
        return HttpResponse.created(TicketView.of(ticket), URI.create("/api/tickets/" + ticket.id()));
    }

    @Get("/tickets")
    TicketPage list(HttpRequest<?> request) {
        Page<Ticket> page = triage.query(ListParameters.toQuery(request.getParameters(), taxonomy));
        List<TicketView> items = page.items().stream().map(TicketView::of).toList();
        return new TicketPage(items, page.next().map(PageCursor::encode).orElse(null));
    }

    @Get("/tickets/{id}")
    TicketView get(@PathVariable String id) {
        TicketId ticketId = ticketId(id);
        return triage.find(ticketId).map(TicketView::of).orElseThrow(() -> new TicketNotFoundException(ticketId));
    }

    /** Classifies the ticket now, on this thread, and answers the result (a failure of the classifier is a 502/503). */
    @Post("/tickets/{id}/process")
    TicketView process(@PathVariable String id) {
        return TicketView.of(triage.process(ticketId(id)));
    }

    @Get("/stats")
    StatsView stats() {
        return StatsView.of(triage.stats());
    }

    private static TicketId ticketId(String id) {
        try {
            return TicketId.parse(id);
        } catch (InvalidInputException e) {
            throw new InvalidParametersException(List.of(new Problem.FieldError("id", "must be a ticket id (a UUID)")));
        }
    }
}
