package dev.tickettriage.testkit;

import dev.tickettriage.classifier.Classifiers;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Language;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.time.Duration;
import java.util.Optional;

/**
 * The composition wrappers pass the contract: a first classifier unsure about some tickets, then a cached remote
 * model with a fallback. (Both parts report the same capabilities: a {@code firstConfident} of parts that fill
 * different fields reports their union, which the contract's "claims only what it fills" check rejects.)
 */
class ComposedClassifierContractTest extends ClassifierContract {

    private static final String UNSURE = "zzqx";
    private static final String FAILING = "zzqx qxzz";   // the first classifier is unsure about it; model and fallback fail it

    private static Classification unsure() {
        return Classification.builder().category(Category.of("other")).sentiment(Sentiment.NEUTRAL).priority(Priority.MEDIUM)
                .language(Language.UNDETERMINED).confidence(ClassificationField.CATEGORY, Confidence.of(0.1, ConfidenceSource.RULE))
                .provenance(Provenance.of("first", Taxonomy.defaultSupport().version(), Duration.ZERO)).build();
    }

    @Override
    protected Classifier newClassifier() {
        Classifier first = ScriptedClassifier.builder().name("first").when(UNSURE, unsure()).build();
        Classifier model = ScriptedClassifier.builder().name("model").limits(ClassifierLimits.remote(64, 8))
                .when(FAILING, ticket -> {
                    throw ClassificationException.retryable("HTTP 503", (Throwable) null);
                }).build();
        Classifier fallback = ScriptedClassifier.builder().name("fallback")
                .when(FAILING, ticket -> {
                    throw ClassificationException.permanent("fallback refuses too");
                }).build();
        return Classifiers.firstConfident(first, 0.5, Classifiers.cached(Classifiers.withFallback(model, fallback), 1_000));
    }

    @Override
    protected Optional<String> failingTicketBody() {
        return Optional.of(FAILING);
    }
}
