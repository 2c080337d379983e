package dev.tickettriage.testkit;

import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.port.Classifier;

/** The contract again with a taxonomy that shares no label with the default one and has no fallback. */
class RuleClassifierCustomTaxonomyContractTest extends ClassifierContract {

    @Override
    protected Classifier newClassifier() {
        return RuleClassifier.builder().rule("Refund_not_showing_up", "refund").build();
    }

    @Override
    protected Taxonomy taxonomy() {
        return Taxonomy.builder().version("banking-sample-1")
                .category("card_arrival", "card_arrival")
                .category("Refund_not_showing_up", "Refund_not_showing_up")
                .category("lost_or_stolen_card", "lost_or_stolen_card")
                .build();
    }
}
