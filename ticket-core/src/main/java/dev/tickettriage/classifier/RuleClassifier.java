// TEMPORARY STUB so main compiles; replaced by the real implementation from branch h-rules / h-classifier.
package dev.tickettriage.classifier;
import dev.tickettriage.domain.*;
import dev.tickettriage.port.Classifier;
import java.util.Set;
public final class RuleClassifier implements Classifier {
    public static RuleClassifier ofDefaults() { return new RuleClassifier(); }
    public Classification classify(Ticket t, Taxonomy tx) { return Classification.builder().category(tx.categories().get(0)).sentiment(Sentiment.NEUTRAL).priority(Priority.MEDIUM).provenance(Provenance.of("rules", tx.version(), java.time.Duration.ZERO)).build(); }
    public Set<ClassificationField> capabilities() { return Set.of(ClassificationField.CATEGORY); }
}
