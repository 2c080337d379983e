package dev.tickettriage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.port.TriageListener;
import dev.tickettriage.testkit.ScriptedClassifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listeners run off the worker threads, in sequence order, and nothing they throw reaches the pipeline. */
class EventDeliveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final InMemoryTicketRepository repository = InMemoryTicketRepository.create();
    private final List<TicketEvent> received = new CopyOnWriteArrayList<>();
    private TicketTriage triage;

    @AfterEach
    void close() {
        if (triage != null) triage.close();
    }

    private TicketTriage.Builder builder(int workers) {
        return TicketTriage.builder().repository(repository).classifier(ScriptedClassifier.builder().build())
                .workers(WorkerConfig.ofDefaults().withWorkers(workers).withPollInterval(Duration.ofMillis(10)));
    }

    private long classified() {
        return received.stream().filter(event -> event instanceof TicketEvent.Classified).count();
    }

    @Test
    void should_process_every_ticket_when_a_listener_is_blocked() {
        // given: a listener stuck in the first Classified event
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        triage = builder(2).listener(event -> {
            if (event instanceof TicketEvent.Classified && stuck.getCount() > 0) {
                stuck.countDown();
                block(release);
            }
            received.add(event);
        }).build().start();

        // when
        for (int i = 0; i < 1_000; i++) triage.submit(NewTicket.of("Question about invoice " + i));

        // then: processing finished while the listener was still stuck; it catches up afterwards
        assertThat(triage.awaitIdle(TIMEOUT)).isTrue();
        assertThat(triage.stats(TicketQuery.all()).count(ProcessingState.PROCESSED)).isEqualTo(1_000);
        assertThat(release.getCount()).isEqualTo(1);
        assertThat(classified()).isZero();
        release.countDown();
        await().atMost(TIMEOUT).until(() -> classified() == 1_000);
        assertThat(triage.droppedEvents()).isZero();
    }

    @Test
    void should_return_the_stored_ticket_when_a_listener_throws_an_error_on_created() {
        triage = builder(0).listener(event -> {
            if (event instanceof TicketEvent.Created) throw new AssertionError("listener assertion");
        }).listener(received::add).build();

        Ticket ticket = triage.submit(NewTicket.of("Hello"));
        triage.drainBacklog();

        assertThat(repository.findById(ticket.id())).isPresent();
        assertThat(received).extracting(TicketEvent::type).containsExactly("created", "classified");
    }

    @Test
    void should_return_the_stored_ticket_when_a_listener_overflows_the_stack_on_created_after_start() {
        triage = builder(0).listener(event -> { throw new StackOverflowError(); }).listener(received::add).build().start();

        Ticket ticket = triage.submit(NewTicket.of("Hello"));

        assertThat(repository.findById(ticket.id())).isPresent();
        await().atMost(TIMEOUT).until(() -> received.size() == 1);
    }

    @Test
    void should_keep_workers_alive_when_a_listener_throws_errors_on_classified_events() {
        triage = builder(2).listener(event -> {
            if (event instanceof TicketEvent.Classified) throw new StackOverflowError();
        }).listener(received::add).build().start();

        for (int i = 0; i < 50; i++) triage.submit(NewTicket.of("Question " + i));

        assertThat(triage.awaitIdle(TIMEOUT)).isTrue();
        assertThat(triage.stats(TicketQuery.all()).count(ProcessingState.PROCESSED)).isEqualTo(50);
        await().atMost(TIMEOUT).until(() -> classified() == 50);
    }

    @Test
    void should_receive_every_sequence_number_in_order_when_submitters_and_workers_publish_at_once() throws Exception {
        triage = builder(2).listener(received::add).build().start();
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 250; i++) triage.submit(NewTicket.of("Question " + i));
            });
            thread.start();
            submitters.add(thread);
        }
        for (Thread thread : submitters) thread.join();
        assertThat(triage.awaitIdle(TIMEOUT)).isTrue();

        triage.close();   // delivers what is queued

        List<Long> sequences = received.stream().map(TicketEvent::sequence).toList();
        assertThat(sequences).hasSize(2_000);
        for (int i = 0; i < sequences.size(); i++) assertThat(sequences.get(i)).isEqualTo(i + 1L);
        assertThat(triage.droppedEvents()).isZero();
    }

    @Test
    void should_deliver_on_a_thread_of_the_host_factory_and_create_none_before_start() {
        List<Thread> created = new CopyOnWriteArrayList<>();
        ThreadFactory host = runnable -> {
            Thread thread = new Thread(runnable, "host-" + created.size());
            thread.setDaemon(true);
            created.add(thread);
            return thread;
        };
        Set<Thread> deliveredOn = java.util.concurrent.ConcurrentHashMap.newKeySet();
        TriageListener listener = event -> deliveredOn.add(Thread.currentThread());
        triage = TicketTriage.builder().repository(repository).classifier(ScriptedClassifier.builder().build())
                .workers(WorkerConfig.ofDefaults().withWorkers(1).withThreadFactory(host)).listener(listener).build();
        assertThat(created).isEmpty();

        triage.start();
        triage.submit(NewTicket.of("Hello"));

        await().atMost(TIMEOUT).until(() -> !deliveredOn.isEmpty());
        assertThat(created).containsAll(deliveredOn);
        assertThat(deliveredOn).doesNotContain(Thread.currentThread());
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
