package dev.tickettriage.memory;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.TicketStats;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/** Accumulates {@link TicketStats} over tickets. Not thread-safe. */
final class StatsCounter {

    private long total;
    private final Map<SupportStatus, Long> byStatus = new EnumMap<>(SupportStatus.class);
    private final Map<ProcessingState, Long> byState = new EnumMap<>(ProcessingState.class);
    private final Map<Category, Long> byCategory = new HashMap<>();
    private final Map<Sentiment, Long> bySentiment = new EnumMap<>(Sentiment.class);
    private final Map<Priority, Long> byPriority = new EnumMap<>(Priority.class);

    void add(Ticket ticket) {
        total++;
        byStatus.merge(ticket.status(), 1L, Long::sum);
        byState.merge(ticket.processingState(), 1L, Long::sum);
        ticket.priority().ifPresent(priority -> byPriority.merge(priority, 1L, Long::sum));
        if (ticket.classification().isPresent()) {
            Classification classification = ticket.classification().get();
            byCategory.merge(classification.category(), 1L, Long::sum);
            bySentiment.merge(classification.sentiment(), 1L, Long::sum);
        }
    }

    TicketStats toStats() {
        return new TicketStats(total, byStatus, byState, byCategory, bySentiment, byPriority);
    }
}
