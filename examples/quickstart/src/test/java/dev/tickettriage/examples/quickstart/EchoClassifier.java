package dev.tickettriage.examples.quickstart;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Language;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.port.Classifier;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A predictable classifier for tests: the category is the last label of the taxonomy, the summary is the
 * body verbatim, "!!!" makes the ticket very negative and urgent, and a body containing "FAIL" fails permanently.
 */
final class EchoClassifier implements Classifier {

    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        if (ticket.body().contains("FAIL")) {
            throw ClassificationException.permanent("echo classifier refuses this ticket");
        }
        boolean angry = ticket.body().contains("!!!");
        List<Category> categories = taxonomy.categories();
        return Classification.builder()
                .category(categories.get(categories.size() - 1))
                .sentimentFromScore(angry ? -0.9 : 0.1)
                .priority(angry ? Priority.URGENT : Priority.LOW)
                .language(Language.of("es"))
                .confidence(ClassificationField.CATEGORY, Confidence.of(0.875, ConfidenceSource.RULE))
                .confidence(ClassificationField.SENTIMENT, Confidence.of(0.5, ConfidenceSource.RULE))
                .summary(ticket.body())
                .keyTopics(List.of("echo", "test"))
                .rationale("echoed")
                .provenance(Provenance.of("echo", taxonomy.version(), Duration.ZERO))
                .build();
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return EnumSet.of(ClassificationField.CATEGORY, ClassificationField.SENTIMENT, ClassificationField.PRIORITY,
                ClassificationField.SUMMARY);
    }

    @Override
    public String name() {
        return "echo";
    }
}
