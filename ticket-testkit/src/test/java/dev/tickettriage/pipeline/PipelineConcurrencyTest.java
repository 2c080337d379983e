package dev.tickettriage.pipeline;

import dev.tickettriage.pipeline.IntakeConfig;
import dev.tickettriage.pipeline.WorkerConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.testkit.RecordingNotifier;
import dev.tickettriage.testkit.ScriptedClassifier;
import dev.tickettriage.testkit.TicketFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PipelineConcurrencyTest {

    private static final int TICKETS = 100_000;
    private static final int SUBMITTERS = 8;

    @Test
    void should_finish_every_ticket_exactly_once_without_duplicate_notifications_when_classifier_fails_often() throws Exception {
        // given: 20 % of classifier calls fail transiently; "angry" tickets are NEGATIVE and trigger the default alert
        ScriptedClassifier classifier = ScriptedClassifier.builder()
                .when("angry", TicketFixtures.aClassification().category(Category.of("complaint"))
                        .sentiment(Sentiment.VERY_NEGATIVE).sentimentScore(-0.8).priority(Priority.HIGH).build())
                .otherwise(TicketFixtures.aClassification().category(Category.of("billing")).sentiment(Sentiment.NEUTRAL)
                        .sentimentScore(0).priority(Priority.LOW).build())
                .failRate(0.2, 42L).withoutCallRecording().build();
        RecordingNotifier notifier = new RecordingNotifier();
        Map<TicketId, AtomicInteger> finalEvents = new ConcurrentHashMap<>();
        InMemoryTicketRepository repository = InMemoryTicketRepository.create();
        List<TicketId> submitted;
        try (TicketTriage triage = TicketTriage.builder().repository(repository).classifier(classifier).defaultNotifier(notifier)
                .workers(WorkerConfig.ofDefaults().withWorkers(4).withLimits(0, 64).withRetry(new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 1, 0))
                        .withPollInterval(Duration.ofMillis(10)))
                .intake(IntakeConfig.ofDefaults().withBacklog(5_000, Duration.ofMinutes(2)))
                .listener(event -> {
                    boolean terminal = event instanceof TicketEvent.Classified
                            || (event instanceof TicketEvent.Failed && !((TicketEvent.Failed) event).willRetry());
                    if (terminal) finalEvents.computeIfAbsent(event.ticketId(), id -> new AtomicInteger()).incrementAndGet();
                })
                .build().start()) {

            // when: 8 threads submit 100,000 tickets at once
            submitted = submitConcurrently(triage);
            assertThat(triage.awaitIdle(Duration.ofMinutes(3))).isTrue();
        }

        // then: none lost, each finished exactly once, one notification per angry processed ticket
        assertThat(submitted).hasSize(TICKETS).doesNotHaveDuplicates();
        assertThat(repository.size()).isEqualTo(TICKETS);
        List<Ticket> all = submitted.stream().map(id -> repository.findById(id).orElseThrow()).collect(Collectors.toList());
        assertThat(all).allSatisfy(ticket -> assertThat(ticket.processingState()).isIn(ProcessingState.PROCESSED, ProcessingState.FAILED));
        assertThat(finalEvents).hasSize(TICKETS);
        assertThat(finalEvents.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        long failed = all.stream().filter(ticket -> ticket.processingState() == ProcessingState.FAILED).count();
        assertThat(failed).as("0.2^3 of tickets fail three times in a row").isBetween(400L, 1_300L);
        long angryProcessed = all.stream().filter(ticket -> ticket.processingState() == ProcessingState.PROCESSED)
                .filter(ticket -> ticket.body().contains("angry")).count();
        assertThat(notifier.duplicateKeys()).isEmpty();
        assertThat(notifier.notifications()).hasSize((int) angryProcessed);
        Set<TicketId> notified = notifier.notifications().stream().map(Notification::ticketId).collect(Collectors.toSet());
        assertThat(notified).hasSize((int) angryProcessed);
    }

    private static List<TicketId> submitConcurrently(TicketTriage triage) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS);
        try {
            List<Future<List<TicketId>>> futures = new ArrayList<>();
            for (int thread = 0; thread < SUBMITTERS; thread++) {
                int offset = thread;
                futures.add(pool.submit(() -> {
                    List<TicketId> ids = new ArrayList<>();
                    for (int i = offset; i < TICKETS; i += SUBMITTERS) {
                        String body = i % 10 == 0 ? "I am angry, ticket " + i : "Question about invoice " + i;
                        ids.add(triage.submit(NewTicket.of(body)).id());
                    }
                    return ids;
                }));
            }
            List<TicketId> all = new ArrayList<>();
            for (Future<List<TicketId>> future : futures) all.addAll(future.get());
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_store_one_ticket_when_eight_threads_submit_the_same_idempotency_key() throws Exception {
        InMemoryTicketRepository repository = InMemoryTicketRepository.create();
        try (TicketTriage triage = TicketTriage.builder().repository(repository).workers(WorkerConfig.ofDefaults().withWorkers(0)).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS);
            try {
                List<Future<TicketId>> futures = new ArrayList<>();
                for (int i = 0; i < SUBMITTERS * 4; i++) {
                    futures.add(pool.submit(() -> triage.submit(NewTicket.builder().body("Refund please")
                            .idempotencyKey("webform-7781").build()).id()));
                }
                Set<TicketId> ids = ConcurrentHashMap.newKeySet();
                for (Future<TicketId> future : futures) ids.add(future.get());

                assertThat(ids).hasSize(1);
                assertThat(repository.size()).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
