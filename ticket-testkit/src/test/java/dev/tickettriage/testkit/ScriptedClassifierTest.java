package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.ClassificationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScriptedClassifierTest {

    private final Taxonomy taxonomy = TicketFixtures.bankingTaxonomy();
    private final Classification refund = TicketFixtures.aClassification().category(Category.of("refund_not_showing_up"))
            .sentiment(Sentiment.VERY_NEGATIVE).priority(Priority.URGENT).build();

    private static Ticket ticket(String body) {
        return TicketFixtures.aTicket().withSubject(null).withBody(body).build();
    }

    @Test
    void should_answer_scripted_result_when_text_contains_needle_ignoring_case() {
        ScriptedClassifier classifier = ScriptedClassifier.builder().when("refund", refund).build();

        assertThat(classifier.classify(ticket("Where is my REFUND?"), taxonomy)).isEqualTo(refund);
    }

    @Test
    void should_match_subject_too_because_text_joins_subject_and_body() {
        ScriptedClassifier classifier = ScriptedClassifier.builder().when("refund", refund).build();
        Ticket ticket = TicketFixtures.aTicket().withSubject("Refund").withBody("Nothing here").build();

        assertThat(classifier.classify(ticket, taxonomy)).isEqualTo(refund);
    }

    @Test
    void should_use_first_matching_rule_when_several_match() {
        Classification card = TicketFixtures.aClassification().build();
        ScriptedClassifier classifier = ScriptedClassifier.builder().when("card", card).when("refund", refund).build();

        assertThat(classifier.classify(ticket("refund for my card"), taxonomy)).isEqualTo(card);
    }

    @Test
    void should_compute_answer_when_rule_is_a_function() {
        ScriptedClassifier classifier = ScriptedClassifier.builder()
                .when("tarjeta", t -> TicketFixtures.aClassification().summary("len " + t.body().length()).build()).build();

        assertThat(classifier.classify(ticket("Mi tarjeta"), taxonomy).summary()).contains("len 10");
    }

    @Test
    void should_answer_otherwise_when_no_rule_matches() {
        Classification other = TicketFixtures.aClassification().category(Category.of("exchange_rate")).build();
        ScriptedClassifier classifier = ScriptedClassifier.builder().when("refund", refund).otherwise(other).build();

        assertThat(classifier.classify(ticket("What rate did you use?"), taxonomy)).isEqualTo(other);
    }

    @Test
    void should_answer_taxonomy_fallback_when_nothing_is_scripted() {
        Classification answer = ScriptedClassifier.builder().build().classify(ticket("Hello"), taxonomy);

        assertThat(answer.category()).isEqualTo(Category.of("other"));
        assertThat(answer.provenance().taxonomyVersion()).isEqualTo(taxonomy.version());
        assertThat(answer.provenance().classifier()).isEqualTo("scripted");
    }

    @Test
    void should_answer_first_label_when_taxonomy_has_no_fallback() {
        Taxonomy noFallback = Taxonomy.builder().version("v1").category("billing", "b").category("tech", "t").build();

        Classification answer = ScriptedClassifier.builder().build().classify(ticket("Hello"), noFallback);

        assertThat(answer.category()).isEqualTo(Category.of("billing"));
        assertThat(noFallback.contains(answer.category())).isTrue();
    }

    @Test
    void should_fail_first_n_calls_then_answer_when_fail_times_is_set() {
        ClassificationException timeout = ClassificationException.retryable("timeout", (Throwable) null);
        ScriptedClassifier classifier = ScriptedClassifier.builder().failTimes(2, timeout).build();

        assertThatThrownBy(() -> classifier.classify(ticket("a"), taxonomy)).isSameAs(timeout);
        assertThatThrownBy(() -> classifier.classify(ticket("b"), taxonomy)).isSameAs(timeout);
        assertThat(classifier.classify(ticket("c"), taxonomy).category()).isEqualTo(Category.of("other"));
        assertThat(classifier.callCount()).isEqualTo(3);
    }

    @Test
    void should_fail_the_same_calls_when_two_classifiers_share_a_seed() {
        List<Boolean> first = failurePattern(ScriptedClassifier.builder().failRate(0.3, 42).build(), 200);
        List<Boolean> second = failurePattern(ScriptedClassifier.builder().failRate(0.3, 42).build(), 200);

        assertThat(first).isEqualTo(second);
        assertThat(first.stream().filter(failed -> failed).count()).isBetween(30L, 90L);
        assertThat(failurePattern(ScriptedClassifier.builder().failRate(0.3, 7).build(), 200)).isNotEqualTo(first);
    }

    @Test
    void should_never_or_always_fail_when_rate_is_zero_or_one() {
        assertThat(failurePattern(ScriptedClassifier.builder().failRate(0, 1).build(), 50)).containsOnly(false);
        assertThat(failurePattern(ScriptedClassifier.builder().failRate(1, 1).build(), 50)).containsOnly(true);
    }

    @Test
    void should_fail_as_often_as_sequentially_when_called_from_8_threads() throws Exception {
        long sequential = failurePattern(ScriptedClassifier.builder().failRate(0.25, 99).build(), 800).stream()
                .filter(failed -> failed).count();
        ScriptedClassifier classifier = ScriptedClassifier.builder().failRate(0.25, 99).build();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        try {
                            classifier.classify(ticket("x"), taxonomy);
                        } catch (ClassificationException e) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> future : futures) future.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertThat(failures.get()).isEqualTo(sequential);
        assertThat(classifier.callCount()).isEqualTo(800);
        assertThat(classifier.calls()).hasSize(800);
    }

    @Test
    void should_throw_retryable_exception_when_random_failure_hits() {
        ScriptedClassifier classifier = ScriptedClassifier.builder().failRate(1, 3).build();

        assertThatThrownBy(() -> classifier.classify(ticket("a"), taxonomy))
                .isInstanceOfSatisfying(ClassificationException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void should_record_calls_in_order() {
        ScriptedClassifier classifier = ScriptedClassifier.builder().build();
        Ticket first = ticket("one");
        Ticket second = ticket("two");

        classifier.classify(first, taxonomy);
        classifier.classify(second, taxonomy);

        assertThat(classifier.calls()).containsExactly(first, second);
        assertThat(classifier.callCount()).isEqualTo(2);
    }

    @Test
    void should_answer_fixed_category_without_recording_when_instant() {
        ScriptedClassifier classifier = ScriptedClassifier.instant(Category.of("card_arrival"));

        Classification first = classifier.classify(ticket("anything"), taxonomy);
        Classification second = classifier.classify(ticket("else"), taxonomy);

        assertThat(first.category()).isEqualTo(Category.of("card_arrival"));
        assertThat(second).isEqualTo(first);
        assertThat(classifier.calls()).isEmpty();
        assertThat(classifier.callCount()).isEqualTo(2);
    }

    @Test
    void should_report_configured_capabilities_and_name() {
        ScriptedClassifier classifier = ScriptedClassifier.builder().name("fake-llm")
                .capabilities(Set.of(ClassificationField.CATEGORY, ClassificationField.SUMMARY)).build();

        assertThat(classifier.name()).isEqualTo("fake-llm");
        assertThat(classifier.supports(ClassificationField.SUMMARY)).isTrue();
        assertThat(classifier.supports(ClassificationField.SENTIMENT)).isFalse();
        assertThat(ScriptedClassifier.builder().build().capabilities()).isEqualTo(ScriptedClassifier.DEFAULT_CAPABILITIES);
    }

    @Test
    void should_still_answer_when_latency_is_set() {
        ScriptedClassifier classifier = ScriptedClassifier.builder().latency(Duration.ofMillis(1)).when("refund", refund).build();

        assertThat(classifier.classify(ticket("refund"), taxonomy)).isEqualTo(refund);
    }

    @Test
    void should_reject_invalid_builder_values() {
        assertThatThrownBy(() -> ScriptedClassifier.builder().latency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScriptedClassifier.builder().failRate(1.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScriptedClassifier.builder().failRate(Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScriptedClassifier.builder().when("", refund)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScriptedClassifier.builder().failTimes(-1, ClassificationException.permanent("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<Boolean> failurePattern(ScriptedClassifier classifier, int calls) {
        List<Boolean> pattern = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            try {
                classifier.classify(ticket("x"), taxonomy);
                pattern.add(false);
            } catch (ClassificationException e) {
                pattern.add(true);
            }
        }
        return pattern;
    }
}
