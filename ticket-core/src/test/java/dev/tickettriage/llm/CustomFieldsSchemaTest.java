package dev.tickettriage.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.FieldChoice;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.Taxonomy;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomFieldsSchemaTest {

    static final Taxonomy TAXONOMY = Taxonomy.builder().version("fields-1")
            .category("billing", "Charges and refunds")
            .category("technical", "Bugs")
            .field(FieldDefinition.oneOf("plan", "The customer's plan", FieldChoice.of("free", "Free tier"), FieldChoice.of("pro", "Paid")).asRequired())
            .field(FieldDefinition.manyOf("areas", "Product areas", 1, 2, FieldChoice.of("app", "Mobile app"), FieldChoice.of("web", "Website")))
            .field(FieldDefinition.bool("wants_refund", "Asks for money back"))
            .field(FieldDefinition.integer("order_count", "Orders mentioned", 0, 100))
            .field(FieldDefinition.text("product", "Product named", 60))
            .build();

    @Test
    void should_add_every_custom_field_as_a_required_property_with_enums_and_nullable_optionals() {
        ObjectNode schema = OutputSchema.single(TAXONOMY);
        JsonNode properties = schema.get("properties");

        assertThat(properties.at("/plan/enum").toString()).isEqualTo("[\"free\",\"pro\"]");
        assertThat(properties.at("/plan/type").asText()).isEqualTo("string");
        assertThat(properties.at("/areas/type").toString()).isEqualTo("[\"array\",\"null\"]");
        assertThat(properties.at("/areas/items/enum").toString()).isEqualTo("[\"app\",\"web\"]");
        assertThat(properties.at("/wants_refund/type").toString()).isEqualTo("[\"boolean\",\"null\"]");
        assertThat(properties.at("/order_count/type").toString()).isEqualTo("[\"integer\",\"null\"]");
        assertThat(properties.at("/product/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(schema.get("required").toString()).contains("\"plan\"", "\"areas\"", "\"wants_refund\"", "\"order_count\"", "\"product\"");
        assertThat(OutputSchema.isStrictCompatible(schema)).isTrue();
        assertThat(OutputSchema.isStrictCompatible(OutputSchema.batch(TAXONOMY, 2))).isTrue();
    }

    @Test
    void should_fill_custom_fields_and_leave_nulls_unfilled() {
        String answer = "{\"category\":\"billing\",\"sentiment\":\"NEUTRAL\",\"priority\":\"LOW\",\"category_confidence\":0.8,"
                + "\"plan\":\"PRO\",\"areas\":[\"app\"],\"wants_refund\":true,\"order_count\":3,\"product\":null}";
        LlmClassifierTest.ScriptedTransport transport = new LlmClassifierTest.ScriptedTransport().then(LlmReply.ofText(answer));

        Classification result = LlmClassifier.builder(transport).build().classify(LlmClassifierTest.ticket(1, "x"), TAXONOMY);

        assertThat(result.fieldValue("plan")).contains(new FieldValue.ChoiceValue("pro"));
        assertThat(result.fieldValue("wants_refund")).contains(new FieldValue.BooleanValue(true));
        assertThat(result.isFilled("areas")).isTrue();
        assertThat(result.isFilled("order_count")).isTrue();
        assertThat(result.isFilled("product")).isFalse();
        TAXONOMY.requireValidFields(result);
    }

    @Test
    void should_reject_a_missing_required_field_or_a_value_outside_its_set() {
        String base = "{\"category\":\"billing\",\"sentiment\":\"NEUTRAL\",\"priority\":\"LOW\"";

        assertThatThrownBy(() -> AnswerParser.parseSingle(base + "}", TAXONOMY)).isInstanceOf(InvalidAnswer.class).hasMessageContaining("plan");
        assertThatThrownBy(() -> AnswerParser.parseSingle(base + ",\"plan\":\"enterprise\"}", TAXONOMY)).isInstanceOf(InvalidAnswer.class)
                .hasMessageContaining("field \"plan\"");
        assertThatThrownBy(() -> AnswerParser.parseSingle(base + ",\"plan\":\"pro\",\"order_count\":500}", TAXONOMY)).isInstanceOf(InvalidAnswer.class)
                .hasMessageContaining("order_count");
    }

    @Test
    void should_describe_custom_fields_in_the_static_system_text() {
        assertThat(TriagePrompt.of(TAXONOMY).systemText()).contains("- plan (one_of, required): The customer's plan One of: free, pro")
                .contains("- wants_refund (boolean): Asks for money back");
    }

    @Test
    void should_accept_a_valid_answer_with_fields() throws Exception {
        ParsedAnswer parsed = AnswerParser.parseSingle("{\"category\":\"billing\",\"sentiment\":\"NEUTRAL\",\"priority\":\"LOW\",\"plan\":\"free\"}", TAXONOMY);

        assertThat(parsed.fields()).extracting(ParsedAnswer.CustomValue::name).containsExactly("plan");
        assertThat(List.of(parsed.category().id())).containsExactly("billing");
    }
}
