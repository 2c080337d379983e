package dev.tickettriage.examples.micronaut;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.port.PageCursor;
import dev.tickettriage.port.TicketQuery;
import io.micronaut.http.HttpParameters;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the filters of {@code GET /api/tickets} into a {@link TicketQuery}: {@code status}, {@code state},
 * {@code category}, {@code sentiment}, {@code priority} (each repeated or comma-separated, any case), {@code assignee},
 * {@code q} (text contains), {@code createdFrom}, {@code createdBefore} (ISO-8601 instants), {@code limit} (1-1000,
 * default 50), {@code order} ({@code newest}, the default, or {@code oldest}) and {@code cursor} (the previous
 * page's {@code next}). Every bad parameter is reported, not just the first.
 */
final class ListParameters {

    private final HttpParameters parameters;
    private final Taxonomy taxonomy;
    private final List<Problem.FieldError> errors = new ArrayList<>();

    private ListParameters(HttpParameters parameters, Taxonomy taxonomy) {
        this.parameters = parameters;
        this.taxonomy = taxonomy;
    }

    /** @throws InvalidParametersException naming every parameter that could not be read */
    static TicketQuery toQuery(HttpParameters parameters, Taxonomy taxonomy) {
        return new ListParameters(parameters, taxonomy).read();
    }

    private TicketQuery read() {
        TicketQuery.Builder query = TicketQuery.builder();
        constants("status", SupportStatus.class, query::status);
        constants("state", ProcessingState.class, query::processingState);
        constants("sentiment", Sentiment.class, query::sentiment);
        constants("priority", Priority.class, query::priority);
        for (String value : values("category")) {
            Optional<Category> category = taxonomy.categories().stream().filter(c -> c.id().equalsIgnoreCase(value)).findFirst();
            if (category.isPresent()) query.category(category.get());
            else error("category", "must be one of " + taxonomy.categories());
        }
        single("assignee").ifPresent(query::assignee);
        single("q").ifPresent(query::textContains);
        single("createdFrom").flatMap(value -> instant("createdFrom", value)).ifPresent(query::createdFrom);
        single("createdBefore").flatMap(value -> instant("createdBefore", value)).ifPresent(query::createdBefore);
        single("limit").ifPresent(value -> limit(query, value));
        String order = single("order").orElse("newest");
        if (order.equalsIgnoreCase("newest")) query.newestFirst();
        else if (!order.equalsIgnoreCase("oldest")) error("order", "must be newest or oldest");
        single("cursor").ifPresent(value -> {
            try {
                query.after(PageCursor.decode(value));
            } catch (InvalidInputException e) {
                error("cursor", "must be the next value of a previous page");
            }
        });
        if (!errors.isEmpty()) throw new InvalidParametersException(errors);
        return query.build();
    }

    private <E extends Enum<E>> void constants(String name, Class<E> type, Consumer<E> add) {
        for (String value : values(name)) {
            Optional<E> constant = Arrays.stream(type.getEnumConstants())
                    .filter(c -> c.name().equalsIgnoreCase(value)).findFirst();
            if (constant.isPresent()) add.accept(constant.get());
            else error(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private List<String> values(String name) {
        List<String> out = new ArrayList<>();
        for (String raw : parameters.getAll(name)) {
            for (String part : raw.split(",")) {
                if (!part.isBlank()) out.add(part.strip());
            }
        }
        return out;
    }

    private Optional<String> single(String name) {
        List<String> all = parameters.getAll(name);
        if (all.size() > 1) error(name, "must be given once");
        return all.stream().findFirst().filter(value -> !value.isBlank()).map(String::strip);
    }

    private Optional<Instant> instant(String name, String value) {
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            error(name, "must be an ISO-8601 instant such as 2026-01-31T09:00:00Z");
            return Optional.empty();
        }
    }

    private void limit(TicketQuery.Builder query, String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= TicketQuery.MAX_LIMIT) {
                query.limit(limit);
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        error("limit", "must be a whole number from 1 to " + TicketQuery.MAX_LIMIT);
    }

    private void error(String field, String reason) {
        errors.add(new Problem.FieldError(field, reason));
    }
}
