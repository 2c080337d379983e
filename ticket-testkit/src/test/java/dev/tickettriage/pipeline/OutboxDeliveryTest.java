package dev.tickettriage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.port.DeadLetter;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.Notifier;
import dev.tickettriage.port.OutboxEntry;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.rules.Actions;
import dev.tickettriage.rules.Conditions;
import dev.tickettriage.rules.RoutingRules;
import dev.tickettriage.rules.SlaPolicy;
import dev.tickettriage.testkit.MutableClock;
import dev.tickettriage.testkit.RecordingNotifier;
import dev.tickettriage.testkit.TicketFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox dispatcher: fencing with its own lease and heartbeat, deferral, dead letters, hostile notifiers, bounded close. */
class OutboxDeliveryTest {

    private static final String TARGET = RoutingRules.DEFAULT_ALERT_TARGET;
    private static final RoutingRules NOTIFY_EVERY_TICKET = RoutingRules.builder()
            .rule("notify-all").when(Conditions.classified()).then(Actions.notifyTarget(TARGET, "Ticket {id}", "Ticket {id} was routed"))
            .build();

    private final MutableClock clock = MutableClock.start();
    private final InMemoryTicketRepository repository = InMemoryTicketRepository.builder().clock(clock).build();
    private final CountDownLatch releaseBlocked = new CountDownLatch(1);
    private final List<TicketTriage> opened = new ArrayList<>();

    @AfterEach
    void tearDown() {
        releaseBlocked.countDown();
        opened.forEach(TicketTriage::close);
    }

    private TicketTriage.Builder builder() {
        return TicketTriage.builder().repository(repository).clock(clock).rules(RoutingRules.none())
                .workers(WorkerConfig.ofDefaults().withWorkers(0));
    }

    private TicketTriage open(TicketTriage.Builder builder) {
        TicketTriage triage = builder.build();
        opened.add(triage);
        return triage;
    }

    /** Stores a ticket with one notification for {@code target} in the outbox, as a routed update would. */
    private Notification queue(String target, String key) {
        Ticket ticket = repository.insert(TicketFixtures.aTicket().createdAt(clock.instant()).build());
        Notification notification = new Notification(target, "Ticket needs attention", "Customer wrote: my card number is 4111",
                Priority.HIGH, List.of(), null, ticket.id(), key);
        repository.update(new TicketChange(ticket, List.of(notification), List.of()));
        return notification;
    }

    /** A notifier that blocks (ignoring interrupts) until the test ends or releases it, then delivers. */
    private final class BlockingNotifier implements Notifier {
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger delivered = new AtomicInteger();

        @Override
        public DeliveryResult deliver(Notification notification) {
            calls.incrementAndGet();
            started.countDown();
            boolean released = false;
            while (!released) {
                try {
                    released = releaseBlocked.await(1, TimeUnit.HOURS);
                } catch (InterruptedException e) {
                    // a hung SMTP client does not notice interrupts either
                }
            }
            delivered.incrementAndGet();
            return DeliveryResult.delivered();
        }

        @Override
        public String name() {
            return "blocking";
        }
    }

    // ---- §3: a rule's target without a notifier ----

    @Test
    void should_fail_build_naming_the_target_when_a_rule_notifies_a_target_without_notifier() {
        RoutingRules misspelt = RoutingRules.builder()
                .rule("page-oncall").when(Conditions.classified()).then(Actions.notifyTarget("pager-dutty", "Ticket {id}", "Page"))
                .build();

        assertThatThrownBy(() -> builder().rules(misspelt).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("pager-dutty");
        assertThatThrownBy(() -> builder().slaEscalation(SlaPolicy.ofDefaults(), "sla-team").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sla-team");
        assertThatCode(() -> open(builder().rules(misspelt).notifier("pager-dutty", new RecordingNotifier()))).doesNotThrowAnyException();
        assertThatCode(() -> open(builder().rules(misspelt).defaultNotifier(new RecordingNotifier()))).doesNotThrowAnyException();
        assertThatCode(() -> open(builder().rules(RoutingRules.defaults()))).as("the embedded default target logs").doesNotThrowAnyException();
    }

    @Test
    void should_dead_letter_and_never_mark_delivered_when_target_has_no_notifier_at_run_time() {
        // given: an entry queued by another instance's rules, for a target this instance has no notifier for
        queue("pager", "ticket-1/page");
        List<TicketEvent> events = new CopyOnWriteArrayList<>();
        TicketTriage triage = open(builder().listener(events::add));

        // when
        triage.drainBacklog();

        // then
        assertThat(repository.pendingCount()).isZero();
        List<DeadLetter> dead = triage.deadLetters(10);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).lastError()).isEqualTo("no notifier for target 'pager'");
        assertThat(events).filteredOn(event -> event instanceof TicketEvent.NotificationDeadLettered).hasSize(1);
        assertThat(events).noneMatch(event -> event instanceof TicketEvent.NotificationDelivered);
    }

    // ---- §2: notifier failures cannot kill the dispatcher ----

    @Test
    void should_keep_delivering_when_a_notifier_throws_errors() {
        // given: a notifier that throws four kinds of Throwable, then works
        List<Supplier<Throwable>> failures = new ArrayList<>(List.of(
                () -> new NoClassDefFoundError("com/example/smtp/Transport"), StackOverflowError::new,
                () -> new AssertionError("unexpected"), () -> new IllegalStateException("boom")));
        AtomicInteger calls = new AtomicInteger();
        Notifier flaky = notification -> {
            int call = calls.getAndIncrement();
            if (call < failures.size()) sneakyThrow(failures.get(call).get());
            return DeliveryResult.delivered();
        };
        queue(TARGET, "ticket-1/alert");
        TicketTriage triage = open(TicketTriage.builder().repository(repository).clock(clock).rules(RoutingRules.none()).notifier(TARGET, flaky)
                .workers(WorkerConfig.ofDefaults().withWorkers(1).withPollInterval(Duration.ofMillis(10)))
                .delivery(DeliveryConfig.ofDefaults().withRetry(new RetryPolicy(8, Duration.ZERO, Duration.ZERO, 1, 0))));

        // when: the background dispatcher runs (the repository's MutableClock stands still: every retry is due at once)
        triage.start();

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> repository.pendingCount() == 0);
        assertThat(calls.get()).isEqualTo(5);
        assertThat(triage.deadLetters(10)).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable throwable) throws T {
        throw (T) throwable;
    }

    @Test
    void should_dead_letter_with_the_exception_class_only_when_a_notifier_keeps_throwing() {
        Notifier throwing = notification -> {
            throw new IllegalStateException("SMTP said: my card number is 4111");
        };
        queue(TARGET, "ticket-1/alert");
        List<TicketEvent.NotificationDeadLettered> events = new CopyOnWriteArrayList<>();
        TicketTriage triage = open(builder().notifier(TARGET, throwing)
                .listener(event -> { if (event instanceof TicketEvent.NotificationDeadLettered) events.add((TicketEvent.NotificationDeadLettered) event); })
                .delivery(DeliveryConfig.ofDefaults().withRetry(new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 1, 0))));

        triage.drainBacklog();

        DeadLetter dead = triage.deadLetters(10).get(0);
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).endsWith(" threw java.lang.IllegalStateException").doesNotContain("4111");
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.reason()).contains("gave up after 3 attempts").doesNotContain("4111");
        });
    }

    // ---- §3: own lease + heartbeat ----

    @Test
    void should_deliver_exactly_once_when_a_notifier_takes_longer_than_the_lease_and_two_instances_dispatch() {
        // given: instance A's notifier hangs on the only entry; instance B's notifier is fast
        ObservedRepository observed = new ObservedRepository(repository);
        BlockingNotifier slow = new BlockingNotifier();
        RecordingNotifier fast = new RecordingNotifier();
        WorkerConfig oneThread = WorkerConfig.ofDefaults().withWorkers(1).withPollInterval(Duration.ofMillis(10));
        queue(TARGET, "ticket-1/alert");
        TicketTriage first = open(TicketTriage.builder().repository(observed).clock(clock).rules(RoutingRules.none())
                .notifier(TARGET, slow).workers(oneThread.withInstanceId("instance-a")));
        TicketTriage second = open(TicketTriage.builder().repository(observed).clock(clock).rules(RoutingRules.none())
                .notifier(TARGET, fast).workers(oneThread.withInstanceId("instance-b")));
        first.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> slow.started.getCount() == 0);
        second.start();

        // when: ten half-leases pass (past the delivery lease and the tickets' 5 minutes) while A's call runs
        int extensions = observed.leaseExtensions();
        for (int beat = 1; beat <= 10; beat++) {
            clock.advance(DeliveryConfig.DEFAULT_LEASE_DURATION.dividedBy(2).plusSeconds(5));
            int expected = extensions + beat;
            await().atMost(Duration.ofSeconds(10)).until(() -> observed.leaseExtensions() >= expected);
            assertThat(repository.claimDue("probe", 10, Duration.ofSeconds(1))).as("still leased to A").isEmpty();
        }
        releaseBlocked.countDown();

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> repository.pendingCount() == 0);
        assertThat(slow.delivered.get()).isEqualTo(1);
        assertThat(fast.count()).isZero();
        assertThat(repository.deadLetters(10)).isEmpty();
    }

    // ---- §3: deferral is not failure ----

    @Test
    void should_spend_no_attempt_when_a_notifier_defers_again_and_again() {
        // given: a notifier that defers five times by an hour (quiet hours), then delivers; no retries allowed
        RecordingNotifier notifier = new RecordingNotifier();
        for (int i = 0; i < 5; i++) notifier.failNext(1, DeliveryResult.deferred(clock.instant().plus(Duration.ofHours(i + 1)), "quiet hours"));
        queue(TARGET, "ticket-1/alert");
        TicketTriage triage = open(builder().notifier(TARGET, notifier).delivery(DeliveryConfig.ofDefaults().withRetry(RetryPolicy.noRetry())));

        for (int hour = 1; hour <= 5; hour++) {
            // when
            triage.drainBacklog();

            // then: waiting, not pending work, not claimable before its time
            assertThat(notifier.attempts()).isEqualTo(hour);
            assertThat(repository.deferredCount()).isEqualTo(1);
            assertThat(repository.pendingCount()).isZero();
            clock.advance(Duration.ofMinutes(59));
            assertThat(repository.claimDue("probe", 10, Duration.ofSeconds(1))).isEmpty();
            clock.advance(Duration.ofMinutes(1));
        }
        triage.drainBacklog();

        assertThat(notifier.count()).isEqualTo(1);
        assertThat(triage.deadLetters(10)).isEmpty();
        assertThat(repository.pendingCount()).isZero();
        assertThat(repository.deferredCount()).isZero();
    }

    // ---- §3: dead letters on the facade ----

    @Test
    void should_list_requeue_and_audit_dead_letters_when_delivery_failed_permanently() {
        // given
        RecordingNotifier notifier = new RecordingNotifier().failNextPermanently(1);
        TicketTriage triage = open(builder().rules(NOTIFY_EVERY_TICKET).notifier(TARGET, notifier));
        Ticket ticket = triage.submit(NewTicket.of("Where is my parcel?"));
        triage.drainBacklog();
        List<DeadLetter> dead = triage.deadLetters(10);
        assertThat(dead).singleElement().satisfies(letter -> {
            assertThat(letter.notification().ticketId()).isEqualTo(ticket.id());
            assertThat(letter.lastError()).isEqualTo("scripted permanent failure");
            assertThat(letter.attempts()).isEqualTo(1);
        });

        // when
        boolean requeued = triage.requeueDeadLetter(dead.get(0).id(), "alice");
        triage.drainBacklog();

        // then
        assertThat(requeued).isTrue();
        assertThat(notifier.count()).isEqualTo(1);
        assertThat(triage.deadLetters(10)).isEmpty();
        assertThat(triage.auditTrail(ticket.id())).anySatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("alice");
            assertThat(entry.action()).isEqualTo("notification-requeued");
        });
        assertThat(triage.requeueDeadLetter(dead.get(0).id(), "alice")).as("no longer a dead letter").isFalse();
    }

    @Test
    void should_requeue_every_dead_letter_when_requeueing_all() {
        RecordingNotifier notifier = new RecordingNotifier().failNextPermanently(3);
        TicketTriage triage = open(builder().rules(NOTIFY_EVERY_TICKET).notifier(TARGET, notifier));
        for (int i = 0; i < 3; i++) triage.submit(NewTicket.of("Where is my parcel number " + i + "?"));
        triage.drainBacklog();
        assertThat(triage.deadLetters(10)).hasSize(3);
        List<DeadLetter> firstPage = triage.deadLetters(2);
        assertThat(triage.deadLettersAfter(firstPage.get(1), 10)).hasSize(1);

        assertThat(triage.requeueAllDeadLetters("bob")).isEqualTo(3);
        triage.drainBacklog();

        assertThat(notifier.count()).isEqualTo(3);
        assertThat(triage.deadLetters(10)).isEmpty();
    }

    // ---- §2: close() is bounded when a notifier hangs ----

    @Test
    void should_return_from_close_within_the_shutdown_timeout_and_keep_the_entry_pending_when_a_notifier_hangs() {
        // given: no background threads; close() flushes the outbox itself
        BlockingNotifier hung = new BlockingNotifier();
        queue(TARGET, "ticket-1/alert");
        Duration shutdownTimeout = Duration.ofMillis(300);
        TicketTriage triage = builder().notifier(TARGET, hung)
                .workers(WorkerConfig.ofDefaults().withWorkers(0).withShutdownTimeout(shutdownTimeout)).build();

        // when / then: generous bound, several times the configured timeout
        assertTimeoutPreemptively(shutdownTimeout.multipliedBy(20), triage::close);
        assertThat(hung.calls.get()).isEqualTo(1);
        assertThat(hung.delivered.get()).isZero();
        assertEntryClaimableAfterTheDeliveryLease();
    }

    @Test
    void should_return_from_close_within_the_shutdown_timeout_when_the_background_dispatcher_is_stuck_in_a_notifier() {
        BlockingNotifier hung = new BlockingNotifier();
        queue(TARGET, "ticket-1/alert");
        Duration shutdownTimeout = Duration.ofMillis(300);
        TicketTriage triage = builder().notifier(TARGET, hung)
                .workers(WorkerConfig.ofDefaults().withWorkers(1).withPollInterval(Duration.ofMillis(10)).withShutdownTimeout(shutdownTimeout))
                .build().start();
        await().atMost(Duration.ofSeconds(10)).until(() -> hung.started.getCount() == 0);

        // close() may wait for the workers and then for the flush: two timeouts, well inside the bound
        assertTimeoutPreemptively(shutdownTimeout.multipliedBy(20), triage::close);
        assertThat(hung.delivered.get()).isZero();
        assertEntryClaimableAfterTheDeliveryLease();
    }

    private void assertEntryClaimableAfterTheDeliveryLease() {
        assertThat(repository.pendingCount()).as("neither delivered nor dead").isEqualTo(1);
        assertThat(repository.deadLetters(10)).isEmpty();
        assertThat(repository.claimDue("next-instance", 10, Duration.ofMinutes(1))).as("still leased").isEmpty();
        clock.advance(DeliveryConfig.DEFAULT_LEASE_DURATION.plusSeconds(1));
        List<OutboxEntry> reclaimed = repository.claimDue("next-instance", 10, Duration.ofMinutes(1));
        assertThat(reclaimed).singleElement().satisfies(entry -> assertThat(entry.attempts()).isZero());
    }
}
