package dev.tickettriage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.pipeline.IntakeConfig;
import dev.tickettriage.pipeline.RetryPolicy;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.rules.Actions;
import dev.tickettriage.rules.Conditions;
import dev.tickettriage.rules.RoutingRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Host code that throws anything never stops a loop; close() is bounded; the facade's errors are typed. */
class EngineFailureTest {

    private static final RetryPolicy FAST_RETRY = new RetryPolicy(2, Duration.ZERO, Duration.ZERO, 1, 0);

    private final InMemoryTicketRepository repository = InMemoryTicketRepository.create();
    private final List<TicketTriage> opened = new ArrayList<>();
    private GateClassifier gate;

    @AfterEach
    void stop() {
        if (gate != null) gate.open();
        opened.forEach(TicketTriage::close);
    }

    private TicketTriage.Builder builder(Classifier classifier) {
        return TicketTriage.builder().repository(repository).classifier(classifier);
    }

    private TicketTriage started(TicketTriage.Builder builder) {
        TicketTriage triage = builder.build().start();
        opened.add(triage);
        return triage;
    }

    private static WorkerConfig workers() {
        return WorkerConfig.ofDefaults().withPollInterval(Duration.ofMillis(20)).withRetry(FAST_RETRY);
    }

    private Ticket stored(Ticket ticket) {
        return repository.findById(ticket.id()).orElseThrow();
    }

    /** Answers billing, or throws what {@code thrower} gives for the ticket (null: answer). */
    private static Classifier throwing(Function<Ticket, Throwable> thrower) {
        return new Classifier() {
            @Override
            public Classification classify(Ticket ticket, Taxonomy taxonomy) {
                Throwable thrown = thrower.apply(ticket);
                if (thrown instanceof Error) throw (Error) thrown;
                if (thrown instanceof RuntimeException) throw (RuntimeException) thrown;
                return GateClassifier.billing();
            }

            @Override
            public Set<ClassificationField> capabilities() {
                return Set.of(ClassificationField.CATEGORY);
            }

            @Override
            public String name() {
                return "throwing";
            }
        };
    }

    @Test
    void should_fail_only_the_ticket_and_keep_workers_alive_when_the_classifier_throws_errors() {
        Classifier classifier = throwing(ticket -> ticket.body().contains("assert") ? new AssertionError("boom")
                : ticket.body().contains("deep") ? new StackOverflowError() : null);
        TicketTriage triage = started(builder(classifier).workers(workers()));

        Ticket assertion = triage.submit(NewTicket.of("assert me"));
        Ticket deep = triage.submit(NewTicket.of("deep recursion"));
        Ticket batchmate = triage.submit(NewTicket.of("Where is my parcel"));
        assertThat(triage.awaitIdle(Duration.ofSeconds(5))).isTrue();
        Ticket later = triage.submit(NewTicket.of("A later ticket"));
        assertThat(triage.awaitIdle(Duration.ofSeconds(5))).isTrue();

        assertThat(stored(assertion).processingState()).isEqualTo(ProcessingState.FAILED);
        assertThat(stored(assertion).processing().lastFailure()).hasValueSatisfying(reason ->
                assertThat(reason).contains("AssertionError").doesNotContain("boom"));
        assertThat(stored(assertion).processing().attempts()).isEqualTo(FAST_RETRY.maxAttempts());
        assertThat(stored(deep).processing().lastFailure()).hasValueSatisfying(reason -> assertThat(reason).contains("StackOverflowError"));
        assertThat(stored(batchmate).processingState()).isEqualTo(ProcessingState.PROCESSED);
        assertThat(stored(batchmate).processing().attempts()).isZero();
        assertThat(stored(later).processingState()).isEqualTo(ProcessingState.PROCESSED);
    }

    @Test
    void should_fail_only_the_ticket_when_a_host_regex_rule_overflows_the_stack() {
        RoutingRules rules = RoutingRules.builder().rule("order-missing").when(Conditions.matchesRegex("order (#|\\d|\\s)+ missing"))
                .then(Actions.addTag("order")).build();
        TicketTriage triage = started(builder(throwing(ticket -> null)).rules(rules).workers(workers()));

        Ticket overflowing = triage.submit(NewTicket.of("order " + "1 ".repeat(9000)));
        Ticket batchmate = triage.submit(NewTicket.of("order #12 missing"));
        assertThat(triage.awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(stored(overflowing).processingState()).isEqualTo(ProcessingState.FAILED);
        assertThat(stored(overflowing).processing().lastFailure()).hasValueSatisfying(reason ->
                assertThat(reason).contains("Routing rules threw java.lang.StackOverflowError"));
        assertThat(stored(batchmate).processingState()).isEqualTo(ProcessingState.PROCESSED);
        assertThat(stored(batchmate).tags()).contains("order");
        assertThat(repository.stats(TicketQuery.all()).count(ProcessingState.PROCESSING)).isZero();
    }

    @Test
    void should_fail_only_the_ticket_when_a_condition_or_an_assignment_strategy_throws() {
        RoutingRules rules = RoutingRules.builder()
                .rule("bad-condition").when(context -> {
                    if (context.ticket().body().contains("condition")) throw new IllegalStateException("host bug");
                    return false;
                }).then(Actions.addTag("never"))
                .rule("bad-assignment").when(context -> context.ticket().body().contains("assign"))
                .then(Actions.assign(candidate -> { throw new IllegalArgumentException("no agent"); }))
                .build();
        TicketTriage triage = started(builder(throwing(ticket -> null)).rules(rules).workers(workers()));

        Ticket badCondition = triage.submit(NewTicket.of("trips the condition"));
        Ticket badAssignment = triage.submit(NewTicket.of("please assign me"));
        Ticket batchmate = triage.submit(NewTicket.of("Where is my parcel"));
        assertThat(triage.awaitIdle(Duration.ofSeconds(5))).isTrue();

        assertThat(stored(badCondition).processing().lastFailure()).hasValueSatisfying(reason ->
                assertThat(reason).contains("IllegalStateException").doesNotContain("host bug"));
        assertThat(stored(badAssignment).processingState()).isEqualTo(ProcessingState.FAILED);
        assertThat(stored(badAssignment).processing().attempts()).isEqualTo(FAST_RETRY.maxAttempts());
        assertThat(stored(batchmate).processingState()).isEqualTo(ProcessingState.PROCESSED);
    }

    @Test
    void should_throw_a_typed_classification_error_when_on_demand_classification_misbehaves() {
        Classifier answersNull = new Classifier() {
            @Override
            @SuppressWarnings("NullAway")   // misbehaving on purpose
            public Classification classify(Ticket ticket, Taxonomy taxonomy) {
                return null;
            }

            @Override
            public Set<ClassificationField> capabilities() {
                return Set.of();
            }
        };
        TicketTriage nullAnswer = builder(answersNull).workers(WorkerConfig.ofDefaults().withWorkers(0)).build();
        opened.add(nullAnswer);
        Ticket ticket = nullAnswer.submit(NewTicket.of("Hello"));
        assertThatThrownBy(() -> nullAnswer.process(ticket.id())).isInstanceOf(ClassificationException.class);

        TicketTriage buggy = builder(throwing(t -> new IllegalStateException("bug"))).workers(WorkerConfig.ofDefaults().withWorkers(0)).build();
        opened.add(buggy);
        assertThatThrownBy(() -> buggy.process(ticket.id())).isInstanceOf(ClassificationException.class)
                .hasMessageContaining("IllegalStateException").hasMessageNotContaining("bug");
        assertThat(stored(ticket).processingState()).isEqualTo(ProcessingState.NEW);
    }

    @Test
    void should_return_the_stored_ticket_when_a_listener_fails_on_created() {
        TicketTriage triage = builder(throwing(ticket -> null)).workers(WorkerConfig.ofDefaults().withWorkers(0))
                .listener(event -> {
                    if (event instanceof TicketEvent.Created) throw new AssertionError("listener bug");
                }).build();
        opened.add(triage);

        Ticket ticket = triage.submit(NewTicket.of("Hello"));

        assertThat(repository.findById(ticket.id())).isPresent();
    }

    @Test
    void should_release_unfinished_tickets_and_return_when_closing_with_a_classifier_ignoring_interrupts() {
        gate = new GateClassifier(ClassifierLimits.remote(2, 1), true);
        TicketTriage triage = builder(gate).workers(workers().withShutdownTimeout(Duration.ofMillis(100))).build().start();
        for (int i = 0; i < 6; i++) triage.submit(NewTicket.of("Where is my parcel " + i));
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.current.get() == 2);

        triage.close();

        assertThat(repository.stats(TicketQuery.all()).count(ProcessingState.PROCESSING)).isZero();
        assertThat(repository.stats(TicketQuery.all()).count(ProcessingState.NEW)).isEqualTo(6);
        assertThat(repository.query(TicketQuery.all()).items()).allSatisfy(ticket -> assertThat(ticket.processing().attempts()).isZero());
    }

    @Test
    void should_finish_only_the_call_in_hand_when_closed() {
        gate = GateClassifier.remote(1, 1);
        TicketTriage triage = builder(gate).workers(workers()).build().start();
        for (int i = 0; i < 5; i++) triage.submit(NewTicket.of("Where is my parcel " + i));
        await().atMost(Duration.ofSeconds(5)).until(() -> gate.current.get() == 1);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(triage::close);
        // open the gate only once close() has begun, so no claim thread can start a second call in between
        await().atMost(Duration.ofSeconds(5)).until(() -> triage.toString().contains("closed=true"));
        gate.open();
        closing.join();

        assertThat(gate.calls.get()).isEqualTo(1);
        assertThat(repository.stats(TicketQuery.all()).count(ProcessingState.PROCESSED)).isEqualTo(1);
        assertThat(repository.stats(TicketQuery.all()).count(ProcessingState.NEW)).isEqualTo(4);
    }

    @Test
    void should_fail_a_submit_waiting_for_backlog_room_when_the_pipeline_closes() throws Exception {
        TicketTriage triage = builder(throwing(ticket -> null)).workers(WorkerConfig.ofDefaults().withWorkers(0))
                .intake(IntakeConfig.ofDefaults().withBacklog(1, Duration.ofSeconds(30))).build();
        triage.submit(NewTicket.of("fills the backlog"));
        AtomicReference<Thread> submitter = new AtomicReference<>();
        CompletableFuture<Ticket> blocked = CompletableFuture.supplyAsync(() -> {
            submitter.set(Thread.currentThread());
            return triage.submit(NewTicket.of("waits for room"));
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> submitter.get() != null
                && submitter.get().getState() == Thread.State.TIMED_WAITING);

        triage.close();

        assertThat(blocked).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class).withMessageContaining("closed");
        assertThat(repository.size()).isEqualTo(1);
    }
}
