package dev.tickettriage.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.io.TaxonomyJson;
import dev.tickettriage.io.TextRecord;
import dev.tickettriage.io.TextRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart with a taxonomy that declares custom fields: jsonl and csv carry every field. */
class CustomFieldsCliTest {

    private static final Path SUPPORT_WITH_FIELDS = Path.of("taxonomies/support-with-fields.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static List<JsonNode> jsonLines(String out) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.lines().toList()) nodes.add(JSON.readTree(line));
        return nodes;
    }

    private static List<TextRecord> csvRecords(String out) {
        try (Stream<TextRecord> records = TextRecords.csv(new StringReader(out))) {
            return records.toList();
        }
    }

    @Test
    void should_ship_a_valid_example_taxonomy_with_support_fields() throws IOException {
        Taxonomy taxonomy;
        try (InputStream in = Files.newInputStream(SUPPORT_WITH_FIELDS)) {
            taxonomy = TaxonomyJson.read(in);
        }

        assertThat(taxonomy.fields()).extracting(field -> field.name())
                .containsExactly("product_area", "refund_requested", "churn_risk", "affected_plan");
        assertThat(taxonomy.requireField("product_area").parse("Aplicación Móvil")).hasToString("ChoiceValue[value=mobile_app]");
    }

    @Test
    void should_print_every_custom_field_in_jsonl_for_english_and_spanish_tickets() throws IOException {
        String csv = """
                text
                "The iPhone app charges me twice, I want a refund or I will cancel my subscription. We are on the enterprise plan."
                "La aplicación móvil no carga desde ayer y quiero un reembolso, si no voy a darme de baja."
                "Hello, what are your opening hours?"
                """;

        AppRun run = AppRun.run(csv, "--taxonomy", SUPPORT_WITH_FIELDS.toString(), "--format", "jsonl", "-");

        assertThat(run.exitCode()).isZero();
        List<JsonNode> lines = jsonLines(run.out());
        assertThat(lines).hasSize(3);
        JsonNode english = lines.get(0).get(ResultFields.FIELDS);
        assertThat(english.get("product_area").asText()).isEqualTo("mobile_app");
        assertThat(english.get("refund_requested").isBoolean()).isTrue();
        assertThat(english.get("refund_requested").asBoolean()).isTrue();
        assertThat(english.get("churn_risk").asText()).isEqualTo("high");
        assertThat(english.get("affected_plan").asText()).isEqualTo("enterprise");
        assertThat(lines.get(0).get(ResultFields.FIELD_CONFIDENCES).get("product_area").asDouble()).isBetween(0.5, 0.95);
        JsonNode spanish = lines.get(1).get(ResultFields.FIELDS);
        assertThat(spanish.get("product_area").asText()).isEqualTo("mobile_app");
        assertThat(spanish.get("refund_requested").asBoolean()).isTrue();
        assertThat(spanish.get("churn_risk").asText()).isEqualTo("high");
        assertThat(spanish.get("affected_plan").isNull()).isTrue();
        JsonNode nothing = lines.get(2).get(ResultFields.FIELDS);
        assertThat(nothing.fieldNames()).toIterable().containsExactly("product_area", "refund_requested", "churn_risk", "affected_plan");
        assertThat(nothing).allSatisfy(value -> assertThat(value.isNull()).as("not filled is null, never made up").isTrue());
        assertThat(lines.get(2).get(ResultFields.FIELD_CONFIDENCES).get("refund_requested").isNull()).isTrue();
        assertThat(lines.get(2).fieldNames()).toIterable().last().isEqualTo("error");
    }

    @Test
    void should_write_two_csv_columns_per_field_with_several_values_joined_and_formula_guarded() throws IOException {
        Path taxonomy = dir.resolve("fields.json");
        Files.writeString(taxonomy, """
                {"version": "csv-fields-1", "categories": [{"label": "other"}],
                 "fields": [
                   {"name": "areas", "type": "many_of", "values": [
                      {"value": "@risk", "aliases": ["danger"]}, {"value": "web", "aliases": ["website"]}, {"value": "app"}]},
                   {"name": "refund_requested", "type": "boolean", "true_cues": ["refund"]},
                   {"name": "seats", "type": "integer", "min": 1, "max": 9},
                   {"name": "note", "type": "text", "max_length": 20}]}
                """);

        AppRun run = AppRun.run("text\nDanger: the website wants a refund\nhello\n", "--taxonomy", taxonomy.toString(), "--format", "csv", "-");

        assertThat(run.exitCode()).isZero();
        List<TextRecord> records = csvRecords(run.out());
        assertThat(records.get(0).fields().keySet()).containsSubsequence("rationale", "fields.areas", "field_confidences.areas",
                "fields.refund_requested", "field_confidences.refund_requested", "fields.seats", "field_confidences.seats",
                "fields.note", "field_confidences.note", "error");
        assertThat(records.get(0).fields().get("fields.areas")).isEqualTo("'@risk|web");
        assertThat(records.get(0).fields().get("fields.refund_requested")).isEqualTo("true");
        assertThat(records.get(0).fields().get("field_confidences.refund_requested")).matches("0\\.\\d+");
        assertThat(records.get(0).fields().get("fields.seats")).isEmpty();
        assertThat(records.get(1).fields().get("fields.areas")).isEmpty();
        assertThat(records.get(1).fields().get("fields.refund_requested")).isEmpty();
    }

    @Test
    void should_print_the_custom_fields_back_with_print_taxonomy() throws IOException {
        AppRun run = AppRun.run("", "--taxonomy", SUPPORT_WITH_FIELDS.toString(), "--print-taxonomy");

        assertThat(run.exitCode()).isZero();
        Taxonomy printed = TaxonomyJson.read(new StringReader(run.out()));
        try (InputStream in = Files.newInputStream(SUPPORT_WITH_FIELDS)) {
            assertThat(printed).isEqualTo(TaxonomyJson.read(in));
        }
    }

    @Test
    void should_report_a_bad_field_declaration_naming_the_field() throws IOException {
        Path taxonomy = dir.resolve("bad.json");
        Files.writeString(taxonomy, """
                {"version": "bad-1", "categories": [{"label": "other"}],
                 "fields": [{"name": "sentiment", "type": "boolean"}]}
                """);

        AppRun run = AppRun.run("text\nhello\n", "--taxonomy", taxonomy.toString(), "-");

        assertThat(run.exitCode()).isEqualTo(QuickstartApp.USAGE);
        assertThat(run.err()).contains("bad taxonomy", "taxonomy.fields.sentiment", "clashes with the built-in field");
    }
}
