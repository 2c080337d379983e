package dev.tickettriage.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The policy under the outbox dispatcher's concurrency (16 calls at once by default): many deliveries for one target
 * released at the same instant, on a clock that only the test moves, repeated so that rare interleavings show up.
 * A small stand-in outbox brings every notification back when it is due, all due ones at once.
 */
@Timeout(600)   // a deadlock guard only; nothing here is timed
class NotificationPolicyConcurrencyTest {

    private static final int REPETITIONS = 200;
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Pattern DIGEST_LINE = Pattern.compile("^- \\[[A-Z]+\\] Title (\\S+) \\(ticket", Pattern.MULTILINE);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void should_send_the_overflow_as_exactly_one_digest_and_leave_nothing_deferred_when_one_target_is_hammered() throws Exception {
        Random random = new Random(9);
        for (int repetition = 0; repetition < REPETITIONS; repetition++) {
            // given
            int count = 16 + random.nextInt(33);   // 16-48 deliveries at once: every line of the digest is listed
            int max = 1 + random.nextInt(3);
            MutableClock clock = MutableClock.start();
            SlowRecordingNotifier receiver = new SlowRecordingNotifier();
            Notifier notifier = NotificationPolicy.builder().throttle(max, WINDOW).clock(clock).build().wrap(receiver);
            Outbox outbox = new Outbox(clock);
            List<String> keys = outbox.addAll("support-alerts", count, Priority.HIGH);
            String context = "repetition " + repetition + " (" + count + " at once, " + max + " per minute)";

            // when
            List<DeliveryResult> first = outbox.deliverDue(notifier);
            clock.advance(WINDOW);
            outbox.deliverDue(notifier);

            // then
            assertThat(first).as(context).filteredOn(DeliveryResult::isDelivered).hasSize(max);
            assertThat(outbox.pending()).as(context + ": left deferred after the window").isEmpty();
            assertEachSentOnce(receiver, keys, context);
            assertThat(receiver.notifications()).as(context).filteredOn(n -> n.tags().contains("digest")).singleElement()
                    .satisfies(digest -> assertThat(digest.title()).isEqualTo((count - max) + " notifications for support-alerts"));
            assertThat(receiver.attempts()).as(context).isEqualTo(max + 1);
        }
    }

    @Test
    void should_lose_nothing_and_send_one_digest_when_the_first_digest_fails_under_concurrency() throws Exception {
        Random random = new Random(11);
        for (int repetition = 0; repetition < REPETITIONS; repetition++) {
            // given
            int count = 16 + random.nextInt(33);
            MutableClock clock = MutableClock.start();
            SlowRecordingNotifier receiver = new SlowRecordingNotifier();
            receiver.failFirstDigest();
            Notifier notifier = NotificationPolicy.builder().throttle(1, WINDOW).clock(clock).build().wrap(receiver);
            Outbox outbox = new Outbox(clock);
            List<String> keys = outbox.addAll("support-alerts", count, Priority.HIGH);
            String context = "repetition " + repetition + " (" + count + " at once)";

            // when
            outbox.deliverDue(notifier);
            clock.advance(WINDOW);
            List<DeliveryResult> failedRound = outbox.deliverDue(notifier);
            clock.advance(Duration.ofSeconds(1));   // the failed carrier's retry and the held-back entries come back
            outbox.deliverDue(notifier);

            // then
            assertThat(failedRound).as(context).filteredOn(r -> r.status() == Status.RETRYABLE_FAILURE).hasSize(1);
            assertThat(outbox.pending()).as(context + ": left deferred").isEmpty();
            assertEachSentOnce(receiver, keys, context);
            assertThat(receiver.notifications()).as(context).filteredOn(n -> n.tags().contains("digest")).hasSize(1);
        }
    }

    @Test
    void should_throttle_each_target_on_its_own_when_one_policy_serves_several_targets_and_notifiers() throws Exception {
        Random random = new Random(13);
        for (int repetition = 0; repetition < REPETITIONS; repetition++) {
            // given: one policy, two wrapped notifiers; the first serves two targets
            int count = 8 + random.nextInt(17);
            MutableClock clock = MutableClock.start();
            NotificationPolicy policy = NotificationPolicy.builder().throttle(1, WINDOW).clock(clock).build();
            SlowRecordingNotifier pushReceiver = new SlowRecordingNotifier();
            SlowRecordingNotifier mailReceiver = new SlowRecordingNotifier();
            Notifier push = policy.wrap(pushReceiver);
            Notifier mail = policy.wrap(mailReceiver);
            Outbox outbox = new Outbox(clock);
            List<String> alertKeys = outbox.addAll("support-alerts", count, Priority.HIGH);
            List<String> urgentKeys = outbox.addAll("urgent-alerts", count, Priority.URGENT);
            List<String> mailKeys = outbox.addAll("escalations", count, Priority.MEDIUM);
            Map<String, Notifier> routes = Map.of("support-alerts", push, "urgent-alerts", push, "escalations", mail);
            String context = "repetition " + repetition + " (" + count + " per target at once)";

            // when
            outbox.deliverDue(routes);
            clock.advance(WINDOW);
            outbox.deliverDue(routes);

            // then
            assertThat(outbox.pending()).as(context + ": left deferred after the window").isEmpty();
            List<String> pushKeys = new ArrayList<>(alertKeys);
            pushKeys.addAll(urgentKeys);
            assertEachSentOnce(pushReceiver, pushKeys, context);
            assertEachSentOnce(mailReceiver, mailKeys, context);
            assertThat(pushReceiver.notifications()).as(context).filteredOn(n -> n.tags().contains("digest"))
                    .extracting(Notification::title)
                    .containsExactlyInAnyOrder((count - 1) + " notifications for support-alerts", (count - 1) + " notifications for urgent-alerts");
            assertThat(mailReceiver.count()).as(context).isEqualTo(2);
        }
    }

    @Test
    void should_send_a_key_once_and_report_every_concurrent_repeat_delivered_when_dedupe_is_on() throws Exception {
        Random random = new Random(17);
        for (int repetition = 0; repetition < REPETITIONS; repetition++) {
            // given: the same notification in the outbox many times (a host that enqueued it twice, a lost lease)
            int copies = 16 + random.nextInt(49);
            MutableClock clock = MutableClock.start();
            SlowRecordingNotifier receiver = new SlowRecordingNotifier();
            Notifier notifier = NotificationPolicy.builder().dedupeWindow(Duration.ofMinutes(10)).clock(clock).build().wrap(receiver);
            Outbox outbox = new Outbox(clock);
            Notification same = notification("support-alerts", "same", Priority.HIGH);
            for (int i = 0; i < copies; i++) outbox.add(same);

            // when
            List<DeliveryResult> results = outbox.deliverDue(notifier);

            // then
            String context = "repetition " + repetition + " (" + copies + " copies at once)";
            assertThat(results).as(context).allMatch(DeliveryResult::isDelivered);
            assertThat(receiver.count()).as(context).isEqualTo(1);
        }
    }

    @Test
    void should_digest_a_quiet_hours_burst_once_and_leave_nothing_deferred_when_quiet_hours_end() throws Exception {
        Random random = new Random(19);
        for (int repetition = 0; repetition < REPETITIONS; repetition++) {
            // given: a burst at 23:00, held until 07:00, then throttled at 07:00 when it all comes back at once
            int count = 16 + random.nextInt(33);
            int max = 1 + random.nextInt(3);
            MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T23:00:00Z"));
            SlowRecordingNotifier receiver = new SlowRecordingNotifier();
            Notifier notifier = NotificationPolicy.builder().throttle(max, WINDOW)
                    .quietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneOffset.UTC).clock(clock).build().wrap(receiver);
            Outbox outbox = new Outbox(clock);
            List<String> keys = outbox.addAll("support-alerts", count, Priority.HIGH);
            String context = "repetition " + repetition + " (" + count + " at once, " + max + " per minute)";

            // when
            List<DeliveryResult> night = outbox.deliverDue(notifier);
            clock.set(Instant.parse("2026-01-02T07:00:00Z"));
            List<DeliveryResult> morning = outbox.deliverDue(notifier);
            clock.advance(WINDOW);
            outbox.deliverDue(notifier);

            // then
            assertThat(night).as(context).allMatch(r -> r.status() == Status.DEFERRED);
            assertThat(morning).as(context).filteredOn(DeliveryResult::isDelivered).hasSize(max);
            assertThat(outbox.pending()).as(context + ": left deferred after the window").isEmpty();
            assertEachSentOnce(receiver, keys, context);
            assertThat(receiver.notifications()).as(context).filteredOn(n -> n.tags().contains("digest")).hasSize(1);
        }
    }

    // one interleaving at a time: the digest is held in the receiver while another call comes back

    @Test
    void should_report_a_folded_notification_delivered_when_it_comes_back_while_its_digest_is_being_sent() {
        // given: "b" carries the digest of "b" and "c", held in the receiver
        MutableClock clock = MutableClock.start();
        GatedNotifier receiver = new GatedNotifier();
        Notifier notifier = NotificationPolicy.builder().throttlePerMinute(1).clock(clock).build().wrap(receiver);
        notifier.deliver(notification("support-alerts", "a", Priority.HIGH));
        notifier.deliver(notification("support-alerts", "b", Priority.HIGH));
        notifier.deliver(notification("support-alerts", "c", Priority.HIGH));
        clock.advance(WINDOW);
        Call carrier = Call.start(notifier, notification("support-alerts", "b", Priority.HIGH));
        receiver.awaitDigestHeld();

        // when
        Call folded = Call.start(notifier, notification("support-alerts", "c", Priority.HIGH));
        folded.awaitWaitingOrDone();
        receiver.release();

        // then
        assertThat(carrier.result().isDelivered()).isTrue();
        assertThat(folded.result().isDelivered()).isTrue();   // delivered as part of the digest, not deferred again
        assertThat(receiver.recording.notifications()).extracting(Notification::title)
                .containsExactly("Title a", "2 notifications for support-alerts");
    }

    @Test
    void should_throttle_a_new_notification_to_the_next_free_slot_when_it_arrives_while_the_digest_is_being_sent() {
        // given
        MutableClock clock = MutableClock.start();
        GatedNotifier receiver = new GatedNotifier();
        Notifier notifier = NotificationPolicy.builder().throttlePerMinute(1).clock(clock).build().wrap(receiver);
        notifier.deliver(notification("support-alerts", "a", Priority.HIGH));
        notifier.deliver(notification("support-alerts", "b", Priority.HIGH));
        notifier.deliver(notification("support-alerts", "c", Priority.HIGH));
        Instant digestTime = clock.advance(WINDOW);
        Call carrier = Call.start(notifier, notification("support-alerts", "b", Priority.HIGH));
        receiver.awaitDigestHeld();

        // when
        Call late = Call.start(notifier, notification("support-alerts", "d", Priority.HIGH));
        late.awaitWaitingOrDone();
        receiver.release();

        // then: "d" was not in the digest; it waits for the slot the digest took, then goes out on its own
        assertThat(carrier.result().isDelivered()).isTrue();
        DeliveryResult deferred = late.result();
        assertThat(deferred.status()).isEqualTo(Status.DEFERRED);
        assertThat(deferred.deferredUntil()).contains(digestTime.plus(WINDOW));
        clock.set(digestTime.plus(WINDOW));
        assertThat(notifier.deliver(notification("support-alerts", "d", Priority.HIGH)).isDelivered()).isTrue();
        assertThat(notifier.deliver(notification("support-alerts", "c", Priority.HIGH)).isDelivered()).isTrue();   // in the digest
        assertThat(receiver.recording.notifications()).extracting(Notification::title)
                .containsExactly("Title a", "2 notifications for support-alerts", "Title d");
    }

    @Test
    void should_defer_the_folded_notifications_and_keep_them_for_the_next_digest_when_the_digest_fails_while_they_wait() {
        // given
        MutableClock clock = MutableClock.start();
        GatedNotifier receiver = new GatedNotifier();
        receiver.failHeldDigest(DeliveryResult.retryable("receiver down", Duration.ofSeconds(30)));
        Notifier notifier = NotificationPolicy.builder().throttlePerMinute(1).clock(clock).build().wrap(receiver);
        notifier.deliver(notification("support-alerts", "a", Priority.HIGH));
        notifier.deliver(notification("support-alerts", "b", Priority.HIGH));
        notifier.deliver(notification("support-alerts", "c", Priority.HIGH));
        Instant failedAt = clock.advance(WINDOW);
        Call carrier = Call.start(notifier, notification("support-alerts", "b", Priority.HIGH));
        receiver.awaitDigestHeld();

        // when
        Call folded = Call.start(notifier, notification("support-alerts", "c", Priority.HIGH));
        folded.awaitWaitingOrDone();
        receiver.release();

        // then: held back as long as the receiver asked, never failed; both go out in the next digest
        assertThat(carrier.result().status()).isEqualTo(Status.RETRYABLE_FAILURE);
        DeliveryResult waited = folded.result();
        assertThat(waited.status()).isEqualTo(Status.DEFERRED);
        assertThat(waited.deferredUntil()).contains(failedAt.plusSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(notifier.deliver(notification("support-alerts", "c", Priority.HIGH)).isDelivered()).isTrue();
        assertThat(notifier.deliver(notification("support-alerts", "b", Priority.HIGH)).isDelivered()).isTrue();
        assertThat(receiver.recording.notifications()).extracting(Notification::title)
                .containsExactly("Title a", "2 notifications for support-alerts");
    }

    @Test
    void should_defer_a_waiting_call_without_failing_it_when_it_is_interrupted() {
        // given
        MutableClock clock = MutableClock.start();
        GatedNotifier receiver = new GatedNotifier();
        Notifier notifier = NotificationPolicy.builder().throttlePerMinute(1).clock(clock).build().wrap(receiver);
        notifier.deliver(notification("support-alerts", "a", Priority.HIGH));
        notifier.deliver(notification("support-alerts", "b", Priority.HIGH));
        notifier.deliver(notification("support-alerts", "c", Priority.HIGH));
        clock.advance(WINDOW);
        Call carrier = Call.start(notifier, notification("support-alerts", "b", Priority.HIGH));
        receiver.awaitDigestHeld();
        Call folded = Call.start(notifier, notification("support-alerts", "c", Priority.HIGH));
        folded.awaitWaitingOrDone();

        // when: the dispatcher gives up on the waiting call (its delivery timeout)
        folded.thread.interrupt();

        // then
        assertThat(folded.result().status()).isEqualTo(Status.DEFERRED);
        assertThat(folded.interruptedAtTheEnd).isTrue();   // the flag is restored for the dispatcher
        receiver.release();
        assertThat(carrier.result().isDelivered()).isTrue();
        assertThat(notifier.deliver(notification("support-alerts", "c", Priority.HIGH)).isDelivered()).isTrue();   // in the digest
        assertThat(receiver.recording.count()).isEqualTo(2);
    }

    @Test
    void should_drop_a_repeat_of_a_key_being_delivered_once_that_delivery_succeeds_when_dedupe_is_on() {
        // given
        MutableClock clock = MutableClock.start();
        GatedNotifier receiver = new GatedNotifier().holdingEverything();
        Notifier notifier = NotificationPolicy.builder().dedupeWindow(Duration.ofMinutes(10)).clock(clock).build().wrap(receiver);
        Call first = Call.start(notifier, notification("support-alerts", "a", Priority.HIGH));
        receiver.awaitDigestHeld();

        // when
        Call repeat = Call.start(notifier, notification("support-alerts", "a", Priority.HIGH));
        repeat.awaitWaitingOrDone();
        receiver.release();

        // then
        assertThat(first.result().isDelivered()).isTrue();
        assertThat(repeat.result().isDelivered()).isTrue();   // a duplicate: dropped, not deferred
        assertThat(receiver.recording.count()).isEqualTo(1);
    }

    @Test
    void should_forget_a_target_once_its_window_has_passed_with_nothing_held_back() {
        // given
        MutableClock clock = MutableClock.start();
        PolicyNotifier notifier = (PolicyNotifier) NotificationPolicy.builder().throttlePerMinute(1).clock(clock).build()
                .wrap(new RecordingNotifier());
        for (int i = 0; i < 100; i++) notifier.deliver(notification("target-" + i, "k" + i, Priority.HIGH));
        assertThat(notifier.trackedTargets()).isEqualTo(100);

        // when
        clock.advance(WINDOW);
        notifier.deliver(notification("target-0", "again", Priority.HIGH));

        // then
        assertThat(notifier.trackedTargets()).isEqualTo(1);
    }

    /** Every key reached the receiver exactly once: sent as itself or listed in one digest, never both, never twice. */
    private static void assertEachSentOnce(SlowRecordingNotifier receiver, List<String> keys, String context) {
        Map<String, Integer> times = new HashMap<>();
        for (Notification sent : receiver.notifications()) {
            if (sent.tags().contains("digest")) {
                Matcher line = DIGEST_LINE.matcher(sent.message());
                while (line.find()) times.merge(line.group(1), 1, Integer::sum);
            } else {
                times.merge(sent.idempotencyKey(), 1, Integer::sum);
            }
        }
        assertThat(times.keySet()).as(context + ": keys that reached the receiver").containsExactlyInAnyOrderElementsOf(keys);
        assertThat(times.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).collect(Collectors.toList()))
                .as(context + ": keys sent more than once").isEmpty();
    }

    private static Notification notification(String target, String key, Priority priority) {
        return new Notification(target, "Title " + key, "Message " + key, priority, List.of("alert"),
                URI.create("https://support.example.com/t/" + key), TicketId.generate(Instant.EPOCH), key);
    }

    /**
     * Records what it receives; each call first gives up the processor a few times, so calls that run at once overlap
     * (more interleavings, nothing timed). Can fail the first digest it is given.
     */
    private static final class SlowRecordingNotifier implements Notifier {
        private final RecordingNotifier recording = new RecordingNotifier();
        private final AtomicLong attempts = new AtomicLong();
        private final AtomicBoolean failDigest = new AtomicBoolean();

        void failFirstDigest() {
            failDigest.set(true);
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            attempts.incrementAndGet();
            for (int i = 0; i < 20; i++) Thread.yield();
            if (notification.tags().contains("digest") && failDigest.compareAndSet(true, false)) {
                return DeliveryResult.retryable("scripted digest failure", null);
            }
            return recording.deliver(notification);
        }

        List<Notification> notifications() {
            return recording.notifications();
        }

        int count() {
            return recording.count();
        }

        long attempts() {
            return attempts.get();
        }
    }

    /** A delivery on its own thread, so the test can see it wait inside the policy. */
    private static final class Call {
        final CompletableFuture<DeliveryResult> result = new CompletableFuture<>();
        final Thread thread;
        volatile boolean interruptedAtTheEnd;

        private Call(Notifier notifier, Notification notification) {
            this.thread = new Thread(() -> {
                try {
                    result.complete(notifier.deliver(notification));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                } finally {
                    interruptedAtTheEnd = Thread.currentThread().isInterrupted();
                }
            }, "policy-call-" + notification.idempotencyKey());
        }

        static Call start(Notifier notifier, Notification notification) {
            Call call = new Call(notifier, notification);
            call.thread.start();
            return call;
        }

        /** Until the call returned or waits (the only place a call waits is for a send in flight). */
        void awaitWaitingOrDone() {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> result.isDone() || thread.getState() == Thread.State.WAITING);
        }

        DeliveryResult result() {
            try {
                DeliveryResult outcome = result.get(30, TimeUnit.SECONDS);   // a hang guard, not a measurement
                thread.join();
                return outcome;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("the call did not return", e);
            }
        }
    }

    /** Holds each digest (or, with {@link #holdingEverything()}, each call) until the test releases it. */
    private static final class GatedNotifier implements Notifier {
        final RecordingNotifier recording = new RecordingNotifier("gated");
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch gate = new CountDownLatch(1);
        private volatile boolean holdEverything;
        private volatile DeliveryResult heldOutcome;

        GatedNotifier holdingEverything() {
            holdEverything = true;
            return this;
        }

        void failHeldDigest(DeliveryResult failure) {
            heldOutcome = failure;
        }

        void awaitDigestHeld() {
            try {
                assertThat(held.await(30, TimeUnit.SECONDS)).as("a call reached the receiver").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }

        void release() {
            gate.countDown();
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            if (holdEverything || notification.tags().contains("digest")) {
                held.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return DeliveryResult.retryable("interrupted", null);
                }
                DeliveryResult outcome = heldOutcome;
                heldOutcome = null;
                if (outcome != null) return outcome;
            }
            return recording.deliver(notification);
        }
    }

    /** Stands in for the outbox: an entry comes back when due (a deferral lasts at least a second, as in the dispatcher). */
    private final class Outbox {
        private final MutableClock clock;
        private final List<Entry> entries = new ArrayList<>();

        Outbox(MutableClock clock) {
            this.clock = clock;
        }

        void add(Notification notification) {
            entries.add(new Entry(notification, clock.instant()));
        }

        List<String> addAll(String target, int count, Priority priority) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Notification notification = notification(target, target + "-" + i, priority);
                add(notification);
                keys.add(notification.idempotencyKey());
            }
            return keys;
        }

        List<String> pending() {
            return entries.stream().map(entry -> entry.notification.idempotencyKey() + " due " + entry.due).collect(Collectors.toList());
        }

        List<DeliveryResult> deliverDue(Notifier notifier) throws InterruptedException, ExecutionException {
            return deliverRouted(target -> notifier);
        }

        List<DeliveryResult> deliverDue(Map<String, Notifier> routes) throws InterruptedException, ExecutionException {
            return deliverRouted(routes::get);
        }

        /** Calls the notifier for every due entry at once, each on its own thread, and stores the outcomes. */
        private List<DeliveryResult> deliverRouted(Function<String, Notifier> route)
                throws InterruptedException, ExecutionException {
            Instant now = clock.instant();
            List<Entry> due = entries.stream().filter(entry -> !entry.due.isAfter(now)).collect(Collectors.toList());
            CountDownLatch ready = new CountDownLatch(due.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<DeliveryResult>> calls = new ArrayList<>();
            for (Entry entry : due) {
                Notifier notifier = route.apply(entry.notification.target());
                calls.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return notifier.deliver(entry.notification);
                }));
            }
            ready.await();
            go.countDown();
            List<DeliveryResult> results = new ArrayList<>();
            for (int i = 0; i < due.size(); i++) {
                DeliveryResult result = calls.get(i).get();
                results.add(result);
                Entry entry = due.get(i);
                switch (result.status()) {
                    case DELIVERED:
                        entries.remove(entry);
                        break;
                    case DEFERRED:
                        Instant earliest = now.plusSeconds(1);
                        entry.due = result.deferredUntil().filter(earliest::isBefore).orElse(earliest);
                        break;
                    case RETRYABLE_FAILURE:
                        entry.due = now.plusSeconds(1);
                        break;
                    default:
                        throw new AssertionError("unexpected " + result);
                }
            }
            return results;
        }
    }

    private static final class Entry {
        final Notification notification;
        Instant due;

        Entry(Notification notification, Instant due) {
            this.notification = notification;
            this.due = due;
        }
    }
}
