package dev.tickettriage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TokenUsage;
import dev.tickettriage.error.RateLimitedException;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.testkit.MutableClock;
import dev.tickettriage.testkit.ScriptedClassifier;
import dev.tickettriage.testkit.TicketFixtures;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class BudgetedClassifierTest {

    private static final Taxonomy TAXONOMY = TicketFixtures.bankingTaxonomy();

    // 2026-01-01T09:00Z: the day ends 15 hours later, the month on 1 February
    private final MutableClock clock = MutableClock.start();
    private final List<BudgetEvent> events = new CopyOnWriteArrayList<>();

    /** A model answering card_arrival with {@code tokens} (input) and {@code cost} per call. */
    private static ScriptedClassifier model(long tokens, String cost) {
        return ScriptedClassifier.builder().name("model").otherwise(ticket -> TicketFixtures.aClassification()
                .provenance(Provenance.builder("model", TicketFixtures.BANKING_TAXONOMY_VERSION).model("m-1")
                        .tokenUsage(new TokenUsage(tokens, 0)).estimatedCostUsd(new BigDecimal(cost)).build())
                .build()).build();
    }

    private static ScriptedClassifier rules() {
        return ScriptedClassifier.builder().name("rules")
                .otherwise(TicketFixtures.aClassification().category(Category.of("other")).build()).build();
    }

    private ClassifierBudget.Builder budget() {
        return ClassifierBudget.builder("model-budget").clock(clock).listener(events::add);
    }

    private static Ticket ticket(String body) {
        return TicketFixtures.aTicket().withBody(body).build();
    }

    @Test
    void should_answer_with_the_fallback_once_the_daily_tokens_are_spent() {
        ScriptedClassifier model = model(400, "0.001");
        ScriptedClassifier rules = rules();
        ClassifierBudget budget = budget().limit(BudgetLimit.tokensPerDay(1_000)).build();
        BudgetedClassifier classifier = BudgetedClassifier.withFallback(model, budget, rules);

        List<String> answeredBy = List.of(1, 2, 3, 4).stream()
                .map(i -> classifier.classify(ticket("card " + i), TAXONOMY).provenance().classifier()).toList();

        // 400 + 400 < 1000, the third call takes it to 1200 (in flight when spent), the fourth goes to the fallback
        assertThat(answeredBy).containsExactly("model", "model", "model", "scripted");
        assertThat(model.callCount()).isEqualTo(3);
        assertThat(rules.callCount()).isEqualTo(1);
        BudgetUsage usage = budget.usage();
        assertThat(usage.spent()).isTrue();
        assertThat(usage.limits().get(0).used()).isEqualByComparingTo("1200");
        assertThat(usage.limits().get(0).remaining()).isEqualByComparingTo("0");
        assertThat(usage.calls()).isEqualTo(3);
        assertThat(usage.fallbackCalls()).isEqualTo(1);
        assertThat(usage.spentUntil()).contains(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(events).singleElement().isInstanceOfSatisfying(BudgetEvent.Exhausted.class, exhausted -> {
            assertThat(exhausted.budget()).isEqualTo("model-budget");
            assertThat(exhausted.limit()).isEqualTo(BudgetLimit.tokensPerDay(1_000));
            assertThat(exhausted.used()).isEqualByComparingTo("1200");
            assertThat(exhausted.resetsAt()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
            assertThat(exhausted.at()).isEqualTo(clock.instant());
        });
        assertThat(classifier.name()).isEqualTo("model|rules");
    }

    @Test
    void should_call_the_model_again_and_publish_restored_when_the_day_resets() {
        ScriptedClassifier model = model(600, "0.001");
        BudgetedClassifier classifier = BudgetedClassifier.withFallback(model, budget().limit(BudgetLimit.tokensPerDay(1_000)).build(), rules());
        classifier.classify(ticket("a"), TAXONOMY);
        classifier.classify(ticket("b"), TAXONOMY);
        assertThat(classifier.budget().isSpent()).isTrue();

        clock.set(Instant.parse("2026-01-02T00:00:00Z"));

        assertThat(classifier.classify(ticket("c"), TAXONOMY).provenance().classifier()).isEqualTo("model");
        assertThat(model.callCount()).isEqualTo(3);
        assertThat(events).hasSize(2).last().isInstanceOfSatisfying(BudgetEvent.Restored.class,
                restored -> assertThat(restored.at()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z")));
        assertThat(classifier.budget().usage().limits().get(0).used()).isEqualByComparingTo("600");
    }

    @Test
    void should_hold_tickets_with_a_rate_limit_until_the_month_resets_when_no_fallback_is_configured() {
        ScriptedClassifier model = model(10, "30");
        BudgetedClassifier classifier = BudgetedClassifier.holding(model,
                budget().limit(BudgetLimit.costPerMonth(new BigDecimal("50"))).build());
        classifier.classify(ticket("a"), TAXONOMY);
        classifier.classify(ticket("b"), TAXONOMY);   // 60 USD >= 50

        assertThatThrownBy(() -> classifier.classify(ticket("c"), TAXONOMY))
                .isInstanceOfSatisfying(RateLimitedException.class, held -> {
                    assertThat(held.until()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
                    assertThat(held.retryable()).isTrue();
                    assertThat(held).hasMessageContaining("model-budget").hasMessageContaining("model");
                });
        assertThat(model.callCount()).isEqualTo(2);
        assertThat(classifier.budget().usage().heldCalls()).isEqualTo(1);
    }

    @Test
    void should_start_days_and_months_in_the_configured_zone() {
        ZoneId madrid = ZoneId.of("Europe/Madrid");
        clock.set(Instant.parse("2026-01-31T23:30:00Z"));   // already 00:30 on 1 February in Madrid
        ClassifierBudget budget = budget().zone(madrid).limit(BudgetLimit.tokensPerMonth(5)).limit(BudgetLimit.tokensPerDay(3)).build();

        BudgetUsage usage = budget.usage();

        assertThat(usage.limits().get(0).periodStart()).isEqualTo(Instant.parse("2026-01-31T23:00:00Z"));
        assertThat(usage.limits().get(0).resetsAt()).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
        assertThat(usage.limits().get(1).resetsAt()).isEqualTo(Instant.parse("2026-02-01T23:00:00Z"));
    }

    @Test
    void should_hold_the_whole_batch_and_keep_the_async_form_when_spent() {
        ScriptedClassifier model = model(1_000, "0.01");
        BudgetedClassifier classifier = BudgetedClassifier.holding(model, budget().limit(BudgetLimit.tokensPerDay(1_500)).build());
        List<Ticket> first = List.of(ticket("a"), ticket("b"));
        List<ClassificationResult> answered = classifier.classifyAllAsync(first, TAXONOMY, ForkJoinPool.commonPool())
                .toCompletableFuture().join();
        assertThat(answered).allSatisfy(result -> assertThat(result.value()).isPresent());
        assertThat(classifier.budget().usage().limits().get(0).used()).isEqualByComparingTo("2000");

        List<Ticket> second = List.of(ticket("c"), ticket("d"), ticket("e"));
        List<ClassificationResult> held = classifier.classifyAllAsync(second, TAXONOMY, ForkJoinPool.commonPool())
                .toCompletableFuture().join();

        assertThat(held).extracting(ClassificationResult::ticketId).containsExactlyElementsOf(second.stream().map(Ticket::id).toList());
        assertThat(held).allSatisfy(result -> assertThat(result.error()).containsInstanceOf(RateLimitedException.class));
        assertThat(model.callCount()).isEqualTo(2);
        assertThat(classifier.budget().usage().heldCalls()).isEqualTo(3);
    }

    @Test
    void should_send_a_spent_batch_to_the_fallback_as_batches() {
        ScriptedClassifier rules = rules();
        ClassifierBudget budget = budget().limit(BudgetLimit.tokensPerDay(1)).build();
        budget.record(Provenance.builder("model", "v").tokenUsage(new TokenUsage(5, 0)).build());
        BudgetedClassifier classifier = BudgetedClassifier.withFallback(model(1, "0"), budget, rules);

        List<ClassificationResult> results = classifier.classifyAll(List.of(ticket("a"), ticket("b")), TAXONOMY);

        assertThat(results).allSatisfy(result -> assertThat(result.value().map(Classification::category)).contains(Category.of("other")));
        assertThat(rules.batchSizes()).containsExactly(2);
        assertThat(budget.usage().fallbackCalls()).isEqualTo(2);
    }

    @Test
    void should_keep_classifying_when_the_listener_throws() {
        ClassifierBudget budget = ClassifierBudget.builder("b").clock(clock).limit(BudgetLimit.tokensPerDay(1))
                .listener(event -> { throw new IllegalStateException("listener bug"); }).build();
        BudgetedClassifier classifier = BudgetedClassifier.withFallback(model(5, "0"), budget, rules());

        assertThat(classifier.classify(ticket("a"), TAXONOMY).provenance().classifier()).isEqualTo("model");
        assertThat(classifier.classify(ticket("b"), TAXONOMY).provenance().classifier()).isEqualTo("scripted");
    }

    @Test
    void should_keep_a_held_ticket_new_without_spending_an_attempt_in_the_pipeline() {
        ClassifierBudget budget = budget().limit(BudgetLimit.tokensPerDay(100)).build();
        budget.record(Provenance.builder("model", "v").tokenUsage(new TokenUsage(100, 0)).build());
        InMemoryTicketRepository repository = InMemoryTicketRepository.builder().clock(clock).build();
        try (TicketTriage triage = TicketTriage.builder().repository(repository).clock(clock)
                .classifier(BudgetedClassifier.holding(model(1, "0"), budget)).build()) {
            Ticket ticket = triage.submit(NewTicket.of("Where is my card?"));

            assertThatThrownBy(() -> triage.process(ticket.id())).isInstanceOf(RateLimitedException.class);

            Ticket stored = triage.find(ticket.id()).orElseThrow();
            assertThat(stored.processing().state()).isEqualTo(ProcessingState.NEW);
            assertThat(stored.processing().attempts()).isZero();
        }
    }

    @Test
    void should_reject_invalid_limits_and_duplicate_periods() {
        assertThatThrownBy(() -> BudgetLimit.tokensPerDay(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new BudgetLimit(BudgetPeriod.DAY, BudgetLimit.Metric.TOKENS, new BigDecimal("1.5")))
                .hasMessageContaining("whole");
        assertThatThrownBy(() -> ClassifierBudget.builder("b").build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ClassifierBudget.builder("b").limit(BudgetLimit.tokensPerDay(1)).limit(BudgetLimit.tokensPerDay(2)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("two limits");
        assertThat(BudgetLimit.costPerMonth(new BigDecimal("40.00")).describe()).isEqualTo("40 USD per month");
    }

    @Test
    void should_not_count_cache_hits() {
        ClassifierBudget budget = budget().limit(BudgetLimit.tokensPerDay(10)).build();
        Provenance call = Provenance.builder("model", "v").tokenUsage(new TokenUsage(8, 1)).estimatedCostUsd(BigDecimal.ONE).build();
        budget.record(call);
        budget.record(call.asCacheHit(Duration.ZERO));
        assertThat(budget.usage().limits().get(0).used()).isEqualByComparingTo("9");
    }
}
