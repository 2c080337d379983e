package dev.tickettriage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.error.InvalidFieldValueException;
import dev.tickettriage.error.InvalidInputException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CustomFieldsTest {

    static final FieldDefinition.OneOfField PLAN = FieldDefinition.oneOf("plan", "The customer's plan",
            FieldChoice.of("free", "Free tier"),
            FieldChoice.of("business", "Business plan", List.of(), List.of("biz", "empresas")),
            FieldChoice.of("enterprise", "Enterprise contract", List.of(), List.of("enterprise plan", "Corporativo")));
    static final FieldDefinition.ManyOfField AREAS = FieldDefinition.manyOf("product_areas", "Areas the ticket is about", 1, 2,
            FieldChoice.of("billing", "Invoices"), FieldChoice.of("mobile_app", "The app", List.of(), List.of("app móvil")),
            FieldChoice.of("web", "The web site"));
    static final FieldDefinition.BooleanField REFUND = FieldDefinition.bool("refund_requested", "Asks for money back",
            List.of("refund", "reembolso"), List.of());
    static final FieldDefinition.NumberField SEATS = FieldDefinition.integer("seats", "Licensed seats", 1, 500);
    static final FieldDefinition.NumberField CHURN = FieldDefinition.decimal("churn_risk", "Risk of leaving", 0, 1);
    static final FieldDefinition.TextField PRODUCT = FieldDefinition.text("product_name", "Product named", 10);

    static final Taxonomy TAXONOMY = Taxonomy.builder().version("fields-1").category("billing", "Billing")
            .field(PLAN.asRequired()).field(AREAS).field(REFUND).field(SEATS).field(CHURN).field(PRODUCT).build();

    private static Classification.Builder classification() {
        return Classification.builder().category(Category.of("billing")).sentiment(Sentiment.NEUTRAL).priority(Priority.MEDIUM)
                .provenance(Provenance.of("test", "fields-1", Duration.ZERO));
    }

    private static final Confidence SURE = Confidence.of(0.9, ConfidenceSource.MODEL);

    @Test
    void should_keep_field_declarations_in_order_when_built() {
        assertThat(TAXONOMY.fields()).extracting(FieldDefinition::name)
                .containsExactly("plan", "product_areas", "refund_requested", "seats", "churn_risk", "product_name");
        assertThat(TAXONOMY.requireField("plan").required()).isTrue();
        assertThat(TAXONOMY.field("refund_requested")).contains(REFUND);
        assertThat(TAXONOMY.field("nope")).isEmpty();
        assertThat(TAXONOMY.toString()).contains("fields=[plan, product_areas");
    }

    @Test
    void should_map_aliases_case_accents_and_separators_to_declared_value_when_parsing() {
        assertThat(TAXONOMY.requireField("plan").parse("Enterprise ")).isEqualTo(FieldValue.choice("enterprise"));
        assertThat(PLAN.parse("ENTERPRISE_PLAN")).isEqualTo(FieldValue.choice("enterprise"));
        assertThat(PLAN.parse("corporativo")).isEqualTo(FieldValue.choice("enterprise"));
        assertThat(PLAN.parse("Empresas")).isEqualTo(FieldValue.choice("business"));
        assertThat(AREAS.parse("App Movil| billing ")).isEqualTo(FieldValue.choices("billing", "mobile_app"));
        assertThat(AREAS.parse(List.of("web", "WEB"))).isEqualTo(FieldValue.choices("web"));
        assertThat(REFUND.parse(" Sí ")).isEqualTo(FieldValue.of(true));
        assertThat(REFUND.parse("no")).isEqualTo(FieldValue.of(false));
        assertThat(SEATS.parse("12.0")).isEqualTo(FieldValue.number(12));
        assertThat(CHURN.parse("0.75")).isEqualTo(FieldValue.number(0.75));
        assertThat(PRODUCT.parse("  Pro Max  ")).isEqualTo(FieldValue.text("Pro Max"));
    }

    static Stream<Arguments> hostileValues() {
        return Stream.of(
                Arguments.of("plan", (Supplier<FieldValue>) () -> PLAN.parse("platinum"), "is not one of the declared values"),
                Arguments.of("plan", (Supplier<FieldValue>) () -> PLAN.validate(FieldValue.choice("Enterprise")), "is not one of the declared values"),
                Arguments.of("plan", (Supplier<FieldValue>) () -> PLAN.validate(FieldValue.of(true)), "must be a one_of value, was a boolean value"),
                Arguments.of("plan", (Supplier<FieldValue>) () -> PLAN.parse("free\u0000"), "control characters"),
                Arguments.of("plan", (Supplier<FieldValue>) () -> PLAN.parse("free\uD800"), "unpaired UTF-16 surrogate"),
                Arguments.of("product_areas", (Supplier<FieldValue>) () -> AREAS.parse("billing|web|mobile_app"), "must hold 1 to 2 values, held 3"),
                Arguments.of("product_areas", (Supplier<FieldValue>) () -> AREAS.parse(" | "), "held 0"),
                Arguments.of("product_areas", (Supplier<FieldValue>) () -> AREAS.validate(FieldValue.choices("billing", "tv")), "not declared"),
                Arguments.of("product_areas", (Supplier<FieldValue>) () -> AREAS.validate(FieldValue.choice("billing")), "must be a many_of value"),
                Arguments.of("refund_requested", (Supplier<FieldValue>) () -> REFUND.parse("maybe"), "must be true or false"),
                Arguments.of("refund_requested", (Supplier<FieldValue>) () -> REFUND.validate(FieldValue.text("true")), "must be a boolean value"),
                Arguments.of("seats", (Supplier<FieldValue>) () -> SEATS.parse("2.5"), "must be a whole number"),
                Arguments.of("seats", (Supplier<FieldValue>) () -> SEATS.parse("501"), "must be in [1, 500]"),
                Arguments.of("seats", (Supplier<FieldValue>) () -> SEATS.parse("NaN"), "must be a decimal number"),
                Arguments.of("seats", (Supplier<FieldValue>) () -> SEATS.parse("1e400"), "must be a finite number"),
                Arguments.of("churn_risk", (Supplier<FieldValue>) () -> CHURN.validate(FieldValue.number(-0.1)), "must be in [0, 1]"),
                Arguments.of("churn_risk", (Supplier<FieldValue>) () -> CHURN.parse("lots"), "must be a decimal number"),
                Arguments.of("product_name", (Supplier<FieldValue>) () -> PRODUCT.parse("x".repeat(11)), "11 characters long, more than the maximum 10"),
                Arguments.of("product_name", (Supplier<FieldValue>) () -> PRODUCT.parse("line\nbreak"), "control characters"),
                Arguments.of("product_name", (Supplier<FieldValue>) () -> PRODUCT.validate(FieldValue.text("bell\u0007")), "control characters"),
                Arguments.of("product_name", (Supplier<FieldValue>) () -> PRODUCT.validate(FieldValue.text("bad\uDC00")), "unpaired UTF-16 surrogate"),
                Arguments.of("product_name", (Supplier<FieldValue>) () -> PRODUCT.parse(" \u200B "), "is blank"),
                Arguments.of("product_name", (Supplier<FieldValue>) () -> PRODUCT.validate(FieldValue.number(3)), "must be a text value"));
    }

    @ParameterizedTest
    @MethodSource("hostileValues")
    void should_reject_value_with_typed_error_naming_field_when_value_breaks_declaration(String field, Supplier<FieldValue> value,
                                                                                           String reason) {
        assertThatThrownBy(value::get).isInstanceOfSatisfying(InvalidFieldValueException.class, e -> {
            assertThat(e.fieldName()).isEqualTo(field);
            assertThat(e.field()).isEqualTo("fields." + field);
            assertThat(e.reason()).contains(reason);
            assertThat(e.retryable()).isTrue();
        });
    }

    @Test
    void should_not_quote_the_answer_when_rejecting_it() {
        assertThatThrownBy(() -> PLAN.parse("my password is hunter2"))
                .isInstanceOf(InvalidFieldValueException.class).hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> PRODUCT.parse("secret-token-123456"))
                .isInstanceOf(InvalidFieldValueException.class).hasMessageNotContaining("secret");
    }

    @Test
    void should_accept_classification_when_every_filled_field_fits_its_declaration() {
        Classification valid = classification()
                .field("plan", FieldValue.choice("enterprise"), SURE)
                .field("product_areas", FieldValue.choices("billing", "web"), SURE)
                .field("refund_requested", FieldValue.of(false), SURE)
                .field("seats", FieldValue.number(20), SURE)
                .field("churn_risk", FieldValue.number(0.2), SURE)
                .field("product_name", FieldValue.text("Pro Max"), SURE)
                .build();

        TAXONOMY.requireValidFields(valid);
        TAXONOMY.requireValidFields(classification().build());   // nothing filled, required "plan" included: fine
    }

    @Test
    void should_reject_classification_when_a_value_is_outside_its_set_or_the_field_is_not_declared() {
        assertThatThrownBy(() -> TAXONOMY.requireValidFields(classification().field("plan", FieldValue.choice("gold"), SURE).build()))
                .isInstanceOfSatisfying(InvalidFieldValueException.class, e -> assertThat(e.fieldName()).isEqualTo("plan"));
        assertThatThrownBy(() -> TAXONOMY.requireValidFields(classification().field("mood", FieldValue.of(true), SURE).build()))
                .isInstanceOfSatisfying(InvalidFieldValueException.class, e -> {
                    assertThat(e.fieldName()).isEqualTo("mood");
                    assertThat(e.reason()).contains("is not declared in taxonomy version fields-1");
                    assertThat(e).hasMessageNotContaining("mood");
                });
    }

    @Test
    void should_hold_only_filled_fields_with_their_own_confidence() {
        Classification filled = classification().field("plan", FieldValue.choice("free"), Confidence.of(0.4, ConfidenceSource.RULE))
                .field("seats", FieldValue.number(3), SURE).build();

        assertThat(filled.isFilled("plan")).isTrue();
        assertThat(filled.isFilled("refund_requested")).isFalse();
        assertThat(filled.field("plan").orElseThrow().confidence().source()).isEqualTo(ConfidenceSource.RULE);
        assertThat(filled.fieldValue("seats")).contains(FieldValue.number(3));
        assertThat(filled.fields().keySet()).containsExactly("plan", "seats");
        assertThat(filled.toBuilder().removeField("plan").build().isFilled("plan")).isFalse();
        assertThat(filled.toBuilder().build()).isEqualTo(filled);
        assertThat(filled).isNotEqualTo(classification().build());
    }

    @Test
    void should_give_canonical_strings_for_stores_and_csv() {
        assertThat(FieldValue.number(3).strings()).containsExactly("3");
        assertThat(FieldValue.number(-0.0).strings()).containsExactly("0");
        assertThat(FieldValue.number(0.75).strings()).containsExactly("0.75");
        assertThat(FieldValue.number(1200).strings()).containsExactly("1200");
        assertThat(FieldValue.of(true).joined()).isEqualTo("true");
        assertThat(FieldValue.choices("billing", "web").joined()).isEqualTo("billing|web");
        assertThat(FieldValue.text("secret text").toString()).doesNotContain("secret");
        assertThatThrownBy(() -> FieldValue.choices(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldValue.choices("a", "a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldValue.number(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> invalidDeclarations() {
        return Stream.of(
                Arguments.of((Supplier<Object>) () -> FieldDefinition.oneOf("plan", "Plan"), "taxonomy.fields.plan.values", "at least one value"),
                Arguments.of((Supplier<Object>) () -> FieldDefinition.oneOf("plan", "Plan", FieldChoice.of("a", ""), FieldChoice.of("a", "")),
                        "taxonomy.fields.plan.values", "duplicate value 'a'"),
                Arguments.of((Supplier<Object>) () -> FieldDefinition.oneOf("plan", "Plan",
                        FieldChoice.of("pro", "", List.of(), List.of("x")), FieldChoice.of("max", "", List.of(), List.of("X "))),
                        "taxonomy.fields.plan.values", "'X ' is used twice (by 'pro' and 'max')"),
                Arguments.of((Supplier<Object>) () -> FieldDefinition.bool("Refund Requested", ""), "taxonomy.fields", "'Refund Requested' must be lower snake case"),
                Arguments.of((Supplier<Object>) () -> FieldDefinition.bool("refund__requested", ""), "taxonomy.fields", "lower snake case"),
                Arguments.of((Supplier<Object>) () -> FieldDefinition.bool("sentiment", ""), "taxonomy.fields.sentiment", "clashes with the built-in field"),
                Arguments.of((Supplier<Object>) () -> FieldDefinition.bool("summary", ""), "taxonomy.fields.summary", "clashes with the built-in field"),
                Arguments.of((Supplier<Object>) () -> FieldDefinition.manyOf("areas", "", 2, 1, FieldChoice.of("a", ""), FieldChoice.of("b", "")),
                        "taxonomy.fields.areas", "1 <= min_count <= max_count"),
                Arguments.of((Supplier<Object>) () -> FieldDefinition.manyOf("areas", "", 1, 3, FieldChoice.of("a", ""), FieldChoice.of("b", "")),
                        "taxonomy.fields.areas", "number of values (2)"),
                Arguments.of((Supplier<Object>) () -> FieldDefinition.decimal("risk", "", 1, 0), "taxonomy.fields.risk", "min <= max"),
                Arguments.of((Supplier<Object>) () -> FieldDefinition.decimal("risk", "", 0, Double.POSITIVE_INFINITY), "taxonomy.fields.risk", "finite"),
                Arguments.of((Supplier<Object>) () -> new FieldDefinition.NumberField("seats", "", false, 0.5, 3, true), "taxonomy.fields.seats", "whole numbers"),
                Arguments.of((Supplier<Object>) () -> FieldDefinition.text("note", "", 0), "taxonomy.fields.note", "max_length"),
                Arguments.of((Supplier<Object>) () -> FieldDefinition.text("note", "", 2_001), "taxonomy.fields.note", "max_length"),
                Arguments.of((Supplier<Object>) () -> FieldDefinition.text("note", "bad \uD800", 10), "taxonomy.fields.note.description", "unpaired"),
                Arguments.of((Supplier<Object>) () -> FieldDefinition.bool("refund", "", List.of(" "), List.of()), "taxonomy.fields.refund.true_cues", "blank"),
                Arguments.of((Supplier<Object>) () -> FieldChoice.of("a|b", ""), "taxonomy.fields.values", "'|'"),
                Arguments.of((Supplier<Object>) () -> Taxonomy.builder().version("v").category("other", "").field(REFUND).field(REFUND).build(),
                        "taxonomy.fields.refund_requested", "declared twice"));
    }

    @ParameterizedTest
    @MethodSource("invalidDeclarations")
    void should_reject_declaration_naming_the_field_when_it_breaks_a_rule(Supplier<Object> declaration, String field, String reason) {
        assertThatThrownBy(declaration::get).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e).isNotInstanceOf(InvalidFieldValueException.class);
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.reason()).contains(reason);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "refund_requested", "a1", "x_2_y"})
    void should_accept_lower_snake_case_names(String name) {
        assertThat(FieldDefinition.isValidName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Plan", "1plan", "_plan", "plan_", "plan-area", "plan area", "plän"})
    void should_refuse_other_names(String name) {
        assertThat(FieldDefinition.isValidName(name)).isFalse();
        assertThatThrownBy(() -> FilledField.of(name, FieldValue.of(true), SURE)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_change_equality_and_fingerprint_when_fields_change() {
        Taxonomy base = Taxonomy.builder().version("v1").category("other", "Else").build();
        Taxonomy withField = Taxonomy.builder().version("v1").category("other", "Else").field(REFUND).build();
        Taxonomy sameField = Taxonomy.builder().version("v1").category("other", "Else").field(REFUND).build();
        Taxonomy required = Taxonomy.builder().version("v1").category("other", "Else").field(REFUND.asRequired()).build();

        assertThat(base).isNotEqualTo(withField);
        assertThat(base.fingerprint()).isNotEqualTo(withField.fingerprint()).hasSize(64);
        assertThat(withField).isEqualTo(sameField).hasSameHashCodeAs(sameField);
        assertThat(withField.fingerprint()).isEqualTo(sameField.fingerprint());
        assertThat(required.fingerprint()).isNotEqualTo(withField.fingerprint());
    }
}
