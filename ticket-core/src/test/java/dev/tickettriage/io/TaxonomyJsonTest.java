package dev.tickettriage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.CategoryDefinition;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaxonomyJsonTest {

    private static final String BANKING = """
            {
              "version": "banking-1",
              "fallback": "other",
              "categories": [
                {"label": "card_lost", "description": "Lost or stolen card",
                 "examples": ["I lost my card", "Me robaron la tarjeta"], "aliases": ["lost_card", "tarjeta_perdida"]},
                {"label": "transfer_failed", "description": "A transfer did not arrive"},
                {"label": "other", "description": "Anything else", "examples": [], "aliases": []}
              ]
            }
            """;

    @Test
    void should_read_every_field_when_json_is_complete() {
        Taxonomy taxonomy = TaxonomyJson.read(new StringReader(BANKING));

        assertThat(taxonomy.version()).isEqualTo("banking-1");
        assertThat(taxonomy.fallback()).contains(Category.of("other"));
        assertThat(taxonomy.categories()).extracting(Category::id).containsExactly("card_lost", "transfer_failed", "other");
        CategoryDefinition cardLost = taxonomy.definitions().get(0);
        assertThat(cardLost.description()).isEqualTo("Lost or stolen card");
        assertThat(cardLost.examples()).containsExactly("I lost my card", "Me robaron la tarjeta");
        assertThat(taxonomy.resolve("TARJETA_PERDIDA")).contains(Category.of("card_lost"));
        assertThat(taxonomy.definitions().get(1).examples()).isEmpty();
    }

    @Test
    void should_read_utf8_bytes_when_given_a_stream() {
        byte[] bytes = BANKING.replace("Me robaron la tarjeta", "Perdí mi tarjeta en el metro").getBytes(StandardCharsets.UTF_8);

        Taxonomy taxonomy = TaxonomyJson.read(new ByteArrayInputStream(bytes));

        assertThat(taxonomy.definitions().get(0).examples()).contains("Perdí mi tarjeta en el metro");
    }

    @Test
    void should_read_back_an_equal_taxonomy_when_written() {
        Taxonomy original = Taxonomy.defaultSupport();

        String json = TaxonomyJson.write(original);

        assertThat(TaxonomyJson.read(new StringReader(json))).isEqualTo(original);
        assertThat(json).contains("\"version\" : \"support-default-1\"").contains("\"fallback\" : \"other\"");
    }

    @Test
    void should_omit_fallback_when_taxonomy_has_none() {
        Taxonomy taxonomy = Taxonomy.builder().version("v1").category("a", "first").build();

        String json = TaxonomyJson.write(taxonomy);

        assertThat(json).doesNotContain("fallback");
        assertThat(TaxonomyJson.read(new StringReader(json))).isEqualTo(taxonomy);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "blank label       | {'version':'v','categories':[{'label':'a'},{'label':'b'},{'label':'  '}]}   | taxonomy.categories[2].label | must not be blank",
        "missing label     | {'version':'v','categories':[{'description':'x'}]}                          | taxonomy.categories[0].label | is required",
        "missing version   | {'categories':[{'label':'a'}]}                                              | taxonomy.version             | is required",
        "blank version     | {'version':' ','categories':[{'label':'a'}]}                                | taxonomy.version             | must not be blank",
        "missing list      | {'version':'v'}                                                             | taxonomy.categories          | is required",
        "list not array    | {'version':'v','categories':{}}                                             | taxonomy.categories          | must be an array",
        "empty list        | {'version':'v','categories':[]}                                             | taxonomy.categories          | must contain at least one category",
        "label not string  | {'version':'v','categories':[{'label':7}]}                                  | taxonomy.categories[0].label | must be a string",
        "example not text  | {'version':'v','categories':[{'label':'a','examples':['x',1]}]}             | taxonomy.categories[0].examples[1] | must be a string",
        "aliases not array | {'version':'v','categories':[{'label':'a','aliases':'x'}]}                  | taxonomy.categories[0].aliases | must be an array of strings",
        "category not obj  | {'version':'v','categories':['a']}                                          | taxonomy.categories[0]       | must be a JSON object",
        "root not object   | ['a']                                                                       | taxonomy                     | must be a JSON object",
        "unknown field     | {'version':'v','categories':[{'label':'a','lable':'b'}]}                    | taxonomy.categories[0]       | has unknown field 'lable' (known: aliases, description, examples, label)",
        "bad fallback      | {'version':'v','fallback':'zzz','categories':[{'label':'a'}]}               | taxonomy.fallback            | 'zzz' is not one of the labels",
        "duplicate label   | {'version':'v','categories':[{'label':'a'},{'label':'a'}]}                  | taxonomy.categories          | has duplicate label 'a'",
        "label with blanks | {'version':'v','categories':[{'label':' a'}]}                               | taxonomy.categories[0].label | must be 1-100 printable characters without surrounding blanks",
    })
    void should_name_the_field_when_json_breaks_a_rule(String caseName, String json, String field, String reason) {
        assertThatThrownBy(() -> TaxonomyJson.read(new StringReader(json.replace('\'', '"'))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.reason()).isEqualTo(reason);
                });
    }

    @Test
    void should_report_line_and_column_when_json_is_malformed() {
        String json = "{\n  \"version\": \"v\",\n  \"categories\": [ {\"label\": \"a\"} \n}";

        assertThatThrownBy(() -> TaxonomyJson.read(new StringReader(json)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("taxonomy is not valid JSON at line 4");
    }

    @Test
    void should_reject_empty_input() {
        assertThatThrownBy(() -> TaxonomyJson.read(new StringReader("  ")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("taxonomy is empty");
    }

    @Test
    void should_keep_descriptions_empty_when_missing() {
        Taxonomy taxonomy = TaxonomyJson.read(new StringReader("{\"version\":\"v\",\"categories\":[{\"label\":\"a\"}]}"));

        assertThat(taxonomy.definitions()).containsExactly(new CategoryDefinition(Category.of("a"), "", List.of(), List.of()));
    }

    private static final String SMALL = "{\"version\":\"v\",\"categories\":[{\"label\":\"a\"}]}";

    @Test
    void should_reject_trailing_content_after_the_json_value() {
        assertThatThrownBy(() -> TaxonomyJson.read(new StringReader(SMALL + "\n{\"version\":\"w\"}")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("taxonomy");
                    assertThat(e.reason()).startsWith("has content after the JSON value");
                });
        assertThatThrownBy(() -> TaxonomyJson.read(new StringReader(SMALL + " garbage")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has content after the JSON value");
    }

    @Test
    void should_accept_trailing_whitespace_after_the_json_value() {
        assertThat(TaxonomyJson.read(new StringReader(SMALL + "\n\n  ")).version()).isEqualTo("v");
    }

    @Test
    void should_reject_duplicate_keys() {
        String json = "{\"version\":\"v1\",\"version\":\"v2\",\"categories\":[{\"label\":\"a\"}]}";

        assertThatThrownBy(() -> TaxonomyJson.read(new StringReader(json)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("taxonomy");
                    assertThat(e.reason()).startsWith("has duplicate field 'version' at line 1");
                });
    }

    @Test
    void should_reject_duplicate_keys_inside_a_category() {
        String json = "{\"version\":\"v\",\"categories\":[{\"label\":\"a\",\"label\":\"b\"}]}";

        assertThatThrownBy(() -> TaxonomyJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("duplicate field 'label'");
    }

    @Test
    void should_skip_a_utf8_byte_order_mark() {
        byte[] withBom = ("\uFEFF" + SMALL).getBytes(StandardCharsets.UTF_8);

        assertThat(TaxonomyJson.read(new ByteArrayInputStream(withBom)).version()).isEqualTo("v");
        assertThat(TaxonomyJson.read(new StringReader("\uFEFF" + SMALL)).version()).isEqualTo("v");
    }

    @Test
    void should_name_the_byte_offset_when_utf8_is_invalid() {
        byte[] prefix = "{\"version\":\"caf".getBytes(StandardCharsets.UTF_8);
        byte[] json = new byte[prefix.length + SMALL.length()];
        System.arraycopy(prefix, 0, json, 0, prefix.length);
        json[prefix.length] = (byte) 0xE9; // Latin-1 e-acute: not UTF-8
        byte[] rest = "\",\"categories\":[{\"label\":\"a\"}]}".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(json, prefix.length + 1 + rest.length);
        System.arraycopy(rest, 0, bytes, prefix.length + 1, rest.length);

        assertThatThrownBy(() -> TaxonomyJson.read(new ByteArrayInputStream(bytes)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("taxonomy");
                    assertThat(e.reason()).startsWith("is not valid UTF-8 (byte offset " + prefix.length + ")");
                });
    }

    @Test
    void should_reject_a_label_with_an_unpaired_surrogate() {
        String json = "{\"version\":\"v\",\"categories\":[{\"label\":\"a\\ud83d\"}]}";

        assertThatThrownBy(() -> TaxonomyJson.read(new StringReader(json)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("taxonomy.categories[0].label");
                    assertThat(e.reason()).contains("unpaired UTF-16 surrogate");
                });
    }
}
