package dev.tickettriage.port;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.SupportStatus;
import java.util.Map;

/**
 * Aggregate counts for a dashboard: total, and counts by support status, processing state, category,
 * sentiment and priority. Keys with a zero count may be absent; unclassified tickets count in no
 * category or sentiment, tickets without a priority in no priority.
 */
public record TicketStats(long total, Map<SupportStatus, Long> byStatus, Map<ProcessingState, Long> byProcessingState,
                          Map<Category, Long> byCategory, Map<Sentiment, Long> bySentiment, Map<Priority, Long> byPriority) {

    public TicketStats {
        byStatus = Map.copyOf(byStatus);
        byProcessingState = Map.copyOf(byProcessingState);
        byCategory = Map.copyOf(byCategory);
        bySentiment = Map.copyOf(bySentiment);
        byPriority = Map.copyOf(byPriority);
    }

    public long count(ProcessingState state) {
        return byProcessingState.getOrDefault(state, 0L);
    }

    public long count(SupportStatus status) {
        return byStatus.getOrDefault(status, 0L);
    }
}
