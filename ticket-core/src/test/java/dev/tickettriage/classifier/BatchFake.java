package dev.tickettriage.classifier;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TokenUsage;
import dev.tickettriage.error.TriageException;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A counting fake that implements the batch and async forms itself: it records the size of every batch it receives
 * through {@code classifyAll} and {@code classifyAllAsync}, can fail chosen tickets, answer with a chosen confidence,
 * hold its async answers until a test completes them, and tamper with the ids it answers.
 */
final class BatchFake implements Classifier {

    final String name;
    final String label;
    ClassifierLimits limits = ClassifierLimits.remote(64, 8);
    Function<Ticket, Double> confidence = ticket -> 0.9;
    Function<Ticket, @Nullable TriageException> failure = ticket -> null;
    @Nullable RuntimeException stageFailure;
    TokenUsage tokens = TokenUsage.NONE;
    @Nullable BigDecimal cost;
    boolean holdAsync;
    UnaryOperator<List<ClassificationResult>> tamper = UnaryOperator.identity();

    final List<Integer> batches = new CopyOnWriteArrayList<>();
    final List<Integer> asyncBatches = new CopyOnWriteArrayList<>();
    final List<Ticket> seen = new CopyOnWriteArrayList<>();
    final AtomicInteger singleCalls = new AtomicInteger();
    final List<CompletableFuture<List<ClassificationResult>>> held = new CopyOnWriteArrayList<>();
    private final List<Runnable> releases = new CopyOnWriteArrayList<>();

    BatchFake(String name, String label) {
        this.name = name;
        this.label = label;
    }

    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        singleCalls.incrementAndGet();
        seen.add(ticket);
        TriageException failed = failure.apply(ticket);
        if (failed != null) throw failed;
        return answer(ticket, taxonomy);
    }

    @Override
    public List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
        batches.add(tickets.size());
        if (stageFailure != null) throw stageFailure;
        return tamper.apply(answers(tickets, taxonomy));
    }

    @Override
    public CompletionStage<List<ClassificationResult>> classifyAllAsync(List<Ticket> tickets, Taxonomy taxonomy, Executor executor) {
        asyncBatches.add(tickets.size());
        if (!holdAsync) {
            return stageFailure != null ? CompletableFuture.failedFuture(stageFailure) : CompletableFuture.completedFuture(tamper.apply(answers(tickets, taxonomy)));
        }
        CompletableFuture<List<ClassificationResult>> future = new CompletableFuture<>();
        held.add(future);
        releases.add(() -> {
            if (stageFailure != null) future.completeExceptionally(stageFailure);
            else future.complete(tamper.apply(answers(tickets, taxonomy)));
        });
        return future;
    }

    /** Completes every held async call. */
    void release() {
        List<Runnable> now = new ArrayList<>(releases);
        releases.clear();
        now.forEach(Runnable::run);
    }

    private List<ClassificationResult> answers(List<Ticket> tickets, Taxonomy taxonomy) {
        List<ClassificationResult> results = new ArrayList<>();
        for (Ticket ticket : tickets) {
            seen.add(ticket);
            TriageException failed = failure.apply(ticket);
            results.add(failed != null ? ClassificationResult.failure(ticket.id(), failed) : ClassificationResult.success(ticket.id(), answer(ticket, taxonomy)));
        }
        return results;
    }

    private Classification answer(Ticket ticket, Taxonomy taxonomy) {
        Provenance.Builder provenance = Provenance.builder(name, taxonomy.version()).latency(Duration.ofMillis(800)).tokenUsage(tokens);
        if (cost != null) provenance.estimatedCostUsd(cost);
        return Classification.builder().category(Category.of(label)).sentiment(Sentiment.NEUTRAL).priority(Priority.MEDIUM)
                .confidence(ClassificationField.CATEGORY, Confidence.of(confidence.apply(ticket), ConfidenceSource.MODEL))
                .provenance(provenance.build()).build();
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return Set.of(ClassificationField.CATEGORY);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ClassifierLimits limits() {
        return limits;
    }
}
