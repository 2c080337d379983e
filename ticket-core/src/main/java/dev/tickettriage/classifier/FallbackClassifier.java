package dev.tickettriage.classifier;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.port.Classifier;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Primary, or fallback when the primary fails; see {@link Classifiers#withFallback}. */
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
            String kind = e.getClass().getSimpleName() + (e.retryable() ? " (retryable)" : " (permanent)");
            if (warnedKinds.add(kind)) {
                LOG.warn("{} failed with {}; falling back to {} (logged once per failure kind)", primary.name(), kind, fallback.name());
            } else {
                LOG.debug("ticket {}: {} failed with {}; falling back to {}", ticket.id(), primary.name(), kind, fallback.name());
            }
            return fallback.classify(ticket, taxonomy);
        }
    }

    /** The primary's capabilities: what callers get on the normal path. */
    @Override
    public Set<ClassificationField> capabilities() {
        return primary.capabilities();
    }

    @Override
    public String name() {
        return primary.name() + "|" + fallback.name();
    }
}
