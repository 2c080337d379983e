package dev.tickettriage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.domain.TokenUsage;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.RateLimitedException;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Batching, limits, async form, failure semantics and provenance of the composition wrappers. */
class ClassifierCompositionTest {

    private static final Taxonomy TAXONOMY = Taxonomy.defaultSupport();
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    /** The wrappers must use the parts' own async form, never run blocking work on the pipeline's executor. */
    private static final Executor NO_BLOCKING = command -> {
        throw new AssertionError("a wrapper ran blocking work on the executor instead of the part's classifyAllAsync");
    };

    private static Ticket ticket(long number, String body) {
        return Ticket.builder().id(TicketId.of(new UUID(7, number))).createdAt(Instant.EPOCH).body(body).build();
    }

    private static List<Ticket> tickets(String... bodies) {
        List<Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) tickets.add(ticket(i + 1, bodies[i]));
        return tickets;
    }

    private static List<TicketId> ids(List<Ticket> tickets) {
        return tickets.stream().map(Ticket::id).toList();
    }

    private static List<ClassificationResult> await(java.util.concurrent.CompletionStage<List<ClassificationResult>> stage) {
        return stage.toCompletableFuture().join();
    }

    // ---- cached

    @Test
    void should_send_only_the_misses_as_one_batch_when_a_batch_has_cache_hits() {
        BatchFake model = new BatchFake("llm", "billing");
        Classifier cached = Classifiers.cached(model, 100);
        cached.classifyAll(tickets("alpha"), TAXONOMY);
        List<Ticket> batch = tickets("alpha", "bravo", "charlie", "delta");

        List<ClassificationResult> results = cached.classifyAll(batch, TAXONOMY);

        assertThat(model.batches).containsExactly(1, 3);
        assertThat(model.singleCalls).hasValue(0);
        assertThat(results).extracting(ClassificationResult::ticketId).containsExactlyElementsOf(ids(batch));
        assertThat(results).extracting(r -> r.value().orElseThrow().provenance().isCacheHit()).containsExactly(true, false, false, false);
    }

    @Test
    void should_ask_a_text_repeated_in_one_batch_once() {
        BatchFake model = new BatchFake("llm", "billing");
        List<Ticket> batch = tickets("Refund please", "refund   PLEASE", "other");

        List<ClassificationResult> results = Classifiers.cached(model, 100).classifyAll(batch, TAXONOMY);

        assertThat(model.batches).containsExactly(2);
        assertThat(results).extracting(ClassificationResult::ticketId).containsExactlyElementsOf(ids(batch));
        assertThat(results.get(1).value().orElseThrow().provenance().isCacheHit()).isTrue();
    }

    @Test
    void should_call_the_delegates_async_form_with_the_misses_when_classified_async() {
        BatchFake model = new BatchFake("llm", "billing");
        Classifier cached = Classifiers.cached(model, 100);
        cached.classifyAll(tickets("alpha"), TAXONOMY);
        model.holdAsync = true;
        List<Ticket> batch = tickets("alpha", "bravo", "charlie");

        CompletableFuture<List<ClassificationResult>> stage = cached.classifyAllAsync(batch, TAXONOMY, NO_BLOCKING).toCompletableFuture();

        assertThat(stage).isNotDone();   // returned before the delegate answered: nothing blocked
        assertThat(model.asyncBatches).containsExactly(2);
        model.release();
        assertThat(await(stage)).extracting(ClassificationResult::ticketId).containsExactlyElementsOf(ids(batch));
        assertThat(model.batches).containsExactly(1);   // only the warm-up went through the blocking form
    }

    @Test
    void should_answer_from_the_cache_alone_when_every_ticket_hits() {
        BatchFake model = new BatchFake("llm", "billing");
        Classifier cached = Classifiers.cached(model, 100);
        cached.classifyAll(tickets("alpha", "bravo"), TAXONOMY);

        List<ClassificationResult> results = await(cached.classifyAllAsync(tickets("alpha", "bravo"), TAXONOMY, NO_BLOCKING));

        assertThat(model.asyncBatches).isEmpty();
        assertThat(results).allSatisfy(r -> assertThat(r.value().orElseThrow().provenance().isCacheHit()).isTrue());
    }

    @Test
    void should_record_a_cache_hit_with_no_tokens_no_cost_and_the_lookup_latency() {
        BatchFake model = new BatchFake("llm", "billing");
        model.tokens = new TokenUsage(900, 40);
        model.cost = new BigDecimal("0.0021");
        AtomicLong ticker = new AtomicLong();
        Classifier cached = new CachingClassifier(model, 10, () -> ticker.addAndGet(3_000));   // 3 µs per reading

        Classification miss = cached.classify(ticket(1, "where is my refund"), TAXONOMY);
        Classification hit = cached.classify(ticket(2, "Where is my refund"), TAXONOMY);

        assertThat(miss.provenance().isCacheHit()).isFalse();
        assertThat(miss.provenance().tokenUsage()).isEqualTo(new TokenUsage(900, 40));
        Provenance cachedProvenance = hit.provenance();
        assertThat(cachedProvenance.isCacheHit()).isTrue();
        assertThat(cachedProvenance.tokenUsage()).isEqualTo(TokenUsage.NONE);
        assertThat(cachedProvenance.cost()).hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo(BigDecimal.ZERO));
        assertThat(cachedProvenance.latency()).isEqualTo(Duration.ofNanos(3_000));
        assertThat(cachedProvenance.classifier()).isEqualTo("llm");
        assertThat(hit.category()).isEqualTo(miss.category());
        long tokensCounted = miss.provenance().tokenUsage().totalTokens() + hit.provenance().tokenUsage().totalTokens();
        assertThat(tokensCounted).as("one model call counted once").isEqualTo(940);
    }

    @Test
    void should_fail_only_the_ticket_whose_id_the_delegate_did_not_answer() {
        BatchFake model = new BatchFake("llm", "billing");
        TicketId foreign = TicketId.of(new UUID(9, 9));
        model.tamper = answers -> {
            List<ClassificationResult> tampered = new ArrayList<>(answers);
            ClassificationResult second = tampered.remove(1);
            tampered.add(ClassificationResult.success(foreign, second.value().orElseThrow()));
            return tampered;
        };
        List<Ticket> batch = tickets("alpha", "bravo", "charlie");

        List<ClassificationResult> results = Classifiers.cached(model, 100).classifyAll(batch, TAXONOMY);

        assertThat(results).extracting(ClassificationResult::ticketId).containsExactlyElementsOf(ids(batch));
        assertThat(results).extracting(ClassificationResult::isSuccess).containsExactly(true, false, true);
        assertThat(results.get(1).error().orElseThrow().retryable()).isTrue();
    }

    @Test
    void should_declare_the_delegates_limits_when_cached() {
        BatchFake model = new BatchFake("llm", "billing");
        model.limits = ClassifierLimits.remote(64, 8);

        assertThat(Classifiers.cached(model, 10).limits()).isEqualTo(ClassifierLimits.remote(64, 8));
    }

    // ---- withFallback

    @Test
    void should_send_the_failed_tickets_of_a_batch_to_the_fallback_as_one_batch() {
        BatchFake model = new BatchFake("llm", "billing");
        model.failure = ticket -> ticket.text().contains("fail") ? ClassificationException.retryable("HTTP 503", (Throwable) null) : null;
        BatchFake rules = new BatchFake("rules", "other");
        List<Ticket> batch = tickets("a", "fail b", "c", "fail d");

        List<ClassificationResult> results = Classifiers.withFallback(model, rules).classifyAll(batch, TAXONOMY);

        assertThat(model.batches).containsExactly(4);
        assertThat(rules.batches).containsExactly(2);
        assertThat(results).extracting(ClassificationResult::ticketId).containsExactlyElementsOf(ids(batch));
        assertThat(results).extracting(r -> r.value().orElseThrow().provenance().classifier()).containsExactly("llm", "rules", "llm", "rules");
    }

    @Test
    void should_use_both_parts_async_forms_when_falling_back_async() {
        BatchFake model = new BatchFake("llm", "billing");
        model.holdAsync = true;
        model.failure = ticket -> ticket.text().contains("fail") ? ClassificationException.retryable("HTTP 503", (Throwable) null) : null;
        BatchFake rules = new BatchFake("rules", "other");
        List<Ticket> batch = tickets("a", "fail b", "c");

        CompletableFuture<List<ClassificationResult>> stage = Classifiers.withFallback(model, rules).classifyAllAsync(batch, TAXONOMY, NO_BLOCKING).toCompletableFuture();

        assertThat(stage).isNotDone();
        model.release();
        List<ClassificationResult> results = await(stage);
        assertThat(model.asyncBatches).containsExactly(3);
        assertThat(rules.asyncBatches).containsExactly(1);
        assertThat(model.batches).isEmpty();
        assertThat(rules.batches).isEmpty();
        assertThat(results).extracting(r -> r.value().orElseThrow().provenance().classifier()).containsExactly("llm", "rules", "llm");
    }

    @Test
    void should_fall_back_for_the_whole_batch_when_the_primarys_async_call_is_rate_limited() {
        BatchFake model = new BatchFake("llm", "billing");
        model.stageFailure = new RateLimitedException("HTTP 429", NOW.plusSeconds(30), NOW);
        BatchFake rules = new BatchFake("rules", "other");

        List<ClassificationResult> results = await(Classifiers.withFallback(model, rules).classifyAllAsync(tickets("a", "b"), TAXONOMY, NO_BLOCKING));

        assertThat(rules.asyncBatches).containsExactly(2);
        assertThat(results).allSatisfy(r -> assertThat(r.value().orElseThrow().provenance().classifier()).isEqualTo("rules"));
    }

    @Test
    void should_declare_the_primarys_limits_when_falling_back() {
        BatchFake model = new BatchFake("llm", "billing");
        model.limits = ClassifierLimits.remote(32, 4);

        assertThat(Classifiers.withFallback(model, RuleClassifier.ofDefaults()).limits()).isEqualTo(ClassifierLimits.remote(32, 4));
    }

    // ---- firstConfident

    @Test
    void should_send_only_the_unconfident_tickets_to_the_secondary_as_one_batch() {
        BatchFake rules = new BatchFake("rules", "billing");
        rules.limits = ClassifierLimits.cpuBound();
        rules.confidence = ticket -> ticket.text().contains("sure") ? 0.9 : 0.2;
        BatchFake model = new BatchFake("llm", "technical");
        List<Ticket> batch = tickets("sure a", "b", "sure c", "d", "e");

        List<ClassificationResult> results = Classifiers.firstConfident(rules, 0.5, model).classifyAll(batch, TAXONOMY);

        assertThat(rules.batches).containsExactly(5);
        assertThat(model.batches).containsExactly(3);
        assertThat(model.singleCalls).hasValue(0);
        assertThat(results).extracting(ClassificationResult::ticketId).containsExactlyElementsOf(ids(batch));
        assertThat(results).extracting(r -> r.value().orElseThrow().provenance().classifier())
                .as("provenance names the classifier whose labels are stored").containsExactly("rules", "llm", "rules", "llm", "llm");
    }

    @Test
    void should_fail_retryably_and_not_store_the_weak_answer_when_the_secondary_is_rate_limited() {
        // the reproduction: a 429 stored the rule answer with confidence 0.2 and no retry
        BatchFake model = new BatchFake("llm", "technical");
        RateLimitedException throttled = new RateLimitedException("HTTP 429", NOW.plusSeconds(20), NOW);
        model.failure = ticket -> throttled;
        Classifier composite = Classifiers.firstConfident(RuleClassifier.ofDefaults(), 0.5, model);

        assertThatThrownBy(() -> composite.classify(ticket(1, "lorem ipsum"), TAXONOMY)).isSameAs(throttled);
        List<ClassificationResult> results = composite.classifyAll(tickets("lorem ipsum", "dolor sit"), TAXONOMY);

        assertThat(results).allSatisfy(result -> {
            assertThat(result.value()).isEmpty();
            assertThat(result.error()).containsSame(throttled);
            assertThat(result.error().orElseThrow().retryable()).isTrue();
        });
    }

    @Test
    void should_fail_the_unconfident_tickets_when_the_secondarys_async_call_fails() {
        BatchFake rules = new BatchFake("rules", "billing");
        rules.confidence = ticket -> ticket.text().contains("sure") ? 0.9 : 0.2;
        BatchFake model = new BatchFake("llm", "technical");
        model.stageFailure = new RateLimitedException("HTTP 429", NOW.plusSeconds(20), NOW);

        List<ClassificationResult> results = await(Classifiers.firstConfident(rules, 0.5, model)
                .classifyAllAsync(tickets("sure a", "b"), TAXONOMY, NO_BLOCKING));

        assertThat(results.get(0).value().orElseThrow().provenance().classifier()).isEqualTo("rules");
        assertThat(results.get(1).error()).containsInstanceOf(RateLimitedException.class);
    }

    @Test
    void should_fail_the_ticket_when_the_secondary_fails_permanently() {
        BatchFake model = new BatchFake("llm", "technical");
        model.failure = ticket -> ClassificationException.permanent("HTTP 401 (check the API key)");
        Classifier composite = Classifiers.firstConfident(RuleClassifier.ofDefaults(), 0.5, model);

        List<ClassificationResult> results = composite.classifyAll(tickets("lorem ipsum"), TAXONOMY);

        assertThat(results.get(0).error()).hasValueSatisfying(e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void should_use_both_parts_async_forms_when_first_confident_is_called_async() {
        BatchFake rules = new BatchFake("rules", "billing");
        rules.holdAsync = true;
        rules.confidence = ticket -> ticket.text().contains("sure") ? 0.9 : 0.2;
        BatchFake model = new BatchFake("llm", "technical");
        model.holdAsync = true;
        List<Ticket> batch = tickets("sure a", "b", "c");

        CompletableFuture<List<ClassificationResult>> stage = Classifiers.firstConfident(rules, 0.5, model)
                .classifyAllAsync(batch, TAXONOMY, NO_BLOCKING).toCompletableFuture();
        rules.release();

        assertThat(stage).isNotDone();
        assertThat(model.asyncBatches).containsExactly(2);
        model.release();
        assertThat(await(stage)).extracting(r -> r.value().orElseThrow().provenance().classifier()).containsExactly("rules", "llm", "llm");
        assertThat(rules.batches).isEmpty();
        assertThat(model.batches).isEmpty();
    }

    @Test
    void should_declare_the_secondarys_limits_when_first_confident() {
        BatchFake model = new BatchFake("llm", "technical");
        model.limits = ClassifierLimits.remote(64, 8);

        assertThat(Classifiers.firstConfident(RuleClassifier.ofDefaults(), 0.5, model).limits()).isEqualTo(ClassifierLimits.remote(64, 8));
    }

    @Test
    void should_cut_batches_to_the_parts_preferred_size() {
        BatchFake model = new BatchFake("llm", "technical");
        model.limits = ClassifierLimits.remote(64, 2);
        List<Ticket> batch = tickets("a", "b", "c", "d", "e");

        List<ClassificationResult> results = Classifiers.cached(model, 10).classifyAll(batch, TAXONOMY);

        assertThat(model.batches).containsExactly(2, 2, 1);
        assertThat(results).extracting(ClassificationResult::ticketId).containsExactlyElementsOf(ids(batch));
    }

    // ---- RuleClassifier

    @Test
    void should_declare_cpu_bound_limits_for_the_rule_classifier() {
        assertThat(RuleClassifier.ofDefaults().limits()).isEqualTo(ClassifierLimits.cpuBound());
    }
}
