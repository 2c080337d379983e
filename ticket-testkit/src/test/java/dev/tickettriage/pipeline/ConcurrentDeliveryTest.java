package dev.tickettriage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.Notifier;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.rules.RoutingRules;
import dev.tickettriage.testkit.MutableClock;
import dev.tickettriage.testkit.RecordingNotifier;
import dev.tickettriage.testkit.TicketFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The outbox dispatcher's delivery slots: calls in parallel, bounded, fenced, and a close that leaves nothing claimed. */
@Timeout(60)
class ConcurrentDeliveryTest {

    private static final String TARGET = RoutingRules.DEFAULT_ALERT_TARGET;

    private final MutableClock clock = MutableClock.start();
    private final InMemoryTicketRepository repository = InMemoryTicketRepository.builder().clock(clock).build();
    private final List<TicketTriage> opened = new ArrayList<>();
    private final List<GatedNotifier> gated = new ArrayList<>();

    @AfterEach
    void tearDown() {
        gated.forEach(GatedNotifier::open);
        opened.forEach(TicketTriage::close);
    }

    private TicketTriage open(Notifier notifier, DeliveryConfig delivery, WorkerConfig workers) {
        TicketTriage triage = TicketTriage.builder().repository(repository).clock(clock).rules(RoutingRules.none())
                .notifier(TARGET, notifier).delivery(delivery).workers(workers).build();
        opened.add(triage);
        return triage;
    }

    private static WorkerConfig background(String instance) {
        return WorkerConfig.ofDefaults().withWorkers(1).withPollInterval(Duration.ofMillis(10)).withInstanceId(instance);
    }

    /** Stores {@code count} tickets, each with one notification for the alert target in the outbox. */
    private Set<String> queue(int count) {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Ticket ticket = repository.insert(TicketFixtures.aTicket().createdAt(clock.instant()).build());
            String key = ticket.id() + "/alert";
            repository.update(new TicketChange(ticket, List.of(new Notification(TARGET, "Ticket " + i, "Routed", Priority.HIGH,
                    List.of(), null, ticket.id(), key)), List.of()));
            keys.add(key);
        }
        return keys;
    }

    /** Records calls in flight (and the most seen at once); each call waits for the gate, then delivers. */
    private final class GatedNotifier implements Notifier {
        final RecordingNotifier recorded = new RecordingNotifier("gated");
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        private final CountDownLatch gate;

        /** @param opensAfter calls that must be in flight at once before the gate opens by itself (0: opened by the test) */
        GatedNotifier(int opensAfter) {
            this.gate = new CountDownLatch(opensAfter == 0 ? 1 : opensAfter);
            this.selfOpening = opensAfter > 0;
            gated.add(this);
        }

        private final boolean selfOpening;

        void open() {
            while (gate.getCount() > 0) gate.countDown();
        }

        @Override
        public DeliveryResult deliver(Notification notification) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                if (selfOpening) gate.countDown();
                // a bound so a broken dispatcher fails the test instead of hanging it: later calls pass at once
                if (!gate.await(5, TimeUnit.SECONDS)) {
                    open();
                    return DeliveryResult.retryable("gate never opened", null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return DeliveryResult.retryable("interrupted", null);
            } finally {
                inFlight.decrementAndGet();
            }
            return recorded.deliver(notification);
        }

        @Override
        public String name() {
            return "gated";
        }
    }

    @Test
    void should_deliver_a_claim_in_parallel_when_draining() {
        // given: a gate that opens only once 8 calls run at the same time (a one-at-a-time dispatcher never opens it)
        Set<String> keys = queue(40);
        GatedNotifier notifier = new GatedNotifier(8);
        TicketTriage triage = open(notifier, DeliveryConfig.ofDefaults().withConcurrency(8).withRetry(RetryPolicy.noRetry()),
                WorkerConfig.ofDefaults().withWorkers(0));

        // when
        triage.drainBacklog();

        // then: every notification delivered once, in the first attempt, never more than 8 at once
        assertThat(notifier.maxInFlight.get()).isEqualTo(8);
        assertThat(notifier.recorded.attempts()).isEqualTo(40);
        assertThat(notifier.recorded.notifications()).extracting(Notification::idempotencyKey).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(notifier.recorded.duplicateKeys()).isEmpty();
        assertThat(repository.pendingCount()).isZero();
        assertThat(triage.deadLetters(10)).isEmpty();
    }

    @Test
    void should_claim_no_more_than_its_free_slots_when_calls_are_slow() {
        // given: 30 queued, 4 slots, every call blocked
        Set<String> keys = queue(30);
        GatedNotifier notifier = new GatedNotifier(0);
        TicketTriage triage = open(notifier, DeliveryConfig.ofDefaults().withConcurrency(4), background("instance-a")).start();

        // when
        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.inFlight.get() == 4);

        // then: the other 26 are not held by the busy dispatcher (bounded memory, other instances may take them)
        assertThat(repository.claimDue("probe", 100, Duration.ofSeconds(1))).hasSize(26);
        clock.advance(Duration.ofSeconds(2));   // the probe's lease lapses: they are due again
        notifier.open();
        await().atMost(Duration.ofSeconds(10)).until(() -> repository.pendingCount() == 0);
        assertThat(notifier.maxInFlight.get()).isEqualTo(4);
        assertThat(notifier.recorded.notifications()).extracting(Notification::idempotencyKey).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(notifier.recorded.duplicateKeys()).isEmpty();
        assertThat(triage.deadLetters(10)).isEmpty();
    }

    @Test
    void should_keep_every_live_claim_when_parallel_calls_outlast_the_lease_and_another_instance_dispatches() {
        // given: instance A holds 8 entries in 8 blocked calls; instance B is idle and fast
        ObservedRepository observed = new ObservedRepository(repository);
        Set<String> keys = queue(8);
        GatedNotifier slow = new GatedNotifier(0);
        RecordingNotifier fast = new RecordingNotifier();
        DeliveryConfig eight = DeliveryConfig.ofDefaults().withConcurrency(8);
        TicketTriage first = TicketTriage.builder().repository(observed).clock(clock).rules(RoutingRules.none()).notifier(TARGET, slow)
                .delivery(eight).workers(background("instance-a")).build();
        TicketTriage second = TicketTriage.builder().repository(observed).clock(clock).rules(RoutingRules.none()).notifier(TARGET, fast)
                .delivery(eight).workers(background("instance-b")).build();
        opened.add(first);
        opened.add(second);
        first.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> slow.inFlight.get() == 8);
        second.start();

        // when: five half-leases pass while A's calls run
        for (int beat = 1; beat <= 5; beat++) {
            int expected = observed.leaseExtensions() + 8;
            clock.advance(DeliveryConfig.DEFAULT_LEASE_DURATION.dividedBy(2).plusSeconds(5));
            await().atMost(Duration.ofSeconds(10)).until(() -> observed.leaseExtensions() >= expected);
            assertThat(repository.claimDue("probe", 10, Duration.ofSeconds(1))).as("all eight still leased to A").isEmpty();
        }
        slow.open();

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> repository.pendingCount() == 0);
        assertThat(slow.recorded.notifications()).extracting(Notification::idempotencyKey).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(slow.recorded.duplicateKeys()).isEmpty();
        assertThat(fast.attempts()).isZero();
    }

    @Test
    void should_deliver_each_notification_exactly_once_when_two_instances_share_the_outbox() {
        // given
        Set<String> keys = queue(300);
        RecordingNotifier shared = new RecordingNotifier();
        DeliveryConfig parallel = DeliveryConfig.ofDefaults().withConcurrency(6).withBatchSize(4);
        open(shared, parallel, background("instance-a")).start();
        open(shared, parallel, background("instance-b")).start();

        // when
        await().atMost(Duration.ofSeconds(20)).until(() -> repository.pendingCount() == 0);

        // then
        assertThat(shared.notifications()).extracting(Notification::idempotencyKey).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(shared.duplicateKeys()).isEmpty();
        assertThat(shared.attempts()).isEqualTo(300);
    }

    @Test
    void should_leave_nothing_claimed_and_deliver_each_once_when_closed_with_calls_in_flight() throws Exception {
        // given: 40 queued, 4 blocked calls in flight
        Set<String> keys = queue(40);
        GatedNotifier notifier = new GatedNotifier(0);
        TicketTriage triage = open(notifier, DeliveryConfig.ofDefaults().withConcurrency(4),
                background("instance-a").withShutdownTimeout(Duration.ofSeconds(20))).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.inFlight.get() == 4);

        // when: close() waits for the calls in hand, then flushes what is due
        Thread closing = new Thread(triage::close, "closing");
        closing.start();
        notifier.open();
        closing.join(TimeUnit.SECONDS.toMillis(30));

        // then
        assertThat(closing.isAlive()).isFalse();
        assertThat(notifier.recorded.notifications()).extracting(Notification::idempotencyKey).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(notifier.recorded.duplicateKeys()).isEmpty();
        assertThat(notifier.maxInFlight.get()).isLessThanOrEqualTo(4);
        assertThat(repository.pendingCount()).isZero();
        assertThat(repository.claimDue("probe", 100, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void should_keep_the_slot_of_a_timed_out_call_until_it_returns_and_retry_the_entry() {
        // given: one slot; the first call hangs past the delivery timeout and ignores interrupts
        queue(1);
        CountDownLatch hung = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Notifier firstHangs = notification -> {
            if (calls.incrementAndGet() == 1) {
                boolean released = false;
                while (!released) {
                    try {
                        released = hung.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        // a hung client that does not notice interrupts
                    }
                }
            }
            return DeliveryResult.delivered();
        };
        DeliveryConfig oneSlot = DeliveryConfig.ofDefaults().withConcurrency(1).withDeliveryTimeout(Duration.ofMillis(100))
                .withRetry(new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 1, 0));
        open(firstHangs, oneSlot, background("instance-a")).start();

        // when: the timeout is recorded as a failed attempt; the entry is due again at once
        await().atMost(Duration.ofSeconds(10)).until(() -> !repository.claimDue("probe", 1, Duration.ofMillis(1)).isEmpty()
                || repository.pendingCount() == 0);
        clock.advance(Duration.ofSeconds(1));   // the probe's lease lapses

        // then: no second call while the hung one holds the only slot; once it returns, the retry is delivered
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> calls.get() == 1);
        hung.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> repository.pendingCount() == 0);
        assertThat(calls.get()).isEqualTo(2);
        assertThat(repository.deadLetters(10)).isEmpty();
    }

    @Test
    void should_reject_a_concurrency_outside_its_range() {
        assertThat(DeliveryConfig.ofDefaults().concurrency()).isEqualTo(DeliveryConfig.DEFAULT_CONCURRENCY);
        assertThat(new DeliveryConfig(RetryPolicy.noRetry(), Duration.ofSeconds(30), 8, Duration.ofSeconds(5)).concurrency())
                .isEqualTo(DeliveryConfig.DEFAULT_CONCURRENCY);
        assertThatThrownBy(() -> DeliveryConfig.ofDefaults().withConcurrency(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concurrency");
        assertThatThrownBy(() -> DeliveryConfig.ofDefaults().withConcurrency(DeliveryConfig.MAX_CONCURRENCY + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("concurrency");
    }
}
