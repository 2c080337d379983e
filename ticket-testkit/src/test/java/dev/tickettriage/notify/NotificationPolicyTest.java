package dev.tickettriage.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.DeliveryResult.Status;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.Notifier;
import dev.tickettriage.testkit.MutableClock;
import dev.tickettriage.testkit.RecordingNotifier;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationPolicyTest {

    private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
    // 2026-01-01T09:00Z = 10:00 in Madrid
    private final MutableClock clock = MutableClock.start();
    private final RecordingNotifier recording = new RecordingNotifier();

    private static Notification notification(String key) {
        return notification("support-alerts", key, Priority.HIGH);
    }

    private static Notification notification(String target, String key, Priority priority) {
        return new Notification(target, "Title " + key, "Message " + key, priority, List.of("t"),
                URI.create("https://support.example.com/t/" + key), TicketId.generate(Instant.EPOCH), key);
    }

    private NotificationPolicy.Builder policy() {
        return NotificationPolicy.builder().clock(clock);
    }

    @Test
    void should_pass_everything_through_when_no_rule_is_set() {
        Notifier notifier = policy().build().wrap(recording);

        notifier.deliver(notification("a"));
        notifier.deliver(notification("a"));

        assertThat(recording.count()).isEqualTo(2);
        assertThat(notifier.name()).isEqualTo("recording");
    }

    @Test
    void should_drop_a_repeat_when_the_key_was_delivered_within_the_dedupe_window() {
        Notifier notifier = policy().dedupeWindow(Duration.ofMinutes(10)).build().wrap(recording);

        DeliveryResult first = notifier.deliver(notification("a"));
        clock.advance(Duration.ofMinutes(9));
        DeliveryResult repeat = notifier.deliver(notification("a"));
        DeliveryResult other = notifier.deliver(notification("b"));

        assertThat(first.isDelivered()).isTrue();
        assertThat(repeat.isDelivered()).isTrue();   // dropped, reported delivered so the outbox forgets it
        assertThat(other.isDelivered()).isTrue();
        assertThat(recording.notifications()).extracting(Notification::idempotencyKey).containsExactly("a", "b");
    }

    @Test
    void should_deliver_a_repeat_again_when_the_dedupe_window_has_passed() {
        Notifier notifier = policy().dedupeWindow(Duration.ofMinutes(10)).build().wrap(recording);

        notifier.deliver(notification("a"));
        clock.advance(Duration.ofMinutes(10));
        notifier.deliver(notification("a"));

        assertThat(recording.count()).isEqualTo(2);
    }

    @Test
    void should_not_remember_a_key_when_its_delivery_failed() {
        Notifier notifier = policy().dedupeWindow(Duration.ofMinutes(10)).build().wrap(recording.failNextRetryable(1));

        DeliveryResult failed = notifier.deliver(notification("a"));
        DeliveryResult retried = notifier.deliver(notification("a"));

        assertThat(failed.status()).isEqualTo(Status.RETRYABLE_FAILURE);
        assertThat(retried.isDelivered()).isTrue();
        assertThat(recording.count()).isEqualTo(1);
    }

    @Test
    void should_defer_to_the_end_of_quiet_hours_when_a_notification_arrives_in_them() {
        clock.set(Instant.parse("2026-01-01T22:30:00Z"));   // 23:30 in Madrid
        Notifier notifier = policy().quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), MADRID).build().wrap(recording);

        DeliveryResult result = notifier.deliver(notification("a"));

        assertThat(result.status()).isEqualTo(Status.DEFERRED);
        assertThat(result.deferredUntil()).contains(Instant.parse("2026-01-02T06:00:00Z"));   // 07:00 Madrid next day
        assertThat(result.failureDetail()).contains("quiet hours");
        assertThat(recording.attempts()).isZero();
    }

    @Test
    void should_defer_to_the_same_morning_when_quiet_hours_started_the_evening_before() {
        clock.set(Instant.parse("2026-01-02T04:00:00Z"));   // 05:00 in Madrid
        Notifier notifier = policy().quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), MADRID).build().wrap(recording);

        assertThat(notifier.deliver(notification("a")).deferredUntil()).contains(Instant.parse("2026-01-02T06:00:00Z"));
    }

    @Test
    void should_deliver_outside_quiet_hours_and_at_their_end() {
        Notifier notifier = policy().quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), MADRID).build().wrap(recording);

        DeliveryResult daytime = notifier.deliver(notification("a"));   // 10:00 Madrid
        clock.set(Instant.parse("2026-01-02T06:00:00Z"));              // 07:00 Madrid: the window is [22:00, 07:00)
        DeliveryResult atEnd = notifier.deliver(notification("b"));

        assertThat(daytime.isDelivered()).isTrue();
        assertThat(atEnd.isDelivered()).isTrue();
    }

    @Test
    void should_let_urgent_through_quiet_hours_by_default() {
        clock.set(Instant.parse("2026-01-01T22:30:00Z"));
        Notifier notifier = policy().quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), MADRID).build().wrap(recording);

        assertThat(notifier.deliver(notification("support-alerts", "u", Priority.URGENT)).isDelivered()).isTrue();
        assertThat(notifier.deliver(notification("support-alerts", "h", Priority.HIGH)).status()).isEqualTo(Status.DEFERRED);
    }

    @Test
    void should_let_lower_priorities_through_quiet_hours_when_the_override_is_lowered() {
        clock.set(Instant.parse("2026-01-01T22:30:00Z"));
        Notifier notifier = policy().quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), MADRID)
                .quietHoursOverride(Priority.HIGH).build().wrap(recording);

        assertThat(notifier.deliver(notification("support-alerts", "h", Priority.HIGH)).isDelivered()).isTrue();
        assertThat(notifier.deliver(notification("support-alerts", "m", Priority.MEDIUM)).status()).isEqualTo(Status.DEFERRED);
    }

    @Test
    void should_defer_the_overflow_until_the_window_frees_a_slot_when_a_target_is_throttled() {
        Notifier notifier = policy().throttlePerMinute(2).build().wrap(recording);
        Instant start = clock.instant();

        notifier.deliver(notification("a"));
        clock.advance(Duration.ofSeconds(10));
        notifier.deliver(notification("b"));
        DeliveryResult third = notifier.deliver(notification("c"));

        assertThat(third.status()).isEqualTo(Status.DEFERRED);
        assertThat(third.deferredUntil()).contains(start.plus(Duration.ofMinutes(1)));   // when "a" leaves the window
        assertThat(third.failureDetail()).hasValueSatisfying(reason -> assertThat(reason).contains("throttled"));
        assertThat(recording.notifications()).extracting(Notification::idempotencyKey).containsExactly("a", "b");
    }

    @Test
    void should_throttle_each_target_on_its_own() {
        Notifier notifier = policy().throttlePerMinute(1).build().wrap(recording);

        notifier.deliver(notification("alerts", "a", Priority.HIGH));
        DeliveryResult otherTarget = notifier.deliver(notification("escalations", "b", Priority.HIGH));
        DeliveryResult sameTarget = notifier.deliver(notification("alerts", "c", Priority.HIGH));

        assertThat(otherTarget.isDelivered()).isTrue();
        assertThat(sameTarget.status()).isEqualTo(Status.DEFERRED);
    }

    @Test
    void should_send_the_overflow_as_one_digest_and_drop_the_rest_when_they_come_back() {
        Notifier notifier = policy().throttlePerMinute(1).build().wrap(recording);
        notifier.deliver(notification("support-alerts", "a", Priority.HIGH));
        DeliveryResult b = notifier.deliver(notification("support-alerts", "b", Priority.MEDIUM));
        DeliveryResult c = notifier.deliver(notification("support-alerts", "c", Priority.URGENT));
        DeliveryResult d = notifier.deliver(notification("support-alerts", "d", Priority.LOW));
        assertThat(List.of(b, c, d)).allMatch(r -> r.status() == Status.DEFERRED);

        // the dispatcher brings them back when they are due, one by one
        clock.set(b.deferredUntil().orElseThrow());
        DeliveryResult carrier = notifier.deliver(notification("support-alerts", "b", Priority.MEDIUM));
        DeliveryResult cBack = notifier.deliver(notification("support-alerts", "c", Priority.URGENT));
        DeliveryResult dBack = notifier.deliver(notification("support-alerts", "d", Priority.LOW));

        assertThat(List.of(carrier, cBack, dBack)).allMatch(DeliveryResult::isDelivered);
        assertThat(recording.count()).isEqualTo(2);   // "a", then one digest
        Notification digest = recording.notifications().get(1);
        assertThat(digest.title()).isEqualTo("3 notifications for support-alerts");
        assertThat(digest.priority()).isEqualTo(Priority.URGENT);   // the highest held back
        assertThat(digest.tags()).containsExactly("digest");
        assertThat(digest.idempotencyKey()).isEqualTo("digest:b");
        assertThat(digest.message()).contains("[MEDIUM] Title b", "[URGENT] Title c", "[LOW] Title d",
                "https://support.example.com/t/c");
    }

    @Test
    void should_send_a_single_held_back_notification_as_itself() {
        Notifier notifier = policy().throttlePerMinute(1).build().wrap(recording);
        notifier.deliver(notification("a"));
        DeliveryResult b = notifier.deliver(notification("b"));

        clock.set(b.deferredUntil().orElseThrow());
        notifier.deliver(notification("b"));

        assertThat(recording.notifications()).extracting(Notification::idempotencyKey).containsExactly("a", "b");
    }

    @Test
    void should_keep_the_overflow_and_retry_the_digest_when_the_digest_fails() {
        Notifier notifier = policy().throttlePerMinute(1).build().wrap(recording);
        notifier.deliver(notification("a"));
        DeliveryResult b = notifier.deliver(notification("b"));
        notifier.deliver(notification("c"));
        clock.set(b.deferredUntil().orElseThrow());
        recording.failNextRetryable(1);

        DeliveryResult failed = notifier.deliver(notification("b"));
        DeliveryResult cAgain = notifier.deliver(notification("c"));   // carries the digest now

        assertThat(failed.status()).isEqualTo(Status.RETRYABLE_FAILURE);
        assertThat(cAgain.isDelivered()).isTrue();
        Notification digest = recording.notifications().get(1);
        assertThat(digest.title()).isEqualTo("2 notifications for support-alerts");
        assertThat(notifier.deliver(notification("b")).isDelivered()).isTrue();   // in the digest: dropped
        assertThat(recording.count()).isEqualTo(2);
    }

    @Test
    void should_keep_lower_priorities_out_of_a_digest_sent_during_quiet_hours() {
        // given: "b" is throttled just before quiet hours start, so it is held back when they begin
        clock.set(Instant.parse("2026-01-01T20:59:30Z"));   // 21:59:30 in Madrid
        Notifier notifier = policy().quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), MADRID)
                .throttlePerMinute(1).build().wrap(recording);
        notifier.deliver(notification("support-alerts", "a", Priority.HIGH));
        notifier.deliver(notification("support-alerts", "b", Priority.LOW));

        // when: an URGENT one rings at night with a free slot
        clock.set(Instant.parse("2026-01-01T21:01:00Z"));
        DeliveryResult urgent = notifier.deliver(notification("support-alerts", "u", Priority.URGENT));
        DeliveryResult lowAtNight = notifier.deliver(notification("support-alerts", "b", Priority.LOW));
        assertThat(lowAtNight.status()).as("the low one at night").isEqualTo(Status.DEFERRED);
        clock.set(lowAtNight.deferredUntil().orElseThrow());
        DeliveryResult lowInTheMorning = notifier.deliver(notification("support-alerts", "b", Priority.LOW));

        // then: "u" went out on its own; "b" waited for the morning
        assertThat(urgent.isDelivered()).isTrue();
        assertThat(lowAtNight.deferredUntil()).contains(Instant.parse("2026-01-02T06:00:00Z"));
        assertThat(lowInTheMorning.isDelivered()).isTrue();
        assertThat(recording.notifications()).extracting(Notification::title).containsExactly("Title a", "Title u", "Title b");
    }

    @Test
    void should_drop_notifications_about_acknowledged_tickets() {
        Notification acknowledged = notification("a");
        Set<TicketId> acked = Set.of(acknowledged.ticketId());
        Notifier notifier = policy().skipWhen(acked::contains).build().wrap(recording);

        DeliveryResult result = notifier.deliver(acknowledged);
        notifier.deliver(notification("b"));

        assertThat(result.isDelivered()).isTrue();
        assertThat(recording.notifications()).extracting(Notification::idempotencyKey).containsExactly("b");
    }

    @Test
    void should_defer_a_quiet_hours_burst_and_then_digest_it_when_throttled() {
        clock.set(Instant.parse("2026-01-01T22:30:00Z"));
        Notifier notifier = policy().quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), MADRID)
                .throttlePerMinute(1).build().wrap(recording);
        List<String> keys = List.of("a", "b", "c");
        Instant until = null;
        for (String key : keys) until = notifier.deliver(notification(key)).deferredUntil().orElseThrow();

        clock.set(until);
        List<DeliveryResult> morning = keys.stream().map(key -> notifier.deliver(notification(key))).toList();
        DeliveryResult later = null;
        for (String key : List.of("b", "c")) {
            if (morning.get(keys.indexOf(key)).status() == Status.DEFERRED) later = morning.get(keys.indexOf(key));
        }
        clock.set(later.deferredUntil().orElseThrow());
        notifier.deliver(notification("b"));
        notifier.deliver(notification("c"));

        assertThat(morning.get(0).isDelivered()).isTrue();
        assertThat(recording.notifications()).extracting(Notification::title)
                .containsExactly("Title a", "2 notifications for support-alerts");
    }
}
