package dev.tickettriage.benchmarks;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.port.Notifier;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Shared pieces for the pipeline benchmarks: a classifier that does no work and a counting notifier. */
final class BenchmarkFixtures {

    private BenchmarkFixtures() {
    }

    /** Answers at once: NEGATIVE for bodies containing "angry" (so the default rules notify), else NEUTRAL. */
    static final class NoOpClassifier implements Classifier {
        private final Classification calm;
        private final Classification angry;

        NoOpClassifier(Taxonomy taxonomy) {
            Provenance provenance = Provenance.of("no-op", taxonomy.version(), Duration.ZERO);
            Classification base = Classification.builder().category(taxonomy.categories().get(0)).sentimentFromScore(0)
                    .priority(Priority.MEDIUM).confidence(ClassificationField.CATEGORY, Confidence.of(0.9, ConfidenceSource.RULE))
                    .confidence(ClassificationField.PRIORITY, Confidence.of(0.9, ConfidenceSource.RULE))
                    .provenance(provenance).build();
            this.calm = base;
            this.angry = base.toBuilder().sentimentFromScore(-0.7).priority(Priority.HIGH).category(Category.of("complaint")).build();
        }

        @Override
        public Classification classify(Ticket ticket, Taxonomy taxonomy) {
            return ticket.body().contains("angry") ? angry : calm;
        }

        @Override
        public Set<ClassificationField> capabilities() {
            return Set.of(ClassificationField.CATEGORY, ClassificationField.SENTIMENT, ClassificationField.PRIORITY);
        }

        @Override
        public String name() {
            return "no-op";
        }
    }

    /** Counts deliveries. */
    static final class CountingNotifier implements Notifier {
        final AtomicLong delivered = new AtomicLong();

        @Override
        public DeliveryResult deliver(Notification notification) {
            delivered.incrementAndGet();
            return DeliveryResult.delivered();
        }
    }
}
