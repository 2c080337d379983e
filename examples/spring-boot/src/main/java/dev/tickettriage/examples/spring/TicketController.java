package dev.tickettriage.examples.spring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Channel;
import dev.tickettriage.domain.CorrectedLabels;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketFactory;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.InvalidTicketException;
import dev.tickettriage.error.TicketNotFoundException;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.Page;
import dev.tickettriage.port.PageCursor;
import dev.tickettriage.port.TicketQuery;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The tickets API: create, list (filters, keyset pages), read, reclassify, agent changes, audit trail. */
@RestController
@RequestMapping("/api/tickets")
class TicketController {

    /** Who made a change, when the request names nobody ({@code X-Actor} header). */
    static final String DEFAULT_ACTOR = "api";
    private static final Set<String> PATCH_FIELDS = Set.of("status", "assignee", "priority", "tags", "suggestedReply", "correction");
    private static final Set<String> CORRECTION_FIELDS = Set.of("category", "sentiment", "priority");

    private final TicketTriage triage;

    TicketController(TicketTriage triage) {
        this.triage = triage;
    }

    /** The body of {@code POST /api/tickets}; only {@code body} is required. */
    record CreateTicketRequest(@Nullable String subject, @Nullable String body, @Nullable String customerName,
                               @Nullable String customerEmail, @Nullable String customerExternalId, @Nullable String channel,
                               @Nullable List<String> tags, @Nullable Map<String, String> attributes,
                               @Nullable String idempotencyKey) {
    }

    /** One page of tickets; {@code next} is the cursor of the following page (also in the {@code Link} header). */
    record TicketPage(List<TicketView> items, @Nullable String next) {
    }

    @PostMapping
    ResponseEntity<TicketView> create(@RequestBody CreateTicketRequest request,
                                      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey) {
        RequestParsing parsing = new RequestParsing();
        Channel channel = parsing.enumValue("channel", request.channel(), Channel.class).orElse(Channel.API);
        NewTicket.Builder ticket = NewTicket.builder().subject(request.subject()).body(request.body())
                .customerName(request.customerName()).customerEmail(request.customerEmail())
                .customerExternalId(request.customerExternalId()).channel(channel)
                .idempotencyKey(idempotencyKey != null ? idempotencyKey : request.idempotencyKey());
        if (request.tags() != null) ticket.tags(new LinkedHashSet<>(request.tags()));
        if (request.attributes() != null) ticket.attributes(request.attributes());
        NewTicket input = ticket.build();
        if (parsing.hasErrors()) {
            try {   // the library's own checks, without storing anything, so one response names every bad field
                TicketFactory.ofDefaults().create(input, Instant.now());
            } catch (InvalidTicketException e) {
                e.violations().forEach(violation -> parsing.error(ApiProblems.requestField(violation.field()), violation.reason()));
            }
            parsing.check();
        }
        Ticket stored = triage.submit(input);
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(stored.id()).toUri();
        return ResponseEntity.created(location).body(TicketView.of(stored));
    }

    @GetMapping
    ResponseEntity<TicketPage> list(@RequestParam MultiValueMap<String, String> params) {
        Page<Ticket> page = triage.query(query(params, TicketQuery.DEFAULT_LIMIT));
        String next = page.next().map(PageCursor::encode).orElse(null);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (next != null) {
            URI link = ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("after", next).build().toUri();
            response.header(HttpHeaders.LINK, "<" + link + ">; rel=\"next\"");
        }
        return response.body(new TicketPage(page.items().stream().map(TicketView::of).toList(), next));
    }

    @GetMapping("/{id}")
    TicketView get(@PathVariable String id) {
        TicketId ticketId = TicketId.parse(id);
        return triage.find(ticketId).map(TicketView::of).orElseThrow(() -> new TicketNotFoundException(ticketId));
    }

    @PostMapping("/{id}/process")
    TicketView process(@PathVariable String id) {
        return TicketView.of(triage.process(TicketId.parse(id)));
    }

    @GetMapping("/{id}/audit")
    List<AuditEntry> audit(@PathVariable String id) {
        TicketId ticketId = TicketId.parse(id);
        if (triage.find(ticketId).isEmpty()) throw new TicketNotFoundException(ticketId);
        return triage.auditTrail(ticketId);
    }

    /**
     * Agent changes, each through the facade's audited command: {@code status}, {@code assignee} (null unassigns),
     * {@code priority}, {@code tags} (the full new set), {@code suggestedReply}, {@code correction} (category,
     * sentiment, priority: recorded as ground truth). Every field is checked before anything changes.
     */
    @PatchMapping(path = "/{id}", consumes = {"application/json", "application/merge-patch+json"})
    TicketView patch(@PathVariable String id, @RequestBody JsonNode body,
                     @RequestHeader(name = "X-Actor", required = false) @Nullable String actorHeader) {
        TicketId ticketId = TicketId.parse(id);
        String actor = actorHeader == null || actorHeader.isBlank() ? DEFAULT_ACTOR : actorHeader;
        RequestParsing parsing = new RequestParsing();
        if (!body.isObject()) {
            parsing.error("body", "must be a JSON object");
            parsing.check();
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PATCH_FIELDS.contains(name)) parsing.error(name, "is not a field you can change; use one of " + PATCH_FIELDS);
        }
        Optional<SupportStatus> status = parsing.enumValue("status", text(body, "status", parsing), SupportStatus.class);
        Optional<Priority> priority = parsing.enumValue("priority", text(body, "priority", parsing), Priority.class);
        @Nullable String assignee = text(body, "assignee", parsing);
        @Nullable String reply = text(body, "suggestedReply", parsing);
        @Nullable Set<String> tags = null;
        if (body.has("tags")) {
            JsonNode node = body.get("tags");
            if (!node.isArray()) {
                parsing.error("tags", "must be an array of strings");
            } else {
                tags = new LinkedHashSet<>();
                for (JsonNode tag : node) {
                    if (tag.isTextual()) tags.add(tag.textValue()); else parsing.error("tags", "must hold only strings");
                }
            }
        }
        @Nullable CorrectedLabels correction = body.has("correction") ? correction(body.get("correction"), parsing) : null;
        parsing.check();

        Ticket ticket = triage.find(ticketId).orElseThrow(() -> new TicketNotFoundException(ticketId));
        if (status.isPresent() && status.get() != ticket.status()) ticket = triage.changeStatus(ticketId, status.get(), actor);
        if (body.has("assignee")) {
            ticket = assignee == null ? triage.unassign(ticketId, actor) : triage.assign(ticketId, assignee, actor);
        }
        if (priority.isPresent()) ticket = triage.setPriority(ticketId, priority.get(), actor);
        if (tags != null) {
            for (String tag : List.copyOf(ticket.tags())) {
                if (!tags.contains(tag)) ticket = triage.removeTag(ticketId, tag, actor);
            }
            for (String tag : tags) {
                if (!ticket.tags().contains(tag)) ticket = triage.addTag(ticketId, tag, actor);
            }
        }
        if (reply != null) ticket = triage.editSuggestedReply(ticketId, reply, actor);
        if (correction != null) ticket = triage.correct(ticketId, correction, actor);
        return TicketView.of(ticket);
    }

    private static @Nullable CorrectedLabels correction(JsonNode node, RequestParsing parsing) {
        if (!node.isObject()) {
            parsing.error("correction", "must be an object with category, sentiment and/or priority");
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CORRECTION_FIELDS.contains(name)) parsing.error("correction." + name, "is not a label you can correct; use one of " + CORRECTION_FIELDS);
        }
        if (!node.has("category") && !node.has("sentiment") && !node.has("priority")) {
            parsing.error("correction", "must name at least one of " + CORRECTION_FIELDS);
            return null;
        }
        CorrectedLabels.Builder labels = CorrectedLabels.builder();
        parsing.parsed("correction.category", text(node, "category", parsing), Category::of, "a category label").ifPresent(labels::category);
        parsing.enumValue("correction.sentiment", text(node, "sentiment", parsing), Sentiment.class).ifPresent(labels::sentiment);
        parsing.enumValue("correction.priority", text(node, "priority", parsing), Priority.class).ifPresent(labels::priority);
        return parsing.hasErrors() ? null : labels.build();
    }

    private static @Nullable String text(JsonNode node, String field, RequestParsing parsing) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual()) {
            parsing.error(field, "must be a string");
            return null;
        }
        return value.textValue();
    }

    /** The query of the list and export endpoints, from their parameters; every bad one is reported at once. */
    static TicketQuery query(MultiValueMap<String, String> params, int defaultLimit) {
        RequestParsing parsing = new RequestParsing();
        TicketQuery.Builder query = TicketQuery.builder();
        parsing.enumValues("status", params.get("status"), SupportStatus.class).forEach(query::status);
        parsing.enumValues("state", params.get("state"), ProcessingState.class).forEach(query::processingState);
        parsing.enumValues("sentiment", params.get("sentiment"), Sentiment.class).forEach(query::sentiment);
        parsing.enumValues("priority", params.get("priority"), Priority.class).forEach(query::priority);
        List<Category> categories = new ArrayList<>();
        for (String label : RequestParsing.split(params.get("category"))) {
            parsing.parsed("category", label, Category::of, "a category label").ifPresent(categories::add);
        }
        categories.forEach(query::category);
        Optional.ofNullable(params.getFirst("assignee")).filter(a -> !a.isBlank()).ifPresent(query::assignee);
        Optional.ofNullable(params.getFirst("q")).filter(q -> !q.isBlank()).ifPresent(query::textContains);
        parsing.parsed("createdFrom", params.getFirst("createdFrom"), Instant::parse, "an ISO-8601 instant").ifPresent(query::createdFrom);
        parsing.parsed("createdBefore", params.getFirst("createdBefore"), Instant::parse, "an ISO-8601 instant").ifPresent(query::createdBefore);
        parsing.parsed("corrected", params.getFirst("corrected"), RequestParsing::bool, "true or false").ifPresent(query::corrected);
        parsing.parsed("after", params.getFirst("after"), PageCursor::decode, "a cursor from a previous page").ifPresent(query::after);
        int limit = parsing.parsed("limit", params.getFirst("limit"), Integer::parseInt, "a whole number").orElse(defaultLimit);
        if (limit < 1 || limit > TicketQuery.MAX_LIMIT) parsing.error("limit", "must be 1-" + TicketQuery.MAX_LIMIT + ", was " + limit);
        String order = Optional.ofNullable(params.getFirst("order")).orElse("newest");
        if (order.equals("newest")) query.newestFirst();
        else if (!order.equals("oldest")) parsing.error("order", "must be newest or oldest, was '" + RequestParsing.abbreviate(order) + "'");
        parsing.check();
        return query.limit(Math.max(1, Math.min(limit, TicketQuery.MAX_LIMIT))).build();
    }
}
