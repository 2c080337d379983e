package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.RateLimitedException;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.ClassifierLimits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The batch, async, limits, rate-limit and id-tampering features of {@link ScriptedClassifier}. */
class ScriptedClassifierBatchTest {

    private static final Executor DIRECT = Runnable::run;
    private final Taxonomy taxonomy = TicketFixtures.bankingTaxonomy();

    private static List<Ticket> batch(String... bodies) {
        return java.util.Arrays.stream(bodies).map(body -> TicketFixtures.aTicket().withSubject(null).withBody(body).build()).toList();
    }

    private static List<TicketId> ids(List<Ticket> tickets) {
        return tickets.stream().map(Ticket::id).toList();
    }

    @Test
    void should_report_declared_limits_when_set() {
        assertThat(ScriptedClassifier.builder().limits(ClassifierLimits.remote(64, 8)).build().limits()).isEqualTo(ClassifierLimits.remote(64, 8));
        assertThat(ScriptedClassifier.builder().build().limits()).isEqualTo(ClassifierLimits.cpuBound());
    }

    @Test
    void should_count_a_batch_as_one_call_and_record_its_size() {
        ScriptedClassifier classifier = ScriptedClassifier.builder().build();
        List<Ticket> tickets = batch("a", "b", "c");

        List<ClassificationResult> results = classifier.classifyAll(tickets, taxonomy);

        assertThat(results).extracting(ClassificationResult::ticketId).containsExactlyElementsOf(ids(tickets));
        assertThat(classifier.batchSizes()).containsExactly(3);
        assertThat(classifier.callCount()).isEqualTo(3);
        assertThat(classifier.peakCallsInFlight()).isEqualTo(1);
    }

    @Test
    void should_wait_the_latency_without_blocking_the_caller_and_track_peak_calls_in_flight_when_async() {
        ScriptedClassifier classifier = ScriptedClassifier.builder().latency(Duration.ofSeconds(1)).limits(ClassifierLimits.remote(8, 2)).build();

        List<CompletableFuture<List<ClassificationResult>>> stages = List.of(
                classifier.classifyAllAsync(batch("a", "b"), taxonomy, DIRECT).toCompletableFuture(),
                classifier.classifyAllAsync(batch("c", "d"), taxonomy, DIRECT).toCompletableFuture(),
                classifier.classifyAllAsync(batch("e"), taxonomy, DIRECT).toCompletableFuture());

        assertThat(stages).noneMatch(CompletableFuture::isDone);   // returned at once: no thread slept the latency
        assertThat(classifier.callsInFlight()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> stages.stream().allMatch(CompletableFuture::isDone));
        assertThat(stages).allSatisfy(stage -> assertThat(stage.join()).allMatch(ClassificationResult::isSuccess));
        await().atMost(Duration.ofSeconds(5)).until(() -> classifier.callsInFlight() == 0);
        assertThat(classifier.peakCallsInFlight()).isEqualTo(3);
        assertThat(classifier.batchSizes()).containsExactly(2, 2, 1);
    }

    @Test
    void should_answer_rate_limited_for_the_first_calls_when_scripted() {
        MutableClock clock = MutableClock.start();
        ScriptedClassifier classifier = ScriptedClassifier.builder().rateLimited(2, Duration.ofSeconds(30), clock).build();
        Ticket ticket = batch("a").get(0);

        assertThatThrownBy(() -> classifier.classify(ticket, taxonomy)).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.until()).isEqualTo(MutableClock.DEFAULT_START.plusSeconds(30));
            assertThat(e.retryable()).isTrue();
        });
        List<ClassificationResult> throttledBatch = classifier.classifyAll(batch("b", "c"), taxonomy);
        assertThat(throttledBatch).allSatisfy(r -> assertThat(r.error()).containsInstanceOf(RateLimitedException.class));
        assertThat(classifier.classify(ticket, taxonomy)).isNotNull();
    }

    @Test
    void should_leave_out_or_misaddress_results_when_scripted_to() {
        ScriptedClassifier classifier = ScriptedClassifier.builder().omitResultWhen("lost").answerWithForeignIdWhen("stranger").build();
        List<Ticket> tickets = batch("fine", "lost one", "stranger here");

        List<ClassificationResult> results = classifier.classifyAll(tickets, taxonomy);
        List<ClassificationResult> async = classifier.classifyAllAsync(tickets, taxonomy, DIRECT).toCompletableFuture().join();

        for (List<ClassificationResult> answer : List.of(results, async)) {
            assertThat(answer).extracting(ClassificationResult::ticketId).containsExactly(tickets.get(0).id(), ScriptedClassifier.FOREIGN_ID);
        }
    }
}
