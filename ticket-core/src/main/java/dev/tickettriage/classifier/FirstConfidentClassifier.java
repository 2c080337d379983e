package dev.tickettriage.classifier;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.port.Classifier;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Primary unless unsure about the category, then secondary; see {@link Classifiers#firstConfident}. */
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
        if (first.confidenceValue(ClassificationField.CATEGORY) >= threshold) return first;
        try {
            return secondary.classify(ticket, taxonomy);
        } catch (ClassificationException e) {
            LOG.debug("ticket {}: {} failed ({}), keeping the answer of {}", ticket.id(), secondary.name(),
                    e.getClass().getSimpleName(), primary.name());
            String note = secondary.name() + " failed (" + e.getClass().getSimpleName() + "), kept " + primary.name();
            return first.toBuilder().rationale(first.rationale().map(r -> r + "; " + note).orElse(note)).build();
        }
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return capabilities;
    }

    @Override
    public String name() {
        return primary.name() + ">" + secondary.name();
    }
}
