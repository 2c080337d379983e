package dev.tickettriage.classifier;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.RateLimitedException;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Calls a classifier while its {@link ClassifierBudget} lasts, counting every answer's tokens and cost; once a limit is
 * spent, either answers with a fallback classifier ({@link #withFallback}) or holds the tickets NEW until the period
 * resets ({@link #holding}), by failing them with a {@link RateLimitedException} whose {@code until} is the reset: the
 * pipeline then pauses this classifier without spending the tickets' attempts (it re-checks at least once a day, as
 * it bounds every rate-limit wait).
 *
 * <p>The budget is checked once per call (one ticket, or one batch). Batches keep their shape: a batch goes to the
 * classifier as one batch, or to the fallback (cut to its preferred size). The asynchronous form stays asynchronous.
 * Capabilities and limits are the classifier's. Thread-safe when its parts are.
 */
public final class BudgetedClassifier implements Classifier {

    private final Classifier primary;
    private final ClassifierBudget budget;
    private final @Nullable Classifier fallback;

    private BudgetedClassifier(Classifier primary, ClassifierBudget budget, @Nullable Classifier fallback) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.fallback = fallback;
    }

    /** Calls {@code primary} while {@code budget} lasts, then {@code fallback} until the spent limits reset. */
    public static BudgetedClassifier withFallback(Classifier primary, ClassifierBudget budget, Classifier fallback) {
        return new BudgetedClassifier(primary, budget, Objects.requireNonNull(fallback, "fallback"));
    }

    /** Calls {@code primary} while {@code budget} lasts, then holds tickets NEW (a rate-limit signal) until the spent limits reset. */
    public static BudgetedClassifier holding(Classifier primary, ClassifierBudget budget) {
        return new BudgetedClassifier(primary, budget, null);
    }

    /** The budget this classifier counts against. */
    public ClassifierBudget budget() {
        return budget;
    }

    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        Optional<Instant> spent = budget.spentUntil();
        if (spent.isPresent()) {
            if (fallback == null) throw held(spent.get(), 1);
            budget.countFallback(1);
            return fallback.classify(ticket, taxonomy);
        }
        Classification classification = primary.classify(ticket, taxonomy);
        budget.record(classification.provenance());
        return classification;
    }

    @Override
    public List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
        Optional<Instant> spent = budget.spentUntil();
        if (spent.isPresent()) {
            if (fallback == null) return heldAll(tickets, spent.get());
            budget.countFallback(tickets.size());
            return Batches.inOrder(tickets, Batches.classify(fallback, tickets, taxonomy));
        }
        return counted(primary.classifyAll(tickets, taxonomy));
    }

    @Override
    public CompletionStage<List<ClassificationResult>> classifyAllAsync(List<Ticket> tickets, Taxonomy taxonomy, Executor executor) {
        Optional<Instant> spent = budget.spentUntil();
        if (spent.isPresent()) {
            if (fallback == null) return CompletableFuture.completedFuture(heldAll(tickets, spent.get()));
            budget.countFallback(tickets.size());
            return Batches.classifyAsync(fallback, tickets, taxonomy, executor).thenApply(results -> Batches.inOrder(tickets, results));
        }
        return primary.classifyAllAsync(tickets, taxonomy, executor).thenApply(this::counted);
    }

    private List<ClassificationResult> counted(List<ClassificationResult> results) {
        for (ClassificationResult result : results) result.value().ifPresent(classification -> budget.record(classification.provenance()));
        return results;
    }

    private List<ClassificationResult> heldAll(List<Ticket> tickets, Instant until) {
        RateLimitedException held = held(until, tickets.size());
        List<ClassificationResult> results = new ArrayList<>(tickets.size());
        for (Ticket ticket : tickets) results.add(ClassificationResult.failure(ticket.id(), held));
        return results;
    }

    private RateLimitedException held(Instant until, int tickets) {
        budget.countHeld(tickets);
        return new RateLimitedException("budget " + budget.name() + " of classifier " + primary.name()
                + " is spent; tickets stay NEW until " + until, until, budget.now());
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return primary.capabilities();
    }

    @Override
    public ClassifierLimits limits() {
        return primary.limits();
    }

    @Override
    public String name() {
        return fallback == null ? primary.name() : primary.name() + "|" + fallback.name();
    }

    @Override
    public String toString() {
        return "BudgetedClassifier[" + name() + ", " + budget + "]";
    }
}
