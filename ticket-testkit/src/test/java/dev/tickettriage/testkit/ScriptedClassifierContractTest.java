package dev.tickettriage.testkit;

import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.util.Optional;

class ScriptedClassifierContractTest extends ClassifierContract {

    private static final String FAILING = "zzqx scripted failure";

    @Override
    protected Classifier newClassifier() {
        return ScriptedClassifier.builder().limits(ClassifierLimits.remote(16, 4))
                .when(FAILING, ticket -> {
                    throw ClassificationException.permanent("scripted failure");
                }).build();
    }

    @Override
    protected Optional<String> failingTicketBody() {
        return Optional.of(FAILING);
    }
}
