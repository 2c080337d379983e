package dev.tickettriage.examples.micronaut;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Ticket;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A ticket as the API returns it: what the customer sent, its states, and the classification once there is one. */
@Serdeable
public record TicketView(String id, Instant createdAt, Instant updatedAt, long version, @Nullable String subject,
                         String body, Customer customer, String channel, String status, Processing processing,
                         @Nullable String assignee, @Nullable String priority, List<String> tags,
                         Map<String, String> attributes, @Nullable ClassificationView classification) {

    static TicketView of(Ticket ticket) {
        return new TicketView(ticket.id().toString(), ticket.createdAt(), ticket.updatedAt(), ticket.version(),
                ticket.subject().orElse(null), ticket.body(),
                new Customer(ticket.customer().name().orElse(null), ticket.customer().email().orElse(null),
                        ticket.customer().externalId().orElse(null)),
                ticket.channel().name(), ticket.status().name(),
                new Processing(ticket.processingState().name(), ticket.processing().attempts(),
                        ticket.processing().lastFailure().orElse(null)),
                ticket.assignee().orElse(null), ticket.priority().map(Enum::name).orElse(null),
                List.copyOf(ticket.tags()), ticket.attributes(),
                ticket.classification().map(ClassificationView::of).orElse(null));
    }

    /** Who wrote the ticket; every part optional. */
    @Serdeable
    public record Customer(@Nullable String name, @Nullable String email, @Nullable String externalId) {
    }

    /** Where automatic triage is: NEW, PROCESSING, PROCESSED or FAILED, with the attempts and the last failure. */
    @Serdeable
    public record Processing(String state, int attempts, @Nullable String lastFailure) {
    }

    /** What the classifier decided, with a confidence per field in [0, 1] (keys in lower case, e.g. {@code category}). */
    @Serdeable
    public record ClassificationView(String category, String sentiment, double sentimentScore, String priority,
                                     String language, Map<String, Double> confidence, @Nullable String summary,
                                     @Nullable String suggestedReply, @Nullable String rationale, String classifier,
                                     @Nullable String model, long latencyMillis) {

        static ClassificationView of(Classification c) {
            Map<String, Double> confidence = new LinkedHashMap<>();
            c.confidences().forEach((field, value) -> confidence.put(field.name().toLowerCase(Locale.ROOT), value.value()));
            return new ClassificationView(c.category().id(), c.sentiment().name(), c.sentimentScore(), c.priority().name(),
                    c.language().tag(), confidence, c.summary().orElse(null), c.suggestedReply().orElse(null),
                    c.rationale().orElse(null), c.provenance().classifier(), c.provenance().modelName().orElse(null),
                    c.provenance().latency().toMillis());
        }
    }
}
