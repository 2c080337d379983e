package dev.tickettriage.classifier.embedded;

import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.testkit.ClassifierContract;
import org.junit.jupiter.api.BeforeAll;

/** The embedded classifier (in-jar BGE encoder + n-grams), trained on the default taxonomy's examples, passes the contract. */
class EmbeddedClassifierContractTest extends ClassifierContract {

    private static EmbeddedModel model;

    @BeforeAll
    static void train() {
        Taxonomy taxonomy = Taxonomy.defaultSupport();
        model = EmbeddedTrainer.create(SharedEncoder.bge(), TrainingOptions.defaults()).train(TrainingSet.fromTaxonomy(taxonomy), taxonomy);
    }

    @Override
    protected Classifier newClassifier() {
        return EmbeddedClassifier.of(model, SharedEncoder.bge());
    }
}
