package dev.tickettriage.testkit;

import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.port.Classifier;

class RuleClassifierContractTest extends ClassifierContract {

    @Override
    protected Classifier newClassifier() {
        return RuleClassifier.ofDefaults();
    }
}
