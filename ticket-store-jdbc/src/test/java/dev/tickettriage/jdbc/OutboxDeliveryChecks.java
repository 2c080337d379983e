package dev.tickettriage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.pipeline.DeliveryConfig;
import dev.tickettriage.pipeline.RetryPolicy;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.Notifier;
import dev.tickettriage.port.OutboxEntry;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.testkit.MutableClock;
import dev.tickettriage.testkit.RecordingNotifier;
import dev.tickettriage.testkit.ScriptedClassifier;
import dev.tickettriage.testkit.TicketFixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The outbox scenarios on a real database: a notifier that fails for a while and recovers, a crash between
 * send and mark, and two dispatchers (separate instances) with a slow notifier.
 */
abstract class OutboxDeliveryChecks {

    abstract TestDatabase database();

    private static String prefix() {
        return "ob" + UUID.randomUUID().toString().substring(0, 6) + "_";
    }

    private JdbcTicketRepository repository(String prefix, Clock clock) {
        return JdbcTicketRepository.builder(database().dataSource()).tablePrefix(prefix).clock(clock).migrate(true).build();
    }

    private static Notification alert(Ticket ticket, String key) {
        return new Notification("support-alerts", "Angry customer", "Ticket " + ticket.id(), Priority.HIGH, List.of(), null,
                ticket.id(), key);
    }

    @Test
    void should_deliver_one_duplicate_at_most_with_the_same_key_when_a_dispatcher_crashes_between_send_and_mark() {
        MutableClock clock = MutableClock.start();
        String prefix = prefix();
        JdbcTicketRepository first = repository(prefix, clock);
        JdbcTicketRepository second = repository(prefix, clock);   // another instance on the same tables
        Ticket ticket = first.insert(TicketFixtures.aTicket().createdAt(clock.instant()).build());
        first.update(new TicketChange(ticket, List.of(alert(ticket, "alert-1")), List.of()));
        RecordingNotifier notifier = new RecordingNotifier();

        OutboxEntry claimed = first.outbox().claimDue("instance-a/1", 10, Duration.ofSeconds(30)).get(0);
        notifier.deliver(claimed.notification());   // sent ... and instance A dies before markDelivered
        assertThat(second.outbox().claimDue("instance-b/1", 10, Duration.ofSeconds(30))).isEmpty();   // A's claim is live
        clock.advance(Duration.ofSeconds(31));
        OutboxEntry reclaimed = second.outbox().claimDue("instance-b/2", 10, Duration.ofSeconds(30)).get(0);
        notifier.deliver(reclaimed.notification());
        boolean markedByB = second.outbox().markDelivered(reclaimed.id(), "instance-b/2");
        boolean lateMarkByA = first.outbox().markDelivered(claimed.id(), "instance-a/1");

        assertThat(markedByB).isTrue();
        assertThat(lateMarkByA).isFalse();
        assertThat(notifier.count()).isEqualTo(2);
        assertThat(notifier.notifications()).extracting(Notification::idempotencyKey).containsOnly("alert-1");
        clock.advance(Duration.ofMinutes(5));
        assertThat(first.outbox().claimDue("instance-c/1", 10, Duration.ofSeconds(30))).isEmpty();
        assertThat(first.outbox().pendingCount()).isZero();
    }

    @Test
    void should_never_let_a_second_dispatcher_deliver_while_the_first_holds_a_live_claim_on_a_slow_send() {
        MutableClock clock = MutableClock.start();
        String prefix = prefix();
        JdbcTicketRepository first = repository(prefix, clock);
        JdbcTicketRepository second = repository(prefix, clock);
        for (int i = 0; i < 5; i++) {
            Ticket ticket = first.insert(TicketFixtures.aTicket().createdAt(clock.instant()).withBody("Ticket " + i).build());
            first.update(new TicketChange(ticket, List.of(alert(ticket, "alert-" + i)), List.of()));
        }

        List<OutboxEntry> held = first.outbox().claimDue("instance-a/1", 10, Duration.ofSeconds(20));
        for (int second15 = 0; second15 < 6; second15++) {   // a slow notifier: 90 s of sending, heartbeats every 15 s
            clock.advance(Duration.ofSeconds(15));
            for (OutboxEntry entry : held) assertThat(first.outbox().extendLease(entry.id(), "instance-a/1", Duration.ofSeconds(20))).isTrue();
            assertThat(second.outbox().claimDue("instance-b/" + second15, 10, Duration.ofSeconds(20))).isEmpty();
        }
        for (OutboxEntry entry : held) assertThat(first.outbox().markDelivered(entry.id(), "instance-a/1")).isTrue();

        assertThat(held).hasSize(5);
        clock.advance(Duration.ofMinutes(10));
        assertThat(second.outbox().claimDue("instance-b/late", 10, Duration.ofSeconds(20))).isEmpty();
    }

    /** Fails its first {@code failures} calls (retryable), then delivers; sleeps {@code delay} per call (a slow notifier). */
    private static final class FlakySlowNotifier implements Notifier {
        private final RecordingNotifier recorder = new RecordingNotifier();
        private final AtomicInteger failuresLeft;
        private final Duration delay;

        FlakySlowNotifier(int failures, Duration delay) {
            this.failuresLeft = new AtomicInteger(failures);
            this.delay = delay;
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failuresLeft.getAndDecrement() > 0) return DeliveryResult.retryable("notifier down for a while", null);
            return recorder.deliver(notification);
        }

        @Override
        public String name() {
            return "flaky-slow";
        }
    }

    @Test
    void should_deliver_every_notification_once_when_the_notifier_fails_for_a_while_and_two_slow_instances_dispatch()
            throws Exception {
        String prefix = prefix();
        FlakySlowNotifier notifier = new FlakySlowNotifier(8, Duration.ofMillis(50));
        ScriptedClassifier classifier = ScriptedClassifier.builder().otherwise(TicketFixtures.aClassification()
                .category(Category.of("complaint")).sentiment(Sentiment.VERY_NEGATIVE).sentimentScore(-0.9).priority(Priority.URGENT)
                .build()).withoutCallRecording().build();
        DeliveryConfig delivery = DeliveryConfig.ofDefaults().withLeaseDuration(Duration.ofSeconds(2))
                .withRetry(RetryPolicy.ofDefaults().withMaxAttempts(20).withBackoff(Duration.ofMillis(50), Duration.ofMillis(200)));
        ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
        try (TicketTriage a = instance(prefix, "instance-a", classifier, notifier, delivery);
             TicketTriage b = instance(prefix, "instance-b", classifier, notifier, delivery)) {
            for (int i = 0; i < 30; i++) (i % 2 == 0 ? a : b).submit(NewTicket.of("I am furious, order " + i));
            a.start();
            b.start();
            await().atMost(Duration.ofMinutes(2)).until(() -> notifier.recorder.count() >= 30
                    && repository(prefix, Clock.systemUTC()).outbox().pendingCount() == 0);
        }

        assertThat(notifier.recorder.duplicateKeys()).isEmpty();
        for (Notification notification : notifier.recorder.notifications()) seen.put(notification.idempotencyKey(), true);
        assertThat(seen).hasSize(notifier.recorder.count());
        assertThat(repository(prefix, Clock.systemUTC()).outbox().deadLetters(10)).isEmpty();
    }

    private TicketTriage instance(String prefix, String name, ScriptedClassifier classifier, Notifier notifier, DeliveryConfig delivery) {
        return TicketTriage.builder().repository(repository(prefix, Clock.systemUTC())).classifier(classifier)
                .defaultNotifier(notifier).delivery(delivery)
                .workers(WorkerConfig.ofDefaults().withWorkers(2).withInstanceId(name).withPollInterval(Duration.ofMillis(50)))
                .build();
    }
}
