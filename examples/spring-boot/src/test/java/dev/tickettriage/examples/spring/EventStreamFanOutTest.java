package dev.tickettriage.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.port.TicketEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The fan-out off the pipeline's event thread: a subscriber whose connection takes no writes (its {@code send}
 * blocks) neither delays the event thread nor another subscriber, and is dropped with a resync once its queue is full.
 */
class EventStreamFanOutTest {

    static final int CAPACITY = 16;
    private static final Pattern ID = Pattern.compile("(?m)^id:(\\d+)$");

    /** What one emitter was asked to send, each message as its SSE text. */
    static class RecordingEmitter extends SseEmitter {
        final List<String> sent = new CopyOnWriteArrayList<>();
        final CountDownLatch writable;
        volatile boolean completed;

        RecordingEmitter(CountDownLatch writable) {
            super(0L);
            this.writable = writable;
        }

        @Override
        public void send(SseEventBuilder builder) throws IOException {
            try {
                if (!writable.await(30, TimeUnit.SECONDS)) throw new IOException("write timed out");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            sent.add(builder.build().stream().map(part -> String.valueOf(part.getData())).collect(Collectors.joining()));
        }

        @Override
        public void complete() {
            completed = true;
        }

        List<Long> ids() {
            return sent.stream().map(ID::matcher).filter(Matcher::find).map(m -> Long.parseLong(m.group(1))).toList();
        }
    }

    private static long processed(TicketTriage triage) {
        return triage.stats().byProcessingState().getOrDefault(ProcessingState.PROCESSED, 0L);
    }

    @Test
    void should_keep_feeding_a_fast_subscriber_while_a_stalled_one_is_dropped_with_a_resync() throws Exception {
        // given
        EventStream stream = new EventStream(new ObjectMapper().findAndRegisterModules(), CAPACITY);
        List<Long> published = new CopyOnWriteArrayList<>();
        CountDownLatch stalledWritable = new CountDownLatch(1);
        RecordingEmitter stalled = new RecordingEmitter(stalledWritable);
        RecordingEmitter fast = new RecordingEmitter(new CountDownLatch(0));
        stream.register(stalled, null);
        stream.register(fast, null);
        try (TicketTriage triage = TicketTriage.builder().listener(stream)
                .listener((TicketEvent event) -> published.add(event.sequence())).build().start()) {

            // when: far more events than one queue holds, at a pace the fast subscriber keeps up with (a burst larger
            // than the queue would drop a healthy subscriber too: that is the queue's bound, not what is tested here)
            for (int i = 0; i < 2 * CAPACITY; i++) {
                triage.submit(NewTicket.of("The app crashes every time I open settings, number " + i));
                await().atMost(Duration.ofSeconds(20)).until(() -> fast.ids().equals(published));
            }

            // then: the fast subscriber gets every event, in order, while the stalled one still takes no writes
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(processed(triage)).isEqualTo(2 * CAPACITY);
                assertThat(fast.ids()).isEqualTo(published);
            });
            assertThat(fast.ids()).isSorted().doesNotHaveDuplicates().hasSizeGreaterThan(2 * CAPACITY);
            assertThat(fast.sent).noneMatch(message -> message.contains("resync"));
            assertThat(stream.subscriberCount()).as("the stalled subscriber is out of the fan-out").isEqualTo(1);
            assertThat(stalled.sent).isEmpty();
        }

        // and once its connection takes writes again it gets the resync and the end of the stream, nothing else
        stalledWritable.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> stalled.completed);
        assertThat(stalled.sent).hasSize(2);
        assertThat(stalled.sent.get(0)).startsWith(":ticket events");
        assertThat(stalled.sent.get(1)).contains("event:resync").contains("fell " + CAPACITY + " events behind");
        assertThat(fast.completed).isFalse();
        stream.closeAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> fast.completed);
    }

    @Test
    void should_replay_before_live_events_even_when_the_replay_is_longer_than_the_queue() {
        EventStream stream = new EventStream(new ObjectMapper().findAndRegisterModules(), CAPACITY);
        List<Long> published = new CopyOnWriteArrayList<>();
        try (TicketTriage triage = TicketTriage.builder().listener(stream)
                .listener((TicketEvent event) -> published.add(event.sequence())).build().start()) {
            for (int i = 0; i < 3 * CAPACITY; i++) triage.submit(NewTicket.of("Where is my refund? order " + i));
            await().atMost(Duration.ofSeconds(20)).until(() -> processed(triage) == 3 * CAPACITY && published.size() >= 6 * CAPACITY);
            RecordingEmitter late = new RecordingEmitter(new CountDownLatch(0));

            stream.register(late, "0");
            triage.submit(NewTicket.of("One more ticket after the replay"));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(processed(triage)).isEqualTo(3 * CAPACITY + 1);
                assertThat(late.ids()).isEqualTo(published);
            });
            List<Long> ids = late.ids();
            assertThat(ids.get(0)).isEqualTo(1L);
            assertThat(ids).isSorted().doesNotHaveDuplicates();
            assertThat(late.sent).noneMatch(message -> message.contains("resync"));
            assertThat(stream.subscriberCount()).isEqualTo(1);
        }
    }
}
