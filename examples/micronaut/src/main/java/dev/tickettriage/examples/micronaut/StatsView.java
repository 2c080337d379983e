package dev.tickettriage.examples.micronaut;

import dev.tickettriage.port.TicketStats;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** {@code GET /api/stats}: the total and counts by status, processing state, category, sentiment and priority. */
@Serdeable
public record StatsView(long total, Map<String, Long> byStatus, Map<String, Long> byProcessingState,
                        Map<String, Long> byCategory, Map<String, Long> bySentiment, Map<String, Long> byPriority) {

    static StatsView of(TicketStats stats) {
        return new StatsView(stats.total(), keyed(stats.byStatus(), Enum::name),
                keyed(stats.byProcessingState(), Enum::name), keyed(stats.byCategory(), category -> category.id()),
                keyed(stats.bySentiment(), Enum::name), keyed(stats.byPriority(), Enum::name));
    }

    private static <K> Map<String, Long> keyed(Map<K, Long> counts, Function<K, String> name) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((key, count) -> out.put(name.apply(key), count));
        return out;
    }
}
