package dev.tickettriage.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.testkit.ScriptedClassifier;
import dev.tickettriage.testkit.TicketFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShadowClassifierTest {

    private static final Taxonomy TAXONOMY = TicketFixtures.bankingTaxonomy();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static Classification answer(String category, Priority priority) {
        return TicketFixtures.aClassification().category(Category.of(category)).priority(priority).build();
    }

    private final ScriptedClassifier live = ScriptedClassifier.builder().name("live")
            .when("refund", answer("refund_not_showing_up", Priority.HIGH))
            .when("stolen", answer("lost_or_stolen_card", Priority.URGENT))
            .otherwise(answer("card_arrival", Priority.MEDIUM)).build();

    /** Agrees on refunds and cards, calls a stolen card "other", and puts every priority at LOW. */
    private final ScriptedClassifier candidate = ScriptedClassifier.builder().name("candidate")
            .when("refund", answer("refund_not_showing_up", Priority.LOW))
            .when("stolen", answer("other", Priority.LOW))
            .otherwise(answer("card_arrival", Priority.LOW)).build();

    private static Ticket ticket(String body) {
        return TicketFixtures.aTicket().withBody(body).build();
    }

    @Test
    void should_return_the_live_answers_and_report_per_field_agreement_and_confusion() {
        try (ShadowClassifier shadow = ShadowClassifier.builder(live, candidate).build()) {
            List<Ticket> tickets = List.of(ticket("refund please"), ticket("card late"), ticket("card stolen"), ticket("refund again"));
            for (Ticket ticket : tickets) {
                assertThat(shadow.classify(ticket, TAXONOMY).provenance()).isEqualTo(live.classify(ticket, TAXONOMY).provenance());
            }
            await().atMost(WAIT).until(() -> shadow.report().compared() == 4);

            ShadowReport report = shadow.report();

            assertThat(report.agreement("category")).isEqualTo(0.75);
            assertThat(report.agreement("sentiment")).isEqualTo(1.0);
            assertThat(report.agreement("priority")).isZero();
            assertThat(report.field("category").orElseThrow().confusion("lost_or_stolen_card", "other")).isEqualTo(1);
            assertThat(report.field("category").orElseThrow().confusion("refund_not_showing_up", "refund_not_showing_up")).isEqualTo(2);
            assertThat(report.field("priority").orElseThrow().confusion("HIGH", "LOW")).isEqualTo(2);
            assertThat(report.fieldNames()).containsExactly("category", "sentiment", "priority", "language");
            assertThat(report.live()).isEqualTo("live");
            assertThat(report.candidate()).isEqualTo("candidate");
            assertThat(report.toText()).contains("category", "agreement 0.7500");
        }
    }

    @Test
    void should_never_wait_for_a_stuck_candidate_and_drop_beyond_the_pending_bound() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Classifier stuck = new Classifier() {
            @Override
            public Classification classify(Ticket ticket, Taxonomy taxonomy) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return answer("card_arrival", Priority.MEDIUM);
            }

            @Override
            public Set<ClassificationField> capabilities() {
                return Set.of(ClassificationField.CATEGORY);
            }
        };
        try (ShadowClassifier shadow = ShadowClassifier.builder(live, stuck).maxPending(2).build()) {
            for (int i = 0; i < 5; i++) {
                assertThat(shadow.classify(ticket("card " + i), TAXONOMY).category()).isEqualTo(Category.of("card_arrival"));
            }
            assertThat(shadow.report().dropped()).isEqualTo(3);
            assertThat(shadow.pending()).isEqualTo(2);

            release.countDown();

            await().atMost(WAIT).until(() -> shadow.report().compared() == 2);
            assertThat(shadow.pending()).isZero();
        }
    }

    @Test
    void should_count_candidate_failures_as_disagreements_and_never_throw_them() {
        ScriptedClassifier failing = ScriptedClassifier.builder().name("failing").otherwise(answer("card_arrival", Priority.MEDIUM))
                .failTimes(2, ClassificationException.retryable("HTTP 503", (Throwable) null)).build();
        try (ShadowClassifier shadow = ShadowClassifier.builder(live, failing).build()) {
            List<ClassificationResult> results = shadow.classifyAllAsync(List.of(ticket("card a"), ticket("card b"), ticket("card c")),
                    TAXONOMY, ForkJoinPool.commonPool()).toCompletableFuture().join();
            assertThat(results).allSatisfy(result -> assertThat(result.value()).isPresent());

            await().atMost(WAIT).until(() -> shadow.report().compared() + shadow.report().candidateFailures() == 3);
            ShadowReport report = shadow.report();

            assertThat(report.candidateErrors()).containsEntry("ClassificationException", 2L);
            assertThat(report.field("category").orElseThrow().examples()).isEqualTo(3);
            assertThat(report.agreement("category")).isEqualTo(1.0 / 3);
        }
    }

    @Test
    void should_store_only_the_live_answer_in_the_pipeline() {
        try (ShadowClassifier shadow = ShadowClassifier.builder(live, candidate).build();
             TicketTriage triage = TicketTriage.builder().repository(InMemoryTicketRepository.builder().build())
                     .taxonomy(TAXONOMY).classifier(shadow).build()) {
            Ticket ticket = triage.submit(NewTicket.of("my card was stolen"));

            triage.drainBacklog();

            Classification stored = triage.find(ticket.id()).orElseThrow().classification().orElseThrow();
            assertThat(stored.category()).isEqualTo(Category.of("lost_or_stolen_card"));
            await().atMost(WAIT).until(() -> shadow.report().compared() == 1);
            assertThat(shadow.report().field("category").orElseThrow().confusion("lost_or_stolen_card", "other")).isEqualTo(1);
        }
    }
}
