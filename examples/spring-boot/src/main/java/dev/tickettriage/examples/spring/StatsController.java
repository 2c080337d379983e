package dev.tickettriage.examples.spring;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.port.BacklogStats;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.port.TicketStats;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/stats}: counts for the dashboard's stats strip and the last hour's history; {@code GET /api/taxonomy}. */
@RestController
class StatsController {

    private final TicketTriage triage;
    private final StatsHistory history;
    private final Taxonomy taxonomy;

    StatsController(TicketTriage triage, StatsHistory history, Taxonomy taxonomy) {
        this.triage = triage;
        this.history = history;
        this.taxonomy = taxonomy;
    }

    /** The categories tickets may get, for filters and one-click corrections. */
    record TaxonomyView(String version, java.util.List<CategoryView> categories) {
    }

    record CategoryView(String label, String description) {
    }

    @GetMapping("/api/taxonomy")
    TaxonomyView taxonomy() {
        return new TaxonomyView(taxonomy.version(), taxonomy.definitions().stream()
                .map(definition -> new CategoryView(definition.category().id(), definition.description())).toList());
    }

    /** How many classified tickets {@code backlog} samples for its time to classify (the most recent ones). */
    static final int BACKLOG_SAMPLE = 200;

    /**
     * Counts by status, processing state, category, sentiment and priority (lower-case keys), queue health, plus
     * history.
     */
    record StatsView(long total, Map<String, Long> byStatus, Map<String, Long> byState, Map<String, Long> byCategory,
                     Map<String, Long> bySentiment, Map<String, Long> byPriority, BacklogView backlog, long droppedEvents,
                     java.util.List<StatsHistory.Minute> lastHour) {
    }

    /**
     * Queue health: tickets waiting or in work, how long the oldest has waited, and the time from creation to
     * classification over the {@value #BACKLOG_SAMPLE} most recently created classified tickets ({@code sampled} of them).
     */
    record BacklogView(long waiting, long oldestWaitingSeconds, long sampled, long meanTimeToClassifyMillis,
                       long p95TimeToClassifyMillis) {
        static BacklogView of(BacklogStats stats) {
            return new BacklogView(stats.backlog(), stats.oldestUnprocessedAge().toSeconds(), stats.sampled(),
                    stats.meanTimeToClassify().toMillis(), stats.p95TimeToClassify().toMillis());
        }
    }

    @GetMapping("/api/stats")
    StatsView stats() {
        TicketStats stats = triage.stats();
        Map<String, Long> categories = new TreeMap<>();
        for (Map.Entry<Category, Long> entry : stats.byCategory().entrySet()) categories.put(entry.getKey().id(), entry.getValue());
        return new StatsView(stats.total(), lower(stats.byStatus()), lower(stats.byProcessingState()), categories,
                lower(stats.bySentiment()), lower(stats.byPriority()),
                BacklogView.of(triage.backlogStats(TicketQuery.all(), BACKLOG_SAMPLE)), triage.droppedEvents(), history.lastHour());
    }

    private static <E extends Enum<E>> Map<String, Long> lower(Map<E, Long> counts) {
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((key, count) -> result.put(TicketView.lower(key), count));
        return result;
    }
}
