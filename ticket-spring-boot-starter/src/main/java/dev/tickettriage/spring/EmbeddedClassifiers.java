package dev.tickettriage.spring;

import dev.tickettriage.classifier.embedded.EmbeddedClassifier;
import dev.tickettriage.classifier.embedded.EncoderSettings;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.port.Classifier;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the embedded classifier's model file; loaded only when ticket-classifier-embedded is on the classpath. */
final class EmbeddedClassifiers {

    private EmbeddedClassifiers() {
    }

    static Classifier load(String modelFile, int intraOpThreads) {
        Path file = Path.of(modelFile);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("ticket-triage.classifier.embedded.model-file " + file.toAbsolutePath()
                    + " is not a readable file (train one with EmbeddedTrainer and save it)");
        }
        return EmbeddedClassifier.load(file, EncoderSettings.defaults().withIntraOpThreads(intraOpThreads));
    }

    /** The taxonomy the model was trained on: the pipeline must use the same one. */
    static Taxonomy taxonomy(Classifier classifier) {
        return ((EmbeddedClassifier) classifier).model().taxonomy();
    }
}
