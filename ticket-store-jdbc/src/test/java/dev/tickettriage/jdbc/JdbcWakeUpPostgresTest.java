package dev.tickettriage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.TicketRepository.WorkSubscription;
import dev.tickettriage.port.WorkAvailable;
import dev.tickettriage.testkit.RecordingNotifier;
import dev.tickettriage.testkit.ScriptedClassifier;
import dev.tickettriage.testkit.TicketFixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cross-instance wake-up through LISTEN/NOTIFY on PostgreSQL; other databases return no subscription. */
class JdbcWakeUpPostgresTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @RegisterExtension
    static final TestDatabase H2 = TestDatabase.h2();

    private JdbcTicketRepository repository(TestDatabase database, String prefix) {
        return JdbcTicketRepository.builder(database.dataSource()).tablePrefix(prefix).clock(Clock.systemUTC()).migrate(true).build();
    }

    @Test
    void should_tell_another_instance_when_a_ticket_is_inserted_or_notifications_are_queued() {
        JdbcTicketRepository writer = repository(DB, "wake_");
        JdbcTicketRepository listener = repository(DB, "wake_");
        List<WorkAvailable> told = new CopyOnWriteArrayList<>();
        try (WorkSubscription subscription = listener.onWorkAvailable(told::add)) {
            // once listening, the subscription tells both kinds (catch-up): from then on nothing is missed
            await().atMost(Duration.ofSeconds(10)).until(() -> told.contains(WorkAvailable.NOTIFICATIONS));
            told.clear();

            Ticket ticket = writer.insert(TicketFixtures.aTicket().createdAt(Clock.systemUTC().instant()).build());

            await().atMost(Duration.ofSeconds(10)).until(() -> told.contains(WorkAvailable.TICKETS));
            assertThat(told).doesNotContain(WorkAvailable.NOTIFICATIONS);
            told.clear();
            Notification alert = new Notification("support-alerts", "title", "message", dev.tickettriage.domain.Priority.HIGH,
                    List.of(), null, ticket.id(), "key-1");
            writer.update(new TicketChange(ticket, List.of(alert), List.of()));
            await().atMost(Duration.ofSeconds(10)).until(() -> told.contains(WorkAvailable.NOTIFICATIONS));
        }
    }

    @Test
    void should_not_tell_anything_when_switched_off_or_on_another_database() {
        JdbcTicketRepository quiet = JdbcTicketRepository.builder(DB.dataSource()).tablePrefix("wake_off_").migrate(true)
                .crossInstanceWakeUp(false).build();
        JdbcTicketRepository h2 = repository(H2, "wake_");

        assertThat(quiet.onWorkAvailable(kind -> { })).isSameAs(WorkSubscription.NONE);
        assertThat(h2.onWorkAvailable(kind -> { })).isSameAs(WorkSubscription.NONE);
    }

    @Test
    void should_classify_a_ticket_submitted_on_another_instance_long_before_the_next_poll() {
        ScriptedClassifier classifier = ScriptedClassifier.builder()
                .otherwise(TicketFixtures.aClassification().category(dev.tickettriage.domain.Category.of("billing")).build())
                .withoutCallRecording().build();
        WorkerConfig idlePolling = WorkerConfig.ofDefaults().withPollInterval(Duration.ofMinutes(10));
        try (TicketTriage worker = TicketTriage.builder().repository(repository(DB, "wake_pipe_")).classifier(classifier)
                .defaultNotifier(new RecordingNotifier()).workers(idlePolling.withWorkers(1).withInstanceId("worker")).build();
             TicketTriage front = TicketTriage.builder().repository(repository(DB, "wake_pipe_")).classifier(classifier)
                     .defaultNotifier(new RecordingNotifier()).workers(idlePolling.withWorkers(0).withInstanceId("front")).build()) {
            worker.start();
            front.start();
            Ticket first = front.submit(NewTicket.of("Where is my invoice?"));
            await().atMost(Duration.ofSeconds(30)).until(() -> front.find(first.id()).orElseThrow().processingState() == ProcessingState.PROCESSED);

            Ticket second = front.submit(NewTicket.of("Where is my refund?"));

            // the worker polls every 10 minutes: only the notification can wake it this soon
            await().atMost(Duration.ofSeconds(20)).until(() -> front.find(second.id()).orElseThrow().processingState() == ProcessingState.PROCESSED);
        }
    }
}
