package dev.tickettriage.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.Taxonomy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputSchemaTest {

    @Test
    void should_enumerate_labels_sentiments_and_priorities_and_require_every_property() {
        ObjectNode schema = OutputSchema.single(AnswerParserTest.TAXONOMY);

        assertThat(texts(schema.at("/properties/category/enum"))).containsExactly("billing", "technical", "card_arrival");
        assertThat(texts(schema.at("/properties/sentiment/enum"))).containsExactly("VERY_NEGATIVE", "NEGATIVE", "NEUTRAL", "POSITIVE", "VERY_POSITIVE");
        assertThat(texts(schema.at("/properties/priority/enum"))).containsExactly("LOW", "MEDIUM", "HIGH", "URGENT");
        assertThat(texts(schema.get("required"))).containsExactlyElementsOf(OutputSchema.BUILT_IN_KEYS);
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(OutputSchema.isStrictCompatible(schema)).isTrue();
    }

    @Test
    void should_wrap_batch_items_in_an_object_with_ticket_ids_as_an_enum() {
        ObjectNode schema = OutputSchema.batch(Taxonomy.defaultSupport(), 3);

        assertThat(schema.get("type").asText()).isEqualTo("object");
        assertThat(texts(schema.at("/properties/results/items/properties/ticket_id/enum"))).containsExactly("T1", "T2", "T3");
        assertThat(texts(schema.at("/properties/results/items/required")).get(0)).isEqualTo("ticket_id");
        assertThat(OutputSchema.isStrictCompatible(schema)).isTrue();
    }

    @Test
    void should_detect_a_schema_that_is_not_strict() {
        ObjectNode schema = OutputSchema.single(AnswerParserTest.TAXONOMY);
        ((com.fasterxml.jackson.databind.node.ArrayNode) schema.get("required")).remove(0);

        assertThat(OutputSchema.isStrictCompatible(schema)).isFalse();
    }

    @Test
    void should_use_only_keywords_strict_mode_supports() {
        String json = OutputSchema.batch(Taxonomy.defaultSupport(), 2).toString();

        assertThat(json).doesNotContain("\"default\"", "allOf", "\"not\"", "\"if\"", "oneOf", "$ref");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
