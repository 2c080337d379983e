package dev.tickettriage.examples.spring;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.Correction;
import dev.tickettriage.domain.Customer;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Ticket;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A ticket as the API shows it: enum values in lower case (as the query parameters take them), absent values as
 * null, the classification with its confidence, rationale and provenance, and the effective labels (the agent's
 * correction where there is one).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record TicketView(String id, Instant createdAt, Instant updatedAt, long version, @Nullable String subject, String body,
                  CustomerView customer, String channel, String status, String processingState, int attempts,
                  @Nullable String lastFailure, @Nullable String assignee, @Nullable String priority, Set<String> tags,
                  Map<String, String> attributes, @Nullable ClassificationView classification,
                  @Nullable CorrectionView correction, @Nullable String category, @Nullable String sentiment) {

    record CustomerView(@Nullable String name, @Nullable String email, @Nullable String externalId) {
        static CustomerView of(Customer customer) {
            return new CustomerView(customer.name().orElse(null), customer.email().orElse(null), customer.externalId().orElse(null));
        }
    }

    record ClassificationView(String category, String sentiment, double sentimentScore, String priority, String language,
                              Map<String, Double> confidence, @Nullable String summary, @Nullable String suggestedReply,
                              @Nullable String rationale, List<String> keyTopics, String classifier, @Nullable String model,
                              long latencyMillis, long inputTokens, long outputTokens, @Nullable BigDecimal costUsd) {
        static ClassificationView of(Classification classification) {
            Map<String, Double> confidence = new LinkedHashMap<>();
            for (Map.Entry<ClassificationField, Confidence> entry : classification.confidences().entrySet()) {
                confidence.put(lower(entry.getKey()), entry.getValue().value());
            }
            Provenance provenance = classification.provenance();
            return new ClassificationView(classification.category().id(), lower(classification.sentiment()),
                    classification.sentimentScore(), lower(classification.priority()), classification.language().tag(), confidence,
                    classification.summary().orElse(null), classification.suggestedReply().orElse(null),
                    classification.rationale().orElse(null), classification.keyTopics(), provenance.classifier(),
                    provenance.modelName().orElse(null), provenance.latency().toMillis(), provenance.tokenUsage().inputTokens(),
                    provenance.tokenUsage().outputTokens(), provenance.cost().orElse(null));
        }
    }

    record CorrectionView(@Nullable String category, @Nullable String sentiment, @Nullable String priority,
                          @Nullable String predictedCategory, @Nullable String predictedSentiment, String actor, Instant at) {
        static CorrectionView of(Correction correction) {
            return new CorrectionView(correction.decided().category().map(c -> c.id()).orElse(null),
                    correction.decided().sentiment().map(TicketView::lower).orElse(null),
                    correction.decided().priority().map(TicketView::lower).orElse(null),
                    correction.predictedCategory().map(c -> c.id()).orElse(null),
                    correction.predictedSentiment().map(TicketView::lower).orElse(null), correction.actor(), correction.at());
        }
    }

    static TicketView of(Ticket ticket) {
        return new TicketView(ticket.id().toString(), ticket.createdAt(), ticket.updatedAt(), ticket.version(),
                ticket.subject().orElse(null), ticket.body(), CustomerView.of(ticket.customer()), lower(ticket.channel()),
                lower(ticket.status()), lower(ticket.processingState()), ticket.processing().attempts(),
                ticket.processing().lastFailure().orElse(null), ticket.assignee().orElse(null),
                ticket.priority().map(TicketView::lower).orElse(null), ticket.tags(), ticket.attributes(),
                ticket.classification().map(ClassificationView::of).orElse(null),
                ticket.correction().map(CorrectionView::of).orElse(null),
                ticket.effectiveCategory().map(c -> c.id()).orElse(null),
                ticket.effectiveSentiment().map(TicketView::lower).orElse(null));
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
