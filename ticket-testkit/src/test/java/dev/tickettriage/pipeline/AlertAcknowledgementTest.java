package dev.tickettriage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.ExpiredAcknowledgementTokenException;
import dev.tickettriage.error.InvalidAcknowledgementTokenException;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.notify.AlertAcknowledgements;
import dev.tickettriage.notify.NotificationPolicy;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.rules.RoutingRules;
import dev.tickettriage.rules.SlaPolicy;
import dev.tickettriage.testkit.MutableClock;
import dev.tickettriage.testkit.RecordingNotifier;
import dev.tickettriage.testkit.ScriptedClassifier;
import dev.tickettriage.testkit.TicketFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Acknowledging an alert through the facade, and the notification policy in front of the outbox dispatcher. */
class AlertAcknowledgementTest {

    private static final byte[] SECRET = "a-32-byte-or-longer-host-secret-for-tests".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = MutableClock.start();
    private final InMemoryTicketRepository repository = InMemoryTicketRepository.builder().clock(clock).build();
    private final AlertAcknowledgements acks = AlertAcknowledgements.builder(SECRET).validity(Duration.ofHours(12)).clock(clock).build();
    private final RecordingNotifier alerts = new RecordingNotifier("alerts");
    private final RecordingNotifier leads = new RecordingNotifier("leads");
    private final List<TicketEvent> events = new CopyOnWriteArrayList<>();
    private TicketTriage triage;

    private TicketTriage.Builder builder() {
        ScriptedClassifier classifier = ScriptedClassifier.builder()
                .otherwise(TicketFixtures.aClassification().category(Category.of("billing")).sentiment(Sentiment.NEGATIVE)
                        .priority(Priority.HIGH).build())
                .build();
        return TicketTriage.builder().repository(repository).classifier(classifier).clock(clock)
                .notifier(RoutingRules.DEFAULT_ALERT_TARGET, alerts)
                .slaEscalation(SlaPolicy.ofDefaults(), "team-leads").notifier("team-leads", leads)
                .workers(WorkerConfig.ofDefaults().withWorkers(0)).listener(events::add);
    }

    @AfterEach
    void close() {
        if (triage != null) triage.close();
    }

    private Ticket negativeTicket() {
        Ticket ticket = triage.submit(NewTicket.builder().subject("Refund").body("You charged me twice, this is a scandal").build());
        triage.drainBacklog();
        return triage.find(ticket.id()).orElseThrow();
    }

    @Test
    void should_tag_audit_and_publish_when_an_alert_is_acknowledged() {
        triage = builder().acknowledgements(acks).build();
        Ticket ticket = negativeTicket();
        Notification alert = alerts.notifications().get(0);
        events.clear();

        Ticket acknowledged = triage.acknowledge(acks.issue(alert), "agent:ana");

        assertThat(acknowledged.tags()).contains(RoutingRules.ACKNOWLEDGED_TAG);
        assertThat(triage.auditTrail(ticket.id())).filteredOn(entry -> entry.action().equals("alert-acknowledged"))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.actor()).isEqualTo("agent:ana");
                    assertThat(entry.detail()).isEqualTo(alert.idempotencyKey());
                });
        triage.awaitIdle(Duration.ofSeconds(5));
        assertThat(events).filteredOn(event -> event instanceof TicketEvent.TagsChanged).hasSize(1);
    }

    @Test
    void should_change_nothing_when_acknowledged_twice() {
        triage = builder().acknowledgements(acks).build();
        negativeTicket();
        String token = acks.issue(alerts.notifications().get(0));
        Ticket first = triage.acknowledge(token, "agent:ana");

        Ticket second = triage.acknowledge(token, "agent:bob");

        assertThat(second.version()).isEqualTo(first.version());
        assertThat(triage.auditTrail(first.id())).map(AuditEntry::action).containsOnlyOnce("alert-acknowledged");
    }

    @Test
    void should_not_escalate_past_the_sla_when_the_alert_was_acknowledged() {
        triage = builder().acknowledgements(acks).build();
        Ticket acknowledged = negativeTicket();
        triage.acknowledge(acks.issue(alerts.notifications().get(0)), "agent:ana");
        Ticket other = negativeTicket();
        clock.advance(Duration.ofHours(25));   // past every default SLA target

        int escalated = triage.checkSla();
        triage.drainBacklog();

        assertThat(escalated).isEqualTo(1);   // only the other ticket
        assertThat(triage.find(acknowledged.id()).orElseThrow().tags()).doesNotContain(RoutingRules.SLA_BREACHED_TAG);
        assertThat(triage.find(other.id()).orElseThrow().tags()).contains(RoutingRules.SLA_BREACHED_TAG);
        assertThat(leads.notifications()).extracting(Notification::ticketId).containsExactly(other.id());
    }

    @Test
    void should_reject_expired_and_forged_tokens_and_change_nothing() {
        triage = builder().acknowledgements(acks).build();
        Ticket ticket = negativeTicket();
        String token = acks.issue(alerts.notifications().get(0));
        clock.advance(Duration.ofHours(12));

        assertThatThrownBy(() -> triage.acknowledge(token, "agent:ana")).isInstanceOf(ExpiredAcknowledgementTokenException.class);
        assertThatThrownBy(() -> triage.acknowledge(token + "x", "agent:ana")).isInstanceOf(InvalidAcknowledgementTokenException.class);
        assertThat(triage.find(ticket.id()).orElseThrow().tags()).doesNotContain(RoutingRules.ACKNOWLEDGED_TAG);
    }

    @Test
    void should_refuse_to_acknowledge_when_no_acknowledgements_were_configured() {
        triage = builder().build();
        negativeTicket();

        assertThatThrownBy(() -> triage.acknowledge(acks.issue(alerts.notifications().get(0)), "agent:ana"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("acknowledgements");
    }

    @Test
    void should_drop_later_notifications_about_an_acknowledged_ticket_when_the_policy_skips_acknowledged() {
        RecordingNotifier raw = new RecordingNotifier("raw");
        NotificationPolicy policy = NotificationPolicy.builder().skipAcknowledged(repository).clock(clock).build();
        triage = builder().notifier(RoutingRules.DEFAULT_ALERT_TARGET, policy.wrap(raw)).acknowledgements(acks).build();
        Ticket ticket = negativeTicket();
        triage.acknowledge(acks.issue(raw.notifications().get(0)), "agent:ana");

        triage.requeue(ticket.id(), "agent:ana");   // reclassified: the rule fires again
        triage.drainBacklog();

        assertThat(raw.count()).isEqualTo(1);
        assertThat(repository.pendingCount()).isZero();
        assertThat(triage.deadLetters(10)).isEmpty();
    }

    @Test
    void should_defer_through_the_outbox_without_spending_attempts_when_quiet_hours_hold_a_notification() {
        RecordingNotifier raw = new RecordingNotifier("raw");
        clock.set(clock.instant().atZone(ZoneOffset.UTC).withHour(23).toInstant());
        NotificationPolicy policy = NotificationPolicy.builder()
                .quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneOffset.UTC).clock(clock).build();
        triage = builder().notifier(RoutingRules.DEFAULT_ALERT_TARGET, policy.wrap(raw))
                .delivery(DeliveryConfig.ofDefaults().withRetry(RetryPolicy.noRetry())).build();

        negativeTicket();   // HIGH: held until 07:00

        assertThat(raw.attempts()).isZero();
        assertThat(repository.deferredCount()).isEqualTo(1);
        clock.advance(Duration.ofHours(8));
        triage.drainBacklog();
        assertThat(raw.count()).isEqualTo(1);
        assertThat(triage.deadLetters(10)).isEmpty();
    }

    @Test
    void should_send_the_throttled_overflow_as_one_digest_through_the_outbox() {
        RecordingNotifier raw = new RecordingNotifier("raw");
        NotificationPolicy policy = NotificationPolicy.builder().throttlePerMinute(1).clock(clock).build();
        // default concurrency: the two deferred entries come back at once; one carries the digest, the other waits
        // for it and completes as delivered (NotificationPolicyConcurrencyTest hammers this path)
        triage = builder().notifier(RoutingRules.DEFAULT_ALERT_TARGET, policy.wrap(raw)).build();
        negativeTicket();
        negativeTicket();
        negativeTicket();
        assertThat(raw.count()).isEqualTo(1);
        assertThat(repository.deferredCount()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(1));
        triage.drainBacklog();

        assertThat(raw.notifications()).extracting(Notification::title).last().isEqualTo("2 notifications for support-alerts");
        assertThat(raw.count()).isEqualTo(2);
        assertThat(repository.deferredCount()).isZero();
        assertThat(repository.pendingCount()).isZero();
        assertThat(triage.deadLetters(10)).isEmpty();
    }
}
