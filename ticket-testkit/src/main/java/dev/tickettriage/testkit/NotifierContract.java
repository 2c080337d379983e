package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.Notifier;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Notifier} must pass. Extend it in the adapter's tests, return a notifier that
 * talks to a test receiver (MockWebServer, GreenMail, an in-memory list) from {@link #newNotifier()}, and
 * report what that receiver saw from {@link #received()}.
 *
 * <p>Adapters may decorate what they send (a priority prefix, a link footer), so the checks are that the
 * received title and message <i>contain</i> the originals. A new instance of the test class is made per test.
 *
 * <p><b>Time.</b> Build the notifier in {@link #newNotifier()} with {@link #clock()} as its clock, so that
 * Retry-After dates, quiet hours and throttle windows are computed from a time the contract controls. Override
 * {@link #throttleNextUntil(Instant)} when the test receiver can refuse a delivery as throttled; the contract then
 * checks that the notifier reports exactly when to try again (as a retry delay or a deferral).
 */
public abstract class NotifierContract {

    /** What the receiving end saw for one delivered notification, as the adapter can observe it. */
    public record Received(String title, String message) {
        public Received {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(message, "message");
        }
    }

    private final MutableClock clock = MutableClock.start();
    private Notifier notifier;

    /**
     * The clock the notifier under test must read for "now"; it stands still at {@link MutableClock#DEFAULT_START}
     * unless a test moves it. The same instance for the whole test, available in {@link #newNotifier()}.
     */
    protected final MutableClock clock() {
        return clock;
    }

    /**
     * Makes the receiver refuse the next delivery as throttled until {@code until} (for example HTTP 429 with
     * {@code Retry-After} as an HTTP-date, or an SMTP 421/450). Return false (the default) when the receiver cannot
     * do that; the throttling check is then skipped.
     */
    protected boolean throttleNextUntil(Instant until) {
        return false;
    }

    /** A notifier wired to a fresh, empty receiver; called once before each test. */
    protected abstract Notifier newNotifier();

    /** Everything the receiver saw since {@link #newNotifier()}, in arrival order. May be called repeatedly while deliveries are in flight. */
    protected abstract List<Received> received();

    /**
     * Whether the notifier (or its receiver) drops a second delivery with the same idempotency key
     * (default false: the key is passed on and repeats arrive, which the port allows).
     */
    protected boolean dropsDuplicateKeys() {
        return false;
    }

    /** How long to wait for deliveries to show up at the receiver (default 10 seconds). */
    protected Duration deliveryTimeout() {
        return Duration.ofSeconds(10);
    }

    @BeforeEach
    final void createNotifier() {
        notifier = newNotifier();
    }

    @AfterEach
    final void closeNotifier() throws Exception {
        if (notifier instanceof AutoCloseable) ((AutoCloseable) notifier).close();
    }

    /** A valid notification with this title, message and idempotency key. */
    protected static Notification notification(String title, String message, String idempotencyKey) {
        return new Notification("support-alerts", title, message, Priority.HIGH, List.of("triage", "test"),
                URI.create("https://support.example.com/tickets/42"), TicketId.generate(TicketFixtures.DEFAULT_CREATED_AT),
                idempotencyKey);
    }

    private static Notification notification(String title, String message) {
        return notification(title, message, UUID.randomUUID().toString());
    }

    private List<Received> awaitReceived(int count) {
        await().atMost(deliveryTimeout()).pollInterval(Duration.ofMillis(20)).until(() -> received().size() >= count);
        return received();
    }

    @Test
    void should_deliver_and_be_observable_when_notification_is_valid() {
        DeliveryResult result = notifier.deliver(notification("Urgent ticket: card_arrival", "Ticket 42 needs a human"));

        assertThat(result.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
        List<Received> received = awaitReceived(1);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).title()).contains("Urgent ticket: card_arrival");
        assertThat(received.get(0).message()).contains("Ticket 42 needs a human");
    }

    @Test
    void should_keep_unicode_and_emoji_when_title_and_message_are_not_ascii() {
        String title = "Cliente muy enfadado 😡 — señal ✓";
        String message = "El reembolso no aparece. Ünïcödé, 中文, emoji 💳🇪🇸";

        DeliveryResult result = notifier.deliver(notification(title, message));

        assertThat(result.isDelivered()).isTrue();
        Received received = awaitReceived(1).get(0);
        assertThat(received.title()).contains(title);
        assertThat(received.message()).contains(message);
    }

    @Test
    void should_not_throw_when_message_is_very_long() {
        String message = "0123456789".repeat(1_000);
        List<DeliveryResult> results = new ArrayList<>();

        assertThatCode(() -> results.add(notifier.deliver(notification("Long message", message)))).doesNotThrowAnyException();

        // adapters may cut or refuse a long message, but must answer with a result
        assertThat(results).hasSize(1);
        if (results.get(0).isDelivered()) {
            assertThat(awaitReceived(1)).hasSize(1);
        }
    }

    @Test
    void should_deliver_all_when_called_concurrently() throws Exception {
        int threads = 8;
        int perThread = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<DeliveryResult>>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                tasks.add(() -> {
                    List<DeliveryResult> results = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        results.add(notifier.deliver(notification("title-" + thread + "-" + i, "message " + thread + "/" + i)));
                    }
                    return results;
                });
            }
            for (Future<List<DeliveryResult>> future : pool.invokeAll(tasks)) {
                assertThat(future.get(deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS)).allMatch(DeliveryResult::isDelivered);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Received> received = awaitReceived(threads * perThread);
        assertThat(received).hasSize(threads * perThread);
        List<String> expectedTitles = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) expectedTitles.add("title-" + t + "-" + i);
        }
        assertThat(expectedTitles).allSatisfy(title ->
                assertThat(received).anySatisfy(r -> assertThat(r.title()).contains(title)));
    }

    @Test
    void should_report_exactly_when_to_try_again_when_the_receiver_throttles() {
        clock.advance(Duration.ofMinutes(3));   // "now" is the contract's clock, not the wall clock
        Instant until = clock.instant().plus(Duration.ofMinutes(2));
        assumeTrue(throttleNextUntil(until), "the receiver cannot be made to throttle");

        DeliveryResult result = notifier.deliver(notification("Throttled", "Sent while the receiver throttles"));

        assertThat(result.status()).isIn(DeliveryResult.Status.RETRYABLE_FAILURE, DeliveryResult.Status.DEFERRED);
        Instant due = result.status() == DeliveryResult.Status.DEFERRED
                ? result.deferredUntil().orElseThrow()
                : clock.instant().plus(result.retryDelay().orElseThrow());
        assertThat(due).isEqualTo(until);
    }

    @Test
    void should_not_throw_when_same_idempotency_key_is_delivered_twice() {
        Notification notification = notification("Repeated", "Delivered twice by a retrying dispatcher", "ticket-42-routed");

        DeliveryResult first = notifier.deliver(notification);
        DeliveryResult second = notifier.deliver(notification);

        assertThat(first.isDelivered()).isTrue();
        assertThat(second.status()).isNotEqualTo(DeliveryResult.Status.PERMANENT_FAILURE);
        if (dropsDuplicateKeys()) {
            awaitReceived(1);
            assertThat(received()).hasSize(1);
        } else {
            assertThat(awaitReceived(2)).hasSize(2);
        }
    }
}
