package dev.tickettriage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.testkit.RecordingNotifier;
import dev.tickettriage.testkit.ScriptedClassifier;
import dev.tickettriage.testkit.TicketFixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The whole pipeline on the JDBC store: two instances share one database, the classifier result and its notifications. */
abstract class JdbcPipelineChecks {

    abstract TestDatabase database();

    private TicketTriage instance(String name, RecordingNotifier notifier, Map<TicketId, AtomicInteger> classified) {
        JdbcTicketRepository repository = JdbcTicketRepository.builder(database().dataSource()).clock(Clock.systemUTC()).migrate(true).build();
        ScriptedClassifier classifier = ScriptedClassifier.builder()
                .when("angry", TicketFixtures.aClassification().category(Category.of("complaint"))
                        .sentiment(Sentiment.VERY_NEGATIVE).sentimentScore(-0.8).priority(Priority.HIGH).build())
                .otherwise(TicketFixtures.aClassification().category(Category.of("billing")).sentiment(Sentiment.NEUTRAL)
                        .sentimentScore(0).priority(Priority.LOW).build())
                .withoutCallRecording().build();
        return TicketTriage.builder().repository(repository).classifier(classifier).defaultNotifier(notifier)
                .workers(WorkerConfig.ofDefaults().withWorkers(2).withInstanceId(name).withPollInterval(Duration.ofMillis(20)))
                .listener(event -> {
                    if (event instanceof TicketEvent.Classified) {
                        classified.computeIfAbsent(event.ticketId(), id -> new AtomicInteger()).incrementAndGet();
                    }
                })
                .build();
    }

    @Test
    void should_classify_each_ticket_once_and_notify_once_when_two_instances_share_the_database() throws Exception {
        database().empty(JdbcTicketRepository.DEFAULT_TABLE_PREFIX);
        RecordingNotifier notifier = new RecordingNotifier();
        Map<TicketId, AtomicInteger> classified = new ConcurrentHashMap<>();
        Set<TicketId> submitted = new HashSet<>();
        int angry = 0;
        try (TicketTriage first = instance("instance-a", notifier, classified);
             TicketTriage second = instance("instance-b", notifier, classified)) {
            for (int i = 0; i < 200; i++) {
                String body = i % 5 == 0 ? "I am angry, ticket " + i : "Question about invoice " + i;
                if (i % 5 == 0) angry++;
                submitted.add((i % 2 == 0 ? first : second).submit(NewTicket.of(body)).id());
            }
            first.start();
            second.start();
            int expectedAlerts = angry;
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
                assertThat(first.stats(TicketQuery.all()).count(ProcessingState.PROCESSED)).isEqualTo(200);
                assertThat(notifier.count()).isEqualTo(expectedAlerts);
            });
            assertThat(first.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(second.awaitIdle(Duration.ofSeconds(30))).isTrue();
        }

        assertThat(classified.keySet()).containsExactlyInAnyOrderElementsOf(submitted);
        assertThat(classified.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        assertThat(notifier.duplicateKeys()).isEmpty();
        List<Notification> alerts = notifier.notifications();
        assertThat(alerts.stream().map(Notification::ticketId).collect(Collectors.toSet())).hasSize(angry);
        JdbcTicketRepository reader = JdbcTicketRepository.builder(database().dataSource()).build();
        assertThat(reader.outbox().pendingCount()).isZero();
        assertThat(reader.auditTrail(alerts.get(0).ticketId())).isNotEmpty();
    }
}
