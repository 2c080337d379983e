package dev.tickettriage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.FieldChoice;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.FieldKind;
import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.error.InvalidInputException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaxonomyJsonFieldsTest {

    private static final String WITH_FIELDS = """
            {"version": "support-fields-1",
             "categories": [{"label": "billing", "description": "Charges"}, {"label": "other"}],
             "fields": [
               {"name": "plan", "type": "one_of", "description": "The customer's plan", "required": true,
                "values": [{"value": "free", "description": "Free tier"},
                           {"value": "enterprise", "description": "Enterprise contract",
                            "examples": ["our company account"], "aliases": ["enterprise plan", "empresa"]}]},
               {"name": "product_areas", "type": "many_of", "max_count": 2,
                "values": [{"value": "billing"}, {"value": "mobile_app"}, {"value": "web"}]},
               {"name": "refund_requested", "type": "boolean", "true_cues": ["refund", "reembolso"]},
               {"name": "seats", "type": "integer", "min": 1, "max": 500},
               {"name": "churn_risk", "type": "number", "min": 0, "max": 1, "required": false},
               {"name": "product_name", "type": "text"}
             ]}
            """;

    private static Taxonomy read(String json) {
        return TaxonomyJson.read(new StringReader(json));
    }

    @Test
    void should_read_every_field_type_with_its_defaults() {
        Taxonomy taxonomy = read(WITH_FIELDS);

        assertThat(taxonomy.fields()).extracting(FieldDefinition::kind).containsExactly(FieldKind.ONE_OF, FieldKind.MANY_OF,
                FieldKind.BOOLEAN, FieldKind.NUMBER, FieldKind.NUMBER, FieldKind.TEXT);
        FieldDefinition.OneOfField plan = (FieldDefinition.OneOfField) taxonomy.requireField("plan");
        assertThat(plan.required()).isTrue();
        assertThat(plan.values().get(1)).isEqualTo(FieldChoice.of("enterprise", "Enterprise contract",
                List.of("our company account"), List.of("enterprise plan", "empresa")));
        FieldDefinition.ManyOfField areas = (FieldDefinition.ManyOfField) taxonomy.requireField("product_areas");
        assertThat(areas.minCount()).isEqualTo(1);
        assertThat(areas.maxCount()).isEqualTo(2);
        assertThat(areas.required()).isFalse();
        assertThat(((FieldDefinition.BooleanField) taxonomy.requireField("refund_requested")).trueCues()).containsExactly("refund", "reembolso");
        assertThat(((FieldDefinition.NumberField) taxonomy.requireField("seats")).integer()).isTrue();
        assertThat(((FieldDefinition.NumberField) taxonomy.requireField("churn_risk")).integer()).isFalse();
        assertThat(((FieldDefinition.TextField) taxonomy.requireField("product_name")).maxLength())
                .isEqualTo(FieldDefinition.DEFAULT_TEXT_MAX_LENGTH);
        assertThat(taxonomy.requireField("plan").parse("Empresa")).isEqualTo(FieldValue.choice("enterprise"));
    }

    @Test
    void should_read_back_an_equal_taxonomy_when_fields_are_written() {
        Taxonomy original = read(WITH_FIELDS);

        String written = TaxonomyJson.write(original);
        Taxonomy again = read(written);

        assertThat(again).isEqualTo(original);
        assertThat(again.fingerprint()).isEqualTo(original.fingerprint());
        assertThat(TaxonomyJson.write(again)).isEqualTo(written);
        assertThat(written).contains("\"type\" : \"integer\"", "\"min\" : 1,", "\"type\" : \"number\"");
    }

    @Test
    void should_round_trip_a_code_built_taxonomy_with_decimals_and_cues() {
        Taxonomy original = Taxonomy.builder().version("code-1").category("other", "Else")
                .field(FieldDefinition.decimal("score", "A score", -2.5, 7.25).asRequired())
                .field(FieldDefinition.bool("vip", "Very important", List.of("vip"), List.of("not vip")))
                .field(FieldDefinition.manyOf("tags", "", 2, 2, FieldChoice.of("a", "A"), FieldChoice.of("b", "B")))
                .field(FieldDefinition.text("note", "A note", 40))
                .build();

        assertThat(read(TaxonomyJson.write(original))).isEqualTo(original);
    }

    @Test
    void should_write_no_fields_key_when_taxonomy_declares_none() {
        assertThat(TaxonomyJson.write(Taxonomy.defaultSupport())).doesNotContain("\"fields\"");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "¦", quoteCharacter = '`', textBlock = """
            [{"name": "plan", "type": "one_of"}]                                   ¦ taxonomy.fields[0] (plan).values ¦ is required
            [{"name": "plan", "type": "one_of", "values": []}]                     ¦ taxonomy.fields.plan.values ¦ at least one value
            [{"name": "plan", "type": "enum", "values": []}]                       ¦ taxonomy.fields[0] (plan).type ¦ must be one of
            [{"name": "plan", "type": "one_of", "values": [{"value": "a"}], "max": 3}] ¦ taxonomy.fields[0] (plan) ¦ unknown field 'max'
            [{"type": "boolean"}]                                                  ¦ taxonomy.fields[0].name ¦ is required
            [{"name": "Plan Type", "type": "boolean"}]                             ¦ taxonomy.fields ¦ 'Plan Type' must be lower snake case
            [{"name": "priority", "type": "boolean"}]                              ¦ taxonomy.fields.priority ¦ clashes with the built-in field
            [{"name": "vip", "type": "boolean"}, {"name": "vip", "type": "boolean"}] ¦ taxonomy.fields.vip ¦ is declared twice
            [{"name": "vip", "type": "boolean", "required": "yes"}]                ¦ taxonomy.fields[0] (vip).required ¦ must be true or false
            [{"name": "seats", "type": "integer", "min": 1}]                       ¦ taxonomy.fields[0] (seats).max ¦ is required
            [{"name": "seats", "type": "integer", "min": 1, "max": "9"}]           ¦ taxonomy.fields[0] (seats).max ¦ must be a number
            [{"name": "seats", "type": "integer", "min": 0.5, "max": 9}]           ¦ taxonomy.fields.seats ¦ whole numbers
            [{"name": "note", "type": "text", "max_length": 1.5}]                  ¦ taxonomy.fields[0] (note).max_length ¦ must be a whole number
            [{"name": "areas", "type": "many_of", "min_count": 3, "values": [{"value": "a"}]}] ¦ taxonomy.fields.areas ¦ min_count
            [{"name": "plan", "type": "one_of", "values": [{"value": "a|b"}]}]     ¦ taxonomy.fields[0] (plan).values[0] ¦ '|'
            [{"name": "plan", "type": "one_of", "values": [{"value": "a", "alias": []}]}] ¦ taxonomy.fields[0] (plan).values[0] ¦ unknown field 'alias'
            {"name": "plan"}                                                        ¦ taxonomy.fields ¦ must be an array
            """)
    void should_reject_field_declaration_naming_the_field_when_it_is_invalid(String fields, String field, String reason) {
        String json = "{\"version\": \"v1\", \"categories\": [{\"label\": \"other\"}], \"fields\": " + fields + "}";

        assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.reason()).contains(reason);
        });
    }

    @Test
    void should_reject_duplicate_key_inside_a_field_declaration() {
        String json = "{\"version\": \"v1\", \"categories\": [{\"label\": \"other\"}], "
                + "\"fields\": [{\"name\": \"vip\", \"type\": \"boolean\", \"type\": \"text\"}]}";

        assertThatThrownBy(() -> read(json)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.reason()).contains("duplicate field 'type'"));
    }
}
