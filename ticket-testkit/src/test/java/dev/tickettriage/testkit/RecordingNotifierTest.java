package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

class RecordingNotifierTest {

    private final RecordingNotifier notifier = new RecordingNotifier();

    private static Notification notification(String target, String key) {
        return new Notification(target, "title", "message", Priority.HIGH, List.of(), null,
                TicketId.generate(TicketFixtures.DEFAULT_CREATED_AT), key);
    }

    @Test
    void should_record_delivered_notifications_in_order() {
        Notification first = notification("alerts", "k1");
        Notification second = notification("digest", "k2");

        notifier.deliver(first);
        notifier.deliver(second);

        assertThat(notifier.notifications()).containsExactly(first, second);
        assertThat(notifier.notificationsTo("digest")).containsExactly(second);
        assertThat(notifier.count()).isEqualTo(2);
    }

    @Test
    void should_return_scripted_failures_then_deliver_when_failures_are_queued() {
        notifier.failNextRetryable(2).failNextPermanently(1);
        Notification notification = notification("alerts", "k1");

        DeliveryResult first = notifier.deliver(notification);
        DeliveryResult second = notifier.deliver(notification);
        DeliveryResult third = notifier.deliver(notification);
        DeliveryResult fourth = notifier.deliver(notification);

        assertThat(first.status()).isEqualTo(DeliveryResult.Status.RETRYABLE_FAILURE);
        assertThat(second.status()).isEqualTo(DeliveryResult.Status.RETRYABLE_FAILURE);
        assertThat(third.status()).isEqualTo(DeliveryResult.Status.PERMANENT_FAILURE);
        assertThat(fourth.isDelivered()).isTrue();
        assertThat(notifier.notifications()).containsExactly(notification);
        assertThat(notifier.attempts()).isEqualTo(4);
    }

    @Test
    void should_report_duplicate_keys_when_a_key_is_delivered_twice() {
        notifier.deliver(notification("alerts", "once"));
        notifier.deliver(notification("alerts", "twice"));
        notifier.deliver(notification("alerts", "twice"));

        assertThat(notifier.duplicateKeys()).containsExactly("twice");
        assertThat(notifier.count()).isEqualTo(3);
    }

    @Test
    void should_reject_success_as_scripted_failure() {
        assertThatThrownBy(() -> notifier.failNext(1, DeliveryResult.delivered())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_return_notifications_when_awaited_count_arrives_from_another_thread() {
        CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 3; i++) notifier.deliver(notification("alerts", "k" + i));
        });

        assertThat(notifier.awaitCount(3, Duration.ofSeconds(10))).hasSize(3);
    }

    @Test
    void should_fail_when_awaited_count_never_arrives() {
        notifier.deliver(notification("alerts", "k1"));

        assertThatThrownBy(() -> notifier.awaitCount(2, Duration.ofMillis(50))).isInstanceOf(ConditionTimeoutException.class);
    }

    @Test
    void should_forget_everything_when_cleared() {
        notifier.failNextRetryable(1);
        notifier.deliver(notification("alerts", "k1"));
        notifier.deliver(notification("alerts", "k1"));

        notifier.clear();

        assertThat(notifier.notifications()).isEmpty();
        assertThat(notifier.duplicateKeys()).isEmpty();
        assertThat(notifier.deliver(notification("alerts", "k1")).isDelivered()).isTrue();
    }
}
