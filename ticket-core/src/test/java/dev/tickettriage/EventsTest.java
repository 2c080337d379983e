package dev.tickettriage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TriageListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventsTest {

    private static final Ticket TICKET = Ticket.builder().id(TicketId.generate(Instant.EPOCH)).createdAt(Instant.EPOCH)
            .body("Hello").build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<TicketEvent> received = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final ThreadFactory factory = runnable -> {
        Thread thread = new Thread(runnable, "test-events");
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    };
    private final List<Events> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(events -> events.close(Duration.ofSeconds(1)));
    }

    private Events events(int capacity, TriageListener... listeners) {
        Events events = new Events(List.of(listeners), capacity, factory, "unused");
        opened.add(events);
        return events;
    }

    private static void publishCreated(Events events) {
        events.publish(seq -> new TicketEvent.Created(seq, TICKET, Instant.EPOCH));
    }

    private static List<Long> sequences(List<TicketEvent> events) {
        return events.stream().map(TicketEvent::sequence).toList();
    }

    @Test
    void should_deliver_on_the_publishing_thread_when_not_started() {
        List<Thread> deliveredOn = new CopyOnWriteArrayList<>();
        Events events = events(4, event -> deliveredOn.add(Thread.currentThread()), received::add);

        publishCreated(events);
        publishCreated(events);

        assertThat(sequences(received)).containsExactly(1L, 2L);
        assertThat(deliveredOn).containsOnly(Thread.currentThread());
        assertThat(threads).isEmpty();
    }

    @Test
    void should_deliver_on_a_thread_of_the_given_factory_when_started() {
        List<Thread> deliveredOn = new CopyOnWriteArrayList<>();
        Events events = events(4, event -> deliveredOn.add(Thread.currentThread()));
        events.start();

        publishCreated(events);

        await().atMost(TIMEOUT).until(() -> deliveredOn.size() == 1);
        assertThat(threads).hasSize(1);
        assertThat(deliveredOn).containsExactly(threads.get(0));
    }

    @Test
    void should_not_block_the_publisher_and_drop_newest_with_a_gap_when_the_queue_is_full() throws Exception {
        // given: a listener blocked in its first event, and a queue of 3
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Events events = events(3, event -> {
            if (event.sequence() == 1) {
                entered.countDown();
                block(release);
            }
            received.add(event);
        });
        events.start();
        publishCreated(events);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        // when: 3 events fill the queue and 2 more overflow, then one after the listener caught up
        for (int i = 0; i < 5; i++) publishCreated(events);
        assertThat(events.dropped()).isEqualTo(2);
        release.countDown();
        await().atMost(TIMEOUT).until(() -> received.size() == 4);
        publishCreated(events);

        // then: 5 and 6 were dropped; the next event shows the gap
        await().atMost(TIMEOUT).until(() -> received.size() == 5);
        assertThat(sequences(received)).containsExactly(1L, 2L, 3L, 4L, 7L);
        assertThat(events.dropped()).isEqualTo(2);
    }

    @Test
    void should_receive_strictly_increasing_sequences_when_many_threads_publish() throws Exception {
        Events events = events(Events.DEFAULT_CAPACITY, received::add);
        events.start();
        int publishers = 4;
        int each = 2_000;
        List<Thread> running = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < each; i++) publishCreated(events);
            });
            thread.start();
            running.add(thread);
        }
        for (Thread thread : running) thread.join();

        await().atMost(TIMEOUT).until(() -> received.size() == publishers * each);
        List<Long> sequences = sequences(received);
        for (int i = 1; i < sequences.size(); i++) assertThat(sequences.get(i)).isGreaterThan(sequences.get(i - 1));
        assertThat(sequences.get(sequences.size() - 1)).isEqualTo((long) publishers * each);
        assertThat(events.dropped()).isZero();
    }

    @Test
    void should_keep_the_dispatcher_alive_and_serve_other_listeners_when_a_listener_throws_errors() {
        AtomicInteger calls = new AtomicInteger();
        Events events = events(16, event -> {
            int call = calls.incrementAndGet();
            if (call == 1) throw new StackOverflowError();
            if (call == 2) throw new AssertionError("listener assertion quoting ticket text");
            throw new IllegalStateException("listener bug");
        }, received::add);
        events.start();

        for (int i = 0; i < 3; i++) publishCreated(events);
        await().atMost(TIMEOUT).until(() -> received.size() == 3);
        publishCreated(events);

        await().atMost(TIMEOUT).until(() -> received.size() == 4);
        assertThat(events.listenerFailures()).isEqualTo(4);
        assertThat(threads).hasSize(1);
        assertThat(threads.get(0).isAlive()).isTrue();
    }

    @Test
    void should_not_throw_to_the_publisher_when_a_listener_throws_an_error_before_start() {
        Events events = events(4, event -> { throw new AssertionError("boom"); }, received::add);

        assertThatCode(() -> publishCreated(events)).doesNotThrowAnyException();
        assertThat(received).hasSize(1);
    }

    @Test
    void should_keep_delivering_when_a_listener_leaves_the_thread_interrupted() {
        Events events = events(16, event -> Thread.currentThread().interrupt(), received::add);
        events.start();

        publishCreated(events);
        await().atMost(TIMEOUT).until(() -> received.size() == 1);
        publishCreated(events);

        await().atMost(TIMEOUT).until(() -> received.size() == 2);
    }

    @Test
    void should_deliver_queued_events_when_closed() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Events events = events(16, event -> {
            if (event.sequence() == 1) {
                entered.countDown();
                block(release);
            }
            received.add(event);
        });
        events.start();
        for (int i = 0; i < 5; i++) publishCreated(events);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        Thread closer = new Thread(() -> events.close(TIMEOUT));
        closer.start();
        release.countDown();
        closer.join();

        assertThat(sequences(received)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events.dropped()).isZero();
        assertThat(threads.get(0).isAlive()).isFalse();
    }

    @Test
    void should_stop_and_count_undelivered_events_when_a_listener_outlives_the_shutdown_timeout() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Events events = events(16, event -> {
            entered.countDown();
            block(never); // returns when interrupted
            received.add(event);
        });
        events.start();
        for (int i = 0; i < 4; i++) publishCreated(events);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

        events.close(Duration.ofMillis(50));

        assertThat(events.dropped()).isEqualTo(3);
        threads.get(0).join(TIMEOUT.toMillis());
        assertThat(threads.get(0).isAlive()).isFalse();
        publishCreated(events);
        assertThat(events.dropped()).as("published after close").isEqualTo(4);
        assertThat(sequences(received)).containsExactly(1L);
    }

    @Test
    void should_start_no_thread_and_number_nothing_when_there_are_no_listeners() {
        Events events = events(4);
        events.start();

        publishCreated(events);

        assertThat(threads).isEmpty();
        assertThat(events.dropped()).isZero();
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
