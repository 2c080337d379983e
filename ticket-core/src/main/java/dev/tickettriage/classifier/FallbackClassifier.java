package dev.tickettriage.classifier;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.TriageException;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Primary, or fallback when the primary fails; see {@link Classifiers#withFallback}. A batch goes to the primary as
 * one batch; the tickets it failed with a {@link ClassificationException} go to the fallback as one batch.
 */
final class FallbackClassifier implements Classifier {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackClassifier.class);

    private final Classifier primary;
    private final Classifier fallback;
    private final Set<String> warnedKinds = ConcurrentHashMap.newKeySet();

    FallbackClassifier(Classifier primary, Classifier fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        try {
            return primary.classify(ticket, taxonomy);
        } catch (ClassificationException e) {
            falling(e, 1);
            return fallback.classify(ticket, taxonomy);
        }
    }

    @Override
    public List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
        return Batches.twoStage(primary, fallback, tickets, taxonomy, this::failed);
    }

    @Override
    public CompletionStage<List<ClassificationResult>> classifyAllAsync(List<Ticket> tickets, Taxonomy taxonomy, Executor executor) {
        return Batches.twoStageAsync(primary, fallback, tickets, taxonomy, executor, this::failed);
    }

    /** The tickets the primary failed with a classification error, in batch order; logs the fall back. */
    private List<Ticket> failed(List<Ticket> tickets, Map<TicketId, ClassificationResult> results) {
        List<Ticket> failed = new ArrayList<>();
        ClassificationException first = null;
        for (Ticket ticket : tickets) {
            TriageException error = results.get(ticket.id()).error().orElse(null);
            if (error instanceof ClassificationException) {
                failed.add(ticket);
                if (first == null) first = (ClassificationException) error;
            }
        }
        if (first != null) falling(first, failed.size());
        return failed;
    }

    private void falling(ClassificationException e, int tickets) {
        // the exception's class and retryability only: its message may echo ticket text
        String kind = e.getClass().getSimpleName() + (e.retryable() ? " (retryable)" : " (permanent)");
        if (warnedKinds.add(kind)) {
            LOG.warn("{} failed with {}; falling back to {} (logged once per failure kind)", primary.name(), kind, fallback.name());
        } else {
            LOG.debug("{} failed with {} for {} ticket(s); falling back to {}", primary.name(), kind, tickets, fallback.name());
        }
    }

    /** The primary's capabilities: what callers get on the normal path. */
    @Override
    public Set<ClassificationField> capabilities() {
        return primary.capabilities();
    }

    /**
     * The primary's limits: it is called for every ticket, the fallback only for the primary's failures, inside the
     * same call; the fallback's batches are cut to its own preferred size.
     */
    @Override
    public ClassifierLimits limits() {
        return primary.limits();
    }

    @Override
    public String name() {
        return primary.name() + "|" + fallback.name();
    }
}
