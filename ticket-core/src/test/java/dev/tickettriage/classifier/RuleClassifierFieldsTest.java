package dev.tickettriage.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.FieldChoice;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.Taxonomy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleClassifierFieldsTest {

    static final Taxonomy TAXONOMY = Taxonomy.defaultSupport().toBuilder()
            .version("support-fields-test")
            .field(FieldDefinition.oneOf("product_area", "Part of the product",
                    FieldChoice.of("mobile_app", "The phone app", List.of("the app keeps crashing"),
                            List.of("mobile app", "iphone app", "android app", "aplicación móvil", "app del móvil")),
                    FieldChoice.of("web_dashboard", "The web dashboard", List.of("the dashboard will not load"),
                            List.of("dashboard", "web site", "website", "panel web", "página web")),
                    FieldChoice.of("integrations", "Connections to other tools", List.of(),
                            List.of("integration", "api", "webhook", "integración", "integracion"))))
            .field(FieldDefinition.manyOf("channels_tried", "Where the customer already asked", 1, 2,
                    FieldChoice.of("phone", "", List.of(), List.of("called", "phone", "llamé", "teléfono")),
                    FieldChoice.of("email", "", List.of(), List.of("email", "e-mail", "correo")),
                    FieldChoice.of("chat", "", List.of(), List.of("chat", "live chat"))))
            .field(FieldDefinition.bool("refund_requested", "Asks for money back",
                    List.of("refund", "money back", "reimburse", "reembolso", "devuelvan el dinero", "devolución del dinero"),
                    List.of()))
            .field(FieldDefinition.oneOf("churn_risk", "How likely the customer is to leave",
                    FieldChoice.of("high", "Threatens to cancel or switch", List.of("I will cancel my subscription"),
                            List.of("cancel my account", "switch to another provider", "darme de baja", "cancelar mi suscripción",
                                    "me cambio de compañía")),
                    FieldChoice.of("low", "Happy customer", List.of(), List.of())))
            .field(FieldDefinition.integer("seats", "Licensed seats", 1, 10_000))
            .field(FieldDefinition.text("product_name", "Product named", 80))
            .build();

    private final RuleClassifier classifier = RuleClassifier.ofDefaults();

    private Classification classify(String body) {
        return classifier.classify(RuleClassifierTest.ticket(body), TAXONOMY);
    }

    @Test
    void should_fill_closed_set_and_boolean_fields_from_aliases_when_ticket_mentions_them() {
        Classification result = classify("The mobile app charged me twice, I want a refund or I will cancel my account. "
                + "I already called and sent an email. We have 40 seats on Pro Max.");

        assertThat(result.fieldValue("product_area")).contains(FieldValue.choice("mobile_app"));
        assertThat(result.fieldValue("refund_requested")).contains(FieldValue.of(true));
        assertThat(result.fieldValue("churn_risk")).contains(FieldValue.choice("high"));
        assertThat(result.fieldValue("channels_tried")).contains(FieldValue.choices("phone", "email"));
        assertThat(result.field("product_area").orElseThrow().confidence().source()).isEqualTo(ConfidenceSource.RULE);
        assertThat(result.field("product_area").orElseThrow().confidence().value()).isBetween(0.5, 0.95);
        assertThat(result.rationale().orElseThrow()).contains("product_area=mobile_app (matched 'mobile app')");
        TAXONOMY.requireValidFields(result);
    }

    @Test
    void should_never_fill_numbers_or_free_text() {
        Classification result = classify("We have 40 seats and use the product Pro Max on the dashboard.");

        assertThat(result.isFilled("seats")).isFalse();
        assertThat(result.isFilled("product_name")).isFalse();
        assertThat(result.fieldValue("product_area")).contains(FieldValue.choice("web_dashboard"));
    }

    @Test
    void should_fill_spanish_tickets_from_spanish_aliases_ignoring_accents() {
        Classification result = classify("La aplicacion movil no carga. Quiero que me devuelvan el dinero o voy a darme de baja.");

        assertThat(result.fieldValue("product_area")).contains(FieldValue.choice("mobile_app"));
        assertThat(result.fieldValue("refund_requested")).contains(FieldValue.of(true));
        assertThat(result.fieldValue("churn_risk")).contains(FieldValue.choice("high"));
    }

    @Test
    void should_leave_every_field_not_filled_when_nothing_matches() {
        Classification result = classify("Hello, what are your opening hours?");

        assertThat(result.fields()).isEmpty();
        assertThat(result.rationale().orElseThrow()).doesNotContain("fields");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            I don't want a refund, just an answer.        | refund_requested
            No quiero reembolso, solo una respuesta.       | refund_requested
            """)
    void should_not_fill_from_a_negated_cue(String body, String field) {
        assertThat(classify(body).isFilled(field)).isFalse();
    }

    @Test
    void should_read_spanish_si_no_as_otherwise_not_as_a_negation() {
        Classification result = classify("Quiero un reembolso, si no voy a darme de baja.");

        assertThat(result.fieldValue("churn_risk")).contains(FieldValue.choice("high"));
    }

    @Test
    void should_leave_one_of_not_filled_when_two_values_tie() {
        Classification result = classify("Both the mobile app and the dashboard are broken.");

        assertThat(result.isFilled("product_area")).isFalse();
    }

    @Test
    void should_leave_many_of_not_filled_when_the_cut_falls_in_a_tie() {
        Classification result = classify("I called, sent an email and used the live chat.");

        assertThat(result.isFilled("channels_tried")).as("three equal matches for at most two values").isFalse();
    }

    @Test
    void should_fill_nothing_when_taxonomy_declares_no_fields() {
        Classification result = classifier.classify(RuleClassifierTest.ticket("The mobile app wants a refund"), Taxonomy.defaultSupport());

        assertThat(result.fields()).isEmpty();
    }
}
