package dev.tickettriage.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.testkit.TicketFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.mockito.Answers;

/** The port's default {@link TicketRepository#fieldStats}, for stores that do not count fields themselves. */
class FieldStatsDefaultTest {

    @Test
    void should_count_every_matching_ticket_across_pages_when_store_only_implements_query() {
        InMemoryTicketRepository store = InMemoryTicketRepository.create();
        Instant start = TicketFixtures.DEFAULT_CREATED_AT;
        int tickets = TicketQuery.MAX_LIMIT + 501;
        for (int i = 0; i < tickets; i++) {
            String plan = i % 3 == 0 ? "enterprise" : "free";
            store.insert(TicketFixtures.aTicket().createdAt(start.plusMillis(i)).withField("plan", FieldValue.choice(plan)).build(), null);
        }
        store.insert(TicketFixtures.aTicket().createdAt(start.plusSeconds(10)).build(), null);
        // only query() is real: fieldStats runs the interface's default
        TicketRepository queryOnly = mock(TicketRepository.class, withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS));
        doAnswer(invocation -> store.query(invocation.getArgument(0))).when(queryOnly).query(any());

        FieldStats stats = queryOnly.fieldStats(TicketQuery.builder().limit(5).build(), "plan");

        assertThat(stats).isEqualTo(store.fieldStats(TicketQuery.all(), "plan"));
        assertThat(stats.total()).isEqualTo(tickets + 1);
        assertThat(stats.filled()).isEqualTo(tickets);
        assertThat(stats.count("enterprise")).isEqualTo(501);
        assertThat(stats.count("free")).isEqualTo(1000);
    }
}
