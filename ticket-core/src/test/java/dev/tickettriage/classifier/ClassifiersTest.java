package dev.tickettriage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.port.Classifier;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClassifiersTest {

    private final Taxonomy taxonomy = Taxonomy.defaultSupport();

    /** A fake that answers a fixed label and confidence, counts calls, and can be told to fail. */
    static final class FixedClassifier implements Classifier {
        final String name;
        final String label;
        final double confidence;
        final AtomicInteger calls = new AtomicInteger();
        volatile RuntimeException failure;

        FixedClassifier(String name, String label, double confidence) {
            this.name = name;
            this.label = label;
            this.confidence = confidence;
        }

        @Override
        public Classification classify(Ticket ticket, Taxonomy taxonomy) {
            calls.incrementAndGet();
            if (failure != null) throw failure;
            return Classification.builder().category(Category.of(label)).sentiment(Sentiment.NEUTRAL).priority(Priority.MEDIUM)
                    .confidence(ClassificationField.CATEGORY, Confidence.of(confidence, ConfidenceSource.MODEL))
                    .rationale(name + " says " + label)
                    .provenance(Provenance.of(name, taxonomy.version(), Duration.ZERO)).build();
        }

        @Override
        public Set<ClassificationField> capabilities() {
            return Set.of(ClassificationField.CATEGORY);
        }

        @Override
        public String name() {
            return name;
        }
    }

    @Test
    void should_use_primary_when_its_category_confidence_reaches_threshold() {
        FixedClassifier primary = new FixedClassifier("rules", "billing", 0.7);
        FixedClassifier secondary = new FixedClassifier("llm", "technical", 0.9);

        Classification result = Classifiers.firstConfident(primary, 0.5, secondary).classify(RuleClassifierTest.ticket("x"), taxonomy);

        assertThat(result.category().id()).isEqualTo("billing");
        assertThat(secondary.calls).hasValue(0);
    }

    @Test
    void should_ask_secondary_when_primary_is_unsure() {
        FixedClassifier secondary = new FixedClassifier("llm", "technical", 0.9);
        Classifier composite = Classifiers.firstConfident(RuleClassifier.ofDefaults(), 0.5, secondary);

        Classification result = composite.classify(RuleClassifierTest.ticket("lorem ipsum"), taxonomy);

        assertThat(result.category().id()).isEqualTo("technical");
        assertThat(composite.name()).isEqualTo("rules>llm");
    }

    @Test
    void should_fail_with_the_secondarys_failure_when_secondary_fails() {
        FixedClassifier primary = new FixedClassifier("rules", "other", 0.2);
        FixedClassifier secondary = new FixedClassifier("llm", "technical", 0.9);
        ClassificationException unavailable = ClassificationException.retryable("HTTP 503", (Throwable) null);
        secondary.failure = unavailable;

        assertThatThrownBy(() -> Classifiers.firstConfident(primary, 0.5, secondary).classify(RuleClassifierTest.ticket("x"), taxonomy))
                .isSameAs(unavailable);
    }

    @Test
    void should_reject_threshold_outside_unit_interval() {
        Classifier rules = RuleClassifier.ofDefaults();
        assertThatThrownBy(() -> Classifiers.firstConfident(rules, 1.5, rules)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Classifiers.firstConfident(rules, Double.NaN, rules)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_use_fallback_when_primary_throws_classification_exception() {
        FixedClassifier primary = new FixedClassifier("llm", "billing", 0.9);
        primary.failure = ClassificationException.permanent("HTTP 401 (check the API key)");
        FixedClassifier fallback = new FixedClassifier("rules", "other", 0.2);
        Classifier composite = Classifiers.withFallback(primary, fallback);

        assertThat(composite.classify(RuleClassifierTest.ticket("a"), taxonomy).category().id()).isEqualTo("other");
        assertThat(composite.classify(RuleClassifierTest.ticket("b"), taxonomy).category().id()).isEqualTo("other");
        assertThat(fallback.calls).hasValue(2);
    }

    @Test
    void should_not_hide_programming_errors_when_primary_throws_other_exception() {
        FixedClassifier primary = new FixedClassifier("llm", "billing", 0.9);
        primary.failure = new IllegalStateException("bug");
        Classifier composite = Classifiers.withFallback(primary, new FixedClassifier("rules", "other", 0.2));

        assertThatThrownBy(() -> composite.classify(RuleClassifierTest.ticket("a"), taxonomy)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void should_call_delegate_once_when_texts_differ_only_in_case_and_whitespace() {
        FixedClassifier delegate = new FixedClassifier("llm", "billing", 0.9);
        Classifier cached = Classifiers.cached(delegate, 10);

        Classification first = cached.classify(RuleClassifierTest.ticket("Where is  my\nRefund?"), taxonomy);
        Classification second = cached.classify(RuleClassifierTest.ticket("where is my refund?"), taxonomy);

        assertThat(second.category()).isEqualTo(first.category());
        assertThat(second.provenance().isCacheHit()).isTrue();
        assertThat(delegate.calls).hasValue(1);
    }

    @Test
    void should_miss_cache_when_taxonomy_version_differs() {
        FixedClassifier delegate = new FixedClassifier("llm", "billing", 0.9);
        Classifier cached = Classifiers.cached(delegate, 10);
        Taxonomy other = Taxonomy.builder().version("v2").category("billing", "b").build();

        cached.classify(RuleClassifierTest.ticket("refund"), taxonomy);
        cached.classify(RuleClassifierTest.ticket("refund"), other);

        assertThat(delegate.calls).hasValue(2);
    }

    @Test
    void should_evict_least_recently_used_when_full() {
        FixedClassifier delegate = new FixedClassifier("llm", "billing", 0.9);
        Classifier cached = Classifiers.cached(delegate, 2);

        cached.classify(RuleClassifierTest.ticket("a"), taxonomy);
        cached.classify(RuleClassifierTest.ticket("b"), taxonomy);
        cached.classify(RuleClassifierTest.ticket("a"), taxonomy);   // a is now the most recent
        cached.classify(RuleClassifierTest.ticket("c"), taxonomy);   // evicts b
        cached.classify(RuleClassifierTest.ticket("a"), taxonomy);
        cached.classify(RuleClassifierTest.ticket("b"), taxonomy);

        assertThat(delegate.calls).hasValue(4);
        assertThat(((CachingClassifier) cached).size()).isEqualTo(2);
    }

    @Test
    void should_not_cache_failures() {
        FixedClassifier delegate = new FixedClassifier("llm", "billing", 0.9);
        delegate.failure = ClassificationException.retryable("timeout", (Throwable) null);
        Classifier cached = Classifiers.cached(delegate, 2);

        assertThatThrownBy(() -> cached.classify(RuleClassifierTest.ticket("a"), taxonomy)).isInstanceOf(ClassificationException.class);
        delegate.failure = null;

        assertThat(cached.classify(RuleClassifierTest.ticket("a"), taxonomy).category().id()).isEqualTo("billing");
        assertThat(delegate.calls).hasValue(2);
    }

    @Test
    void should_key_cache_by_sha256_of_normalised_text() {
        assertThat(CachingClassifier.key("Hola  Señor\n", "v1")).isEqualTo(CachingClassifier.key("hola señor", "v1"))
                .hasSize(64).matches("[0-9a-f]{64}");
        assertThat(CachingClassifier.key("hola", "v1")).isNotEqualTo(CachingClassifier.key("hola", "v2"));
    }
}
