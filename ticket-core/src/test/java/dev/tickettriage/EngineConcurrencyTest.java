package dev.tickettriage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.pipeline.RetryPolicy;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import dev.tickettriage.port.TicketQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The processing model: declared concurrency, claiming only what can start, per-call storing, heartbeat, wake-ups. */
class EngineConcurrencyTest {

    private static final RetryPolicy FAST_RETRY = new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 1, 0);

    private final InMemoryTicketRepository repository = InMemoryTicketRepository.create();
    private final List<TicketTriage> started = new ArrayList<>();
    private GateClassifier gate;

    @AfterEach
    void stop() {
        if (gate != null) gate.open();
        started.forEach(TicketTriage::close);
    }

    private TicketTriage start(Classifier classifier, WorkerConfig workers) {
        TicketTriage triage = TicketTriage.builder().repository(repository).classifier(classifier).workers(workers).build().start();
        started.add(triage);
        return triage;
    }

    private static WorkerConfig defaults() {
        return WorkerConfig.ofDefaults().withPollInterval(Duration.ofMillis(20));
    }

    private long count(ProcessingState state) {
        return repository.stats(TicketQuery.all()).count(state);
    }

    @Test
    void should_keep_the_declared_calls_in_flight_when_the_classifier_only_implements_classify() {
        gate = GateClassifier.remote(8, 1);
        TicketTriage triage = start(gate, defaults());
        for (int i = 0; i < 20; i++) triage.submit(NewTicket.of("Where is my parcel " + i));

        await().atMost(Duration.ofSeconds(5)).until(() -> gate.current.get() == 8);
        gate.open();

        assertThat(triage.awaitIdle(Duration.ofSeconds(5))).isTrue();
        assertThat(gate.peak.get()).isEqualTo(8);
        assertThat(count(ProcessingState.PROCESSED)).isEqualTo(20);
    }

    @Test
    void should_claim_only_what_the_free_calls_can_start_when_the_classifier_is_slow() {
        gate = GateClassifier.remote(2, 1);
        TicketTriage triage = start(gate, defaults().withWorkers(4));
        for (int i = 0; i < 50; i++) triage.submit(NewTicket.of("Where is my parcel " + i));

        await().atMost(Duration.ofSeconds(5)).until(() -> gate.current.get() == 2);

        assertThat(count(ProcessingState.PROCESSING)).isEqualTo(2);
        assertThat(count(ProcessingState.NEW)).isEqualTo(48);
    }

    @Test
    void should_store_each_answer_when_it_arrives_not_after_the_whole_batch() {
        gate = GateClassifier.remote(4, 1);
        TicketTriage triage = start(gate, defaults().withLimits(0, 0));
        Ticket slow = triage.submit(NewTicket.of("Where is my parcel"));
        Ticket fast = triage.submit(NewTicket.of("pass: quick question"));

        await().atMost(Duration.ofSeconds(5)).until(() -> repository.findById(fast.id()).orElseThrow().processingState() == ProcessingState.PROCESSED);

        assertThat(repository.findById(slow.id()).orElseThrow().processingState()).isEqualTo(ProcessingState.PROCESSING);
    }

    @Test
    void should_process_every_ticket_once_when_calls_outlast_the_lease() {
        // the reproduction: 1 s lease and 2.4 s calls made 150 calls and stored nothing; here 0.6 s lease, 1.5 s calls
        AtomicInteger calls = new AtomicInteger();
        Classifier slow = new Classifier() {
            @Override
            public Classification classify(Ticket ticket, Taxonomy taxonomy) {
                calls.incrementAndGet();
                try {
                    Thread.sleep(1_500);   // the remote call's latency, not a wait in the test
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return GateClassifier.billing();
            }

            @Override
            public Set<ClassificationField> capabilities() {
                return Set.of(ClassificationField.CATEGORY);
            }

            @Override
            public ClassifierLimits limits() {
                return ClassifierLimits.remote(10, 1);
            }
        };
        TicketTriage triage = start(slow, defaults().withLeaseDuration(Duration.ofMillis(600)));
        for (int i = 0; i < 10; i++) triage.submit(NewTicket.of("Where is my parcel " + i));

        assertThat(triage.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(count(ProcessingState.PROCESSED)).isEqualTo(10);
        assertThat(calls.get()).isEqualTo(10);
    }

    @Test
    void should_wake_a_worker_when_a_retry_falls_due_instead_of_waiting_for_the_poll() {
        AtomicInteger calls = new AtomicInteger();
        Classifier flaky = new Classifier() {
            @Override
            public Classification classify(Ticket ticket, Taxonomy taxonomy) {
                if (calls.getAndIncrement() == 0) throw ClassificationException.retryable("busy", Optional.empty());
                return GateClassifier.billing();
            }

            @Override
            public Set<ClassificationField> capabilities() {
                return Set.of(ClassificationField.CATEGORY);
            }
        };
        RetryPolicy retryAfter50ms = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(50), 1, 0);
        TicketTriage triage = start(flaky, WorkerConfig.ofDefaults().withPollInterval(Duration.ofMinutes(10)).withRetry(retryAfter50ms));

        Ticket ticket = triage.submit(NewTicket.of("Where is my parcel"));

        await().atMost(Duration.ofSeconds(5)).until(() -> repository.findById(ticket.id()).orElseThrow().processingState() == ProcessingState.PROCESSED);
        assertThat(repository.findById(ticket.id()).orElseThrow().processing().attempts()).isEqualTo(1);
    }

    @Test
    void should_keep_the_result_and_the_agents_change_when_the_status_changes_during_classification() {
        gate = GateClassifier.remote(1, 1);
        TicketTriage triage = start(gate, defaults());
        Ticket ticket = triage.submit(NewTicket.of("Where is my parcel"));
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.current.get() == 1);

        triage.changeStatus(ticket.id(), SupportStatus.IN_PROGRESS, "agent:ana");
        gate.open();

        await().atMost(Duration.ofSeconds(5)).until(() -> repository.findById(ticket.id()).orElseThrow().processingState() == ProcessingState.PROCESSED);
        Ticket stored = repository.findById(ticket.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(SupportStatus.IN_PROGRESS);
        assertThat(stored.classification()).contains(GateClassifier.billing());
        assertThat(gate.calls.get()).isEqualTo(1);
    }

    @Test
    void should_match_batch_answers_by_id_and_fail_only_tickets_with_a_missing_or_duplicated_answer() {
        Classification complaint = GateClassifier.billing().toBuilder().category(Category.of("complaint")).build();
        AtomicInteger calls = new AtomicInteger();
        Classifier scrambled = new Classifier() {
            @Override
            public Classification classify(Ticket ticket, Taxonomy taxonomy) {
                return GateClassifier.billing();
            }

            @Override
            public List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
                if (calls.getAndIncrement() > 0) return Classifier.super.classifyAll(tickets, taxonomy);
                // first call: [a, b, c] -> a answered, b missing, c answered twice, plus an answer for a ticket not asked
                TicketId stranger = TicketId.generate(java.time.Instant.now());
                return List.of(ClassificationResult.success(tickets.get(0).id(), GateClassifier.billing()),
                        ClassificationResult.success(tickets.get(2).id(), complaint),
                        ClassificationResult.success(tickets.get(2).id(), GateClassifier.billing()),
                        ClassificationResult.success(stranger, complaint));
            }

            @Override
            public Set<ClassificationField> capabilities() {
                return Set.of(ClassificationField.CATEGORY);
            }

            @Override
            public ClassifierLimits limits() {
                return ClassifierLimits.remote(1, 3);
            }

            @Override
            public String name() {
                return "scrambled";
            }
        };
        TicketTriage triage = TicketTriage.builder().repository(repository).classifier(scrambled)
                .workers(WorkerConfig.ofDefaults().withWorkers(0).withRetry(FAST_RETRY)).build();
        started.add(triage);
        Ticket a = triage.submit(NewTicket.of("first"));
        Ticket b = triage.submit(NewTicket.of("second"));
        Ticket c = triage.submit(NewTicket.of("third"));

        triage.drainBacklog();

        assertThat(repository.findById(a.id()).orElseThrow().processing().attempts()).isZero();
        for (Ticket failedOnce : List.of(b, c)) {
            Ticket stored = repository.findById(failedOnce.id()).orElseThrow();
            assertThat(stored.processingState()).isEqualTo(ProcessingState.PROCESSED);
            assertThat(stored.processing().attempts()).isEqualTo(1);
            assertThat(stored.classification()).contains(GateClassifier.billing());
            assertThat(triage.auditTrail(stored.id())).anySatisfy(entry -> {
                assertThat(entry.action()).isEqualTo("retry-scheduled");
                assertThat(entry.detail()).contains("scrambled");
            });
        }
        assertThat(repository.findById(a.id()).orElseThrow().classification()).contains(GateClassifier.billing());
    }
}
