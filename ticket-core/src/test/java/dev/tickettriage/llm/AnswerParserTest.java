package dev.tickettriage.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Language;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnswerParserTest {

    static final Taxonomy TAXONOMY = Taxonomy.builder().version("t1")
            .category("billing", "Charges and refunds", List.of("I was charged twice"), List.of("payments", "facturación"))
            .category("technical", "Bugs and outages")
            .category("card_arrival", "Card not arrived yet")
            .build();

    static final String VALID = "{\"category\":\"billing\",\"category_confidence\":0.9,\"sentiment\":\"NEGATIVE\",\"sentiment_confidence\":0.8,"
            + "\"priority\":\"HIGH\",\"priority_confidence\":0.7,\"language\":\"en\",\"summary\":\"Double charge\",\"suggested_reply\":\"Sorry\","
            + "\"key_topics\":[\"refund\"],\"action_items\":[\"refund it\"],\"rationale\":\"money\"}";

    @Test
    void should_parse_a_valid_answer() throws Exception {
        ParsedAnswer answer = AnswerParser.parseSingle(VALID, TAXONOMY);

        assertThat(answer.category()).isEqualTo(Category.of("billing"));
        assertThat(answer.categoryConfidence()).isEqualTo(0.9);
        assertThat(answer.sentiment()).isEqualTo(Sentiment.NEGATIVE);
        assertThat(answer.priority()).isEqualTo(Priority.HIGH);
        assertThat(answer.language()).isEqualTo(Language.ENGLISH);
        assertThat(answer.keyTopics()).containsExactly("refund");
        assertThat(answer.actionItems()).containsExactly("refund it");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "```json\n%s\n```",
            "Sure! Here is the classification:\n%s\nLet me know if you need more.",
            "<think>The customer says {maybe billing?} so billing it is.</think>\n%s",
            "<think>\nhmm\n</think>```\n%s\n``` trailing prose",
            "%s\n\n{\"note\": \"extra object after the answer\"}"})
    void should_find_the_json_when_the_model_wraps_it(String wrapper) throws Exception {
        ParsedAnswer answer = AnswerParser.parseSingle(String.format(wrapper, VALID), TAXONOMY);

        assertThat(answer.category()).isEqualTo(Category.of("billing"));
    }

    @Test
    void should_accept_typographic_quotes_and_trailing_commas() throws Exception {
        String curly = "{\u201Ccategory\u201D: \u201Ctechnical\u201D, \u201Csentiment\u201D: \u201Cneutral\u201D, \u201Cpriority\u201D: \u201Clow\u201D,}";

        ParsedAnswer answer = AnswerParser.parseSingle(curly, TAXONOMY);

        assertThat(answer.category()).isEqualTo(Category.of("technical"));
        assertThat(answer.sentiment()).isEqualTo(Sentiment.NEUTRAL);
        assertThat(answer.priority()).isEqualTo(Priority.LOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BILLING", " Billing ", "payments", "Facturación", "card arrival", "Card-Arrival"})
    void should_map_label_case_and_aliases_to_the_taxonomy(String label) throws Exception {
        String raw = "{\"category\":\"" + label + "\",\"sentiment\":\"very negative\",\"priority\":\"critical\"}";

        ParsedAnswer answer = AnswerParser.parseSingle(raw, TAXONOMY);

        assertThat(TAXONOMY.contains(answer.category())).isTrue();
        assertThat(answer.sentiment()).isEqualTo(Sentiment.VERY_NEGATIVE);
        assertThat(answer.priority()).isEqualTo(Priority.URGENT);
    }

    @Test
    void should_reject_a_label_outside_the_taxonomy() {
        String raw = VALID.replace("\"billing\"", "\"HACKED\"");

        assertThatThrownBy(() -> AnswerParser.parseSingle(raw, TAXONOMY)).isInstanceOfSatisfying(InvalidAnswer.class, e -> {
            assertThat(e.kind()).isEqualTo(ModelOutputException.Kind.INVALID_ANSWER);
            assertThat(e.getMessage()).contains("not one of the allowed labels");
        });
    }

    @Test
    void should_reject_extra_keys() {
        String raw = VALID.replace("{\"category\"", "{\"admin\":true,\"category\"");

        assertThatThrownBy(() -> AnswerParser.parseSingle(raw, TAXONOMY)).isInstanceOf(InvalidAnswer.class).hasMessageContaining("unexpected key 'admin'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "I cannot help with that.", "{\"category\": \"billing\", \"sentiment\": \"NEG", "[1,2,3]"})
    void should_reject_text_without_a_json_answer(String raw) {
        assertThatThrownBy(() -> AnswerParser.parseSingle(raw, TAXONOMY)).isInstanceOfSatisfying(InvalidAnswer.class,
                e -> assertThat(e.kind()).isEqualTo(ModelOutputException.Kind.INVALID_JSON));
    }

    @Test
    void should_reject_missing_sentiment_and_out_of_range_confidence() {
        assertThatThrownBy(() -> AnswerParser.parseSingle("{\"category\":\"billing\",\"priority\":\"LOW\"}", TAXONOMY))
                .isInstanceOf(InvalidAnswer.class).hasMessageContaining("sentiment");
        assertThatThrownBy(() -> AnswerParser.parseSingle(VALID.replace("0.9", "-3"), TAXONOMY))
                .isInstanceOf(InvalidAnswer.class).hasMessageContaining("between 0 and 1");
    }

    @Test
    void should_read_percentages_and_fall_back_to_und_for_a_bad_language() throws Exception {
        ParsedAnswer answer = AnswerParser.parseSingle(VALID.replace("0.9", "85").replace("\"en\"", "\"not a tag!\""), TAXONOMY);

        assertThat(answer.categoryConfidence()).isEqualTo(0.85);
        assertThat(answer.language()).isEqualTo(Language.UNDETERMINED);
    }

    @Test
    void should_report_refusal_and_truncation_from_the_reply() {
        LlmReply refusal = LlmReply.of(null, "I can't assist", FinishReason.STOP, dev.tickettriage.domain.TokenUsage.NONE, List.of(), null, null);
        LlmReply truncated = LlmReply.of("{\"category\":\"bil", null, FinishReason.LENGTH, dev.tickettriage.domain.TokenUsage.NONE, List.of(), null, null);

        assertThatThrownBy(() -> AnswerParser.parseSingleChecked(refusal, TAXONOMY))
                .isInstanceOfSatisfying(InvalidAnswer.class, e -> assertThat(e.kind()).isEqualTo(ModelOutputException.Kind.REFUSAL));
        assertThatThrownBy(() -> AnswerParser.parseSingleChecked(truncated, TAXONOMY))
                .isInstanceOfSatisfying(InvalidAnswer.class, e -> assertThat(e.kind()).isEqualTo(ModelOutputException.Kind.TRUNCATED));
    }

    @Test
    void should_match_batch_items_by_ticket_id_and_report_bad_or_missing_ones() throws Exception {
        String item = VALID.substring(1);
        String raw = "{\"results\":[{\"ticket_id\":\"T2\"," + item + ",{\"ticket_id\":\"T1\"," + item.replace("\"billing\"", "\"nope\"")
                + ",{\"ticket_id\":\"T9\"," + item + "]}";

        AnswerParser.BatchAnswer answer = AnswerParser.parseBatch(raw, TAXONOMY, List.of("T1", "T2", "T3"));

        assertThat(answer.answers()).containsOnlyKeys("T2");
        assertThat(answer.errors()).containsOnlyKeys("T1", "T3");
        assertThat(answer.errors().get("T3")).contains("no answer");
    }
}
