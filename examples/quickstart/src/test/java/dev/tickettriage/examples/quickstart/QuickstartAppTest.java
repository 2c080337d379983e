package dev.tickettriage.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.io.TaxonomyJson;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Taxonomy;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartAppTest {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\s+(\\d+)\\s{2}[0-9a-f]{8}\\s{2}\\S.*$");

    @TempDir
    Path dir;

    @Test
    void should_print_every_sample_row_and_the_notifications_when_run_without_arguments() {
        AppRun run = AppRun.run("");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).contains("ROW", "ID", "CATEGORY", "SENTIMENT", "PRIORITY", "CONF", "LANG", "SUMMARY");
        assertThat(lines.stream().filter(line -> TABLE_ROW.matcher(line).matches()).count()).isEqualTo(50);
        assertThat(run.out()).contains("Notifications fired: ").contains("Triaged 50 rows").contains("50 processed");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void should_cover_every_default_category_and_both_languages_in_the_bundled_sample() throws IOException {
        try (InputStream sample = QuickstartApp.class.getResourceAsStream(InputSource.SAMPLE_RESOURCE)) {
            String csv = new String(sample.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(csv.lines().skip(1).filter(line -> !line.isBlank()).count()).isGreaterThanOrEqualTo(50);
            assertThat(csv).contains("¿", "ñ", "charged twice", "!!!");
        }
        AppRun run = AppRun.run("", "--format", "csv");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().skip(1).count()).isEqualTo(50);
    }

    @Test
    void should_list_each_notification_with_its_row_when_rules_fire() {
        String csv = "text\nall fine here\nthis is a disgrace!!!\n";

        AppRun run = AppRun.withEcho(csv, "-");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Notifications fired: 1");
        assertThat(run.out()).containsPattern("(?m)^  row 2\\s+support-alerts\\s+URGENT\\s+\\S");
    }

    @Test
    void should_use_the_categories_of_a_taxonomy_file() throws IOException {
        Path taxonomy = dir.resolve("banking.json");
        Files.writeString(taxonomy, """
                {"version": "bank-1", "fallback": "general_banking",
                 "categories": [
                   {"label": "card_lost_or_stolen", "description": "Lost or stolen card", "examples": ["I lost my card"]},
                   {"label": "general_banking", "description": "Anything else"}]}
                """);

        AppRun table = AppRun.run("text\nI lost my card yesterday\nPerdí mi tarjeta\n", "--taxonomy", taxonomy.toString(), "-");
        AppRun echoed = AppRun.withEcho("text\nI lost my card yesterday\n", "--taxonomy", taxonomy.toString(), "--format", "csv", "-");

        assertThat(table.exitCode()).isZero();
        assertThat(table.out().lines().toList().get(0)).contains("CATEGORY             ");
        assertThat(table.out().lines().filter(line -> TABLE_ROW.matcher(line).matches()))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).containsAnyOf("card_lost_or_stolen", "general_banking"));
        assertThat(echoed.out()).contains(",general_banking,");
    }

    @Test
    void should_print_a_taxonomy_that_reads_back_when_asked() {
        AppRun run = AppRun.run("", "--print-taxonomy");

        assertThat(run.exitCode()).isZero();
        Taxonomy printed = TaxonomyJson.read(new StringReader(run.out()));
        assertThat(printed).isEqualTo(Taxonomy.defaultSupport());
    }

    @Test
    void should_read_the_example_taxonomy_file() throws IOException {
        Path example = Path.of("taxonomy-example.json");

        Taxonomy taxonomy;
        try (InputStream in = Files.newInputStream(example)) {
            taxonomy = TaxonomyJson.read(in);
        }

        assertThat(taxonomy.categories()).hasSizeGreaterThanOrEqualTo(5).contains(Category.of("card_lost_or_stolen"));
        assertThat(taxonomy.fallback()).isPresent();
    }

    @Test
    void should_name_the_field_and_exit_2_when_the_taxonomy_is_bad() throws IOException {
        Path taxonomy = dir.resolve("bad.json");
        Files.writeString(taxonomy, "{\"version\": \"v\", \"categories\": [{\"label\": \"a\"}, {\"label\": \" \"}]}");

        AppRun run = AppRun.run("", "--taxonomy", taxonomy.toString());

        assertThat(run.exitCode()).isEqualTo(QuickstartApp.USAGE);
        assertThat(run.err()).isEqualTo("error: bad taxonomy " + taxonomy + ": taxonomy.categories[1].label must not be blank\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void should_say_which_columns_exist_and_exit_2_when_the_text_column_is_missing() {
        AppRun run = AppRun.run("a,b,c\n1,2,3\n", "-");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: column 'text' not found; columns are: a, b, c (use --text-column)\n");
    }

    @Test
    void should_read_the_named_column_when_text_column_is_given() {
        AppRun run = AppRun.withEcho("id,message\n7,hello from another column\n", "--text-column", "message", "--format", "jsonl", "-");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"summary\":\"hello from another column\"");
    }

    @Test
    void should_fail_when_an_explicit_subject_column_is_missing() {
        AppRun run = AppRun.run("text\nhello\n", "--subject-column", "title", "-");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: column 'title' not found; columns are: text (use --subject-column)\n");
    }

    @Test
    void should_report_a_missing_file_without_a_stack_trace() {
        AppRun run = AppRun.run("", dir.resolve("nope.csv").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: cannot read " + dir.resolve("nope.csv") + ": no such file\n");
    }

    @Test
    void should_report_a_directory_given_as_input() {
        AppRun run = AppRun.run("", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: cannot read " + dir + ": it is a directory\n");
    }

    @Test
    void should_skip_a_row_with_invalid_utf8_and_exit_3() {
        byte[] latin1 = "text\nrefund for the caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

        AppRun run = AppRun.run(null, 1000, latin1, "-");

        assertThat(run.exitCode()).isEqualTo(QuickstartApp.ROWS_SKIPPED);
        assertThat(run.err()).contains("warning: row 1 skipped: line 2: is not valid UTF-8 (byte offset 23)");
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void should_report_malformed_csv_with_its_line() {
        AppRun run = AppRun.run("text\n\"ok\"\n\"never closed\n", "--format", "jsonl", "-");

        assertThat(run.exitCode()).isEqualTo(QuickstartApp.ROWS_SKIPPED);
        assertThat(run.err()).contains("warning: row 2 skipped: line 3: unterminated quoted field\n");
        assertThat(run.out().lines()).hasSize(1);
    }

    @Test
    void should_print_usage_when_asked_for_help() {
        AppRun run = AppRun.run("", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: triage").contains("--text-column", "--taxonomy", "--format");
    }

    @Test
    void should_reject_an_unknown_option() {
        AppRun run = AppRun.run("", "--fromat", "csv");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: unknown option '--fromat' (see --help)\n");
    }

    @Test
    void should_reject_an_unknown_output_format() {
        AppRun run = AppRun.run("", "--format=xml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: option --format must be table|jsonl|csv, was 'xml'\n");
    }

    @Test
    void should_keep_control_characters_out_of_table_cells() {
        String cell = TableResultWriter.oneLine("line one\nline two \u001b[31mred\u202e", 60);

        assertThat(cell).isEqualTo("line one line two [31mred");
        assertThat(TableResultWriter.oneLine("x".repeat(100), 60)).hasSize(60).endsWith("…");
    }
}
