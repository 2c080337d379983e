package dev.tickettriage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.RateLimitedException;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.testkit.MutableClock;
import dev.tickettriage.testkit.TicketFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitPauseTest {

    private final MutableClock clock = MutableClock.start();
    private final InMemoryTicketRepository repository = InMemoryTicketRepository.builder().clock(clock).build();
    private TicketTriage triage;

    @AfterEach
    void close() {
        if (triage != null) triage.close();
    }

    /** Throttles its first call until {@code limitFor} from now; records the clock at every call. */
    private static final class ThrottlingClassifier implements Classifier {
        final List<Instant> callTimes = new CopyOnWriteArrayList<>();
        private final AtomicBoolean throttled = new AtomicBoolean();
        private final MutableClock clock;
        private final Duration limitFor;

        ThrottlingClassifier(MutableClock clock, Duration limitFor) {
            this.clock = clock;
            this.limitFor = limitFor;
        }

        @Override
        public Classification classify(Ticket ticket, Taxonomy taxonomy) {
            callTimes.add(clock.instant());
            if (throttled.compareAndSet(false, true)) {
                throw new RateLimitedException("HTTP 429", clock.instant().plus(limitFor), clock.instant());
            }
            return TicketFixtures.aClassification().category(Category.of("billing")).build();
        }

        @Override
        public Set<ClassificationField> capabilities() {
            return Set.of(ClassificationField.CATEGORY);
        }
    }

    private TicketTriage start(Classifier classifier) {
        triage = TicketTriage.builder().repository(repository).classifier(classifier).clock(clock)
                .workers(WorkerConfig.ofDefaults().withPollInterval(Duration.ofMillis(10))
                        .withRetry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1, 0)))
                .build().start();
        return triage;
    }

    @Test
    void should_pause_calls_until_the_limit_ends_without_spending_an_attempt_when_throttled_for_two_hours() {
        ThrottlingClassifier classifier = new ThrottlingClassifier(clock, Duration.ofHours(2));
        start(classifier);
        Instant until = clock.instant().plus(Duration.ofHours(2));

        Ticket first = triage.submit(NewTicket.of("Where is my parcel"));
        await().atMost(Duration.ofSeconds(5)).until(() -> repository.findById(first.id()).orElseThrow().processing().retryAt().isPresent());
        Ticket throttled = repository.findById(first.id()).orElseThrow();
        assertThat(throttled.processingState()).isEqualTo(ProcessingState.NEW);
        assertThat(throttled.processing().attempts()).isZero();
        assertThat(throttled.processing().retryAt()).contains(until);   // longer than RetryPolicy's 20-minute Retry-After cap

        Ticket second = triage.submit(NewTicket.of("Another question"));
        await().during(Duration.ofMillis(150)).atMost(Duration.ofSeconds(2))
                .until(() -> repository.findById(second.id()).orElseThrow().processingState() == ProcessingState.NEW);
        clock.set(until.plusMillis(1));

        assertThat(triage.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(repository.findById(first.id()).orElseThrow().processing().lastFailure()).isEmpty();
        assertThat(repository.findById(first.id()).orElseThrow().processingState()).isEqualTo(ProcessingState.PROCESSED);
        assertThat(repository.findById(first.id()).orElseThrow().processing().attempts()).isZero();
        assertThat(repository.findById(second.id()).orElseThrow().processingState()).isEqualTo(ProcessingState.PROCESSED);
        assertThat(classifier.callTimes.subList(1, classifier.callTimes.size())).allSatisfy(at -> assertThat(at).isAfter(until));
    }

    @Test
    void should_clamp_a_rate_limit_longer_than_a_day_to_24_hours() {
        start(new ThrottlingClassifier(clock, Duration.ofDays(3)));

        Ticket ticket = triage.submit(NewTicket.of("Where is my parcel"));

        await().atMost(Duration.ofSeconds(5)).until(() -> repository.findById(ticket.id()).orElseThrow().processing().retryAt().isPresent());
        assertThat(repository.findById(ticket.id()).orElseThrow().processing().retryAt())
                .contains(clock.instant().plus(WorkerConfig.MAX_RATE_LIMIT_WAIT));
    }
}
