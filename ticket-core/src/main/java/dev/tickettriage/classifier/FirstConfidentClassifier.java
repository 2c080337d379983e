package dev.tickettriage.classifier;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Primary unless unsure about the category, then secondary; see {@link Classifiers#firstConfident}. A batch goes to
 * the primary as one batch; only its unconfident tickets go to the secondary, as one batch. The secondary's answer
 * replaces the primary's, and so does its failure: a 429 or a timeout of the secondary fails the ticket (retryable),
 * it never stores the primary's weak answer.
 */
final class FirstConfidentClassifier implements Classifier {

    private static final Logger LOG = LoggerFactory.getLogger(FirstConfidentClassifier.class);

    private final Classifier primary;
    private final double threshold;
    private final Classifier secondary;
    private final Set<ClassificationField> capabilities;

    FirstConfidentClassifier(Classifier primary, double threshold, Classifier secondary) {
        this.primary = primary;
        this.threshold = threshold;
        this.secondary = secondary;
        EnumSet<ClassificationField> union = EnumSet.noneOf(ClassificationField.class);
        union.addAll(primary.capabilities());
        union.addAll(secondary.capabilities());
        this.capabilities = Set.copyOf(union);
    }

    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        Classification first = primary.classify(ticket, taxonomy);
        if (isConfident(first)) return first;
        return secondary.classify(ticket, taxonomy);   // its failure is the ticket's failure: no weak answer stored
    }

    @Override
    public List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
        return Batches.twoStage(primary, secondary, tickets, taxonomy, this::unconfident);
    }

    @Override
    public CompletionStage<List<ClassificationResult>> classifyAllAsync(List<Ticket> tickets, Taxonomy taxonomy, Executor executor) {
        return Batches.twoStageAsync(primary, secondary, tickets, taxonomy, executor, this::unconfident);
    }

    private boolean isConfident(Classification classification) {
        return classification.confidenceValue(ClassificationField.CATEGORY) >= threshold;
    }

    /** The tickets the primary classified below the threshold, in batch order (its failures stay failures). */
    private List<Ticket> unconfident(List<Ticket> tickets, Map<TicketId, ClassificationResult> results) {
        List<Ticket> unsure = new ArrayList<>();
        for (Ticket ticket : tickets) {
            if (results.get(ticket.id()).value().filter(classification -> !isConfident(classification)).isPresent()) unsure.add(ticket);
        }
        if (!unsure.isEmpty()) LOG.debug("{} unsure about {} of {} ticket(s); asking {}", primary.name(), unsure.size(), tickets.size(), secondary.name());
        return unsure;
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return capabilities;
    }

    /**
     * The secondary's limits: in the intended use (rules first, a model when they are unsure) the secondary is the
     * remote, slow part that bounds how many calls may be in flight, while the primary is cheap; a composite batch of the
     * secondary's preferred size makes at most one secondary call, so the secondary gets no more calls in flight than
     * it declared.
     */
    @Override
    public ClassifierLimits limits() {
        return secondary.limits();
    }

    @Override
    public String name() {
        return primary.name() + ">" + secondary.name();
    }
}
