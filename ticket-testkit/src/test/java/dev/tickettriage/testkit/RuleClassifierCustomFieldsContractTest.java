package dev.tickettriage.testkit;

import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.domain.FieldChoice;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.port.Classifier;
import java.util.List;

/** The contract again with custom fields of every kind, including cues the sample bodies hit ("refund", "checkout"). */
class RuleClassifierCustomFieldsContractTest extends ClassifierContract {

    @Override
    protected Classifier newClassifier() {
        return RuleClassifier.ofDefaults();
    }

    @Override
    protected Taxonomy taxonomy() {
        return Taxonomy.defaultSupport().toBuilder().version("support-fields-contract-1")
                .field(FieldDefinition.oneOf("product_area", "Part of the product",
                        FieldChoice.of("payments", "", List.of("my card was charged twice at checkout"), List.of("checkout", "facturas")),
                        FieldChoice.of("mobile_app", "", List.of(), List.of("app", "aplicación"))).asRequired())
                .field(FieldDefinition.manyOf("channels", "", 1, 2, FieldChoice.of("email", "", List.of(), List.of("email")),
                        FieldChoice.of("order", "", List.of(), List.of("order", "pedido")), FieldChoice.of("hacked", "", List.of(), List.of("HACKED"))))
                .field(FieldDefinition.bool("refund_requested", "", List.of("refund", "reembolso"), List.of("no refund")))
                .field(FieldDefinition.integer("seats", "", 1, 10))
                .field(FieldDefinition.text("product_name", "", 5))
                .build();
    }
}
