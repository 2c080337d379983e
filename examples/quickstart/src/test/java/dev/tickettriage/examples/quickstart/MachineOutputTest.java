package dev.tickettriage.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.io.TextRecord;
import dev.tickettriage.io.TextRecords;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MachineOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> jsonLines(String out) {
        List<JsonNode> nodes = new ArrayList<>();
        out.lines().forEach(line -> {
            try {
                nodes.add(JSON.readTree(line));
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        });
        return nodes;
    }

    private static List<TextRecord> csvRecords(String out) {
        try (Stream<TextRecord> records = TextRecords.csv(new StringReader(out))) {
            return records.toList();
        }
    }

    @Test
    void should_write_one_json_object_per_row_with_the_input_row_number() {
        String csv = "subject,text\nRefund,I was charged twice\nLogin,cannot log in\nHola,no funciona la app\n";

        AppRun run = AppRun.run(csv, "--format", "jsonl", "-");

        assertThat(run.exitCode()).isZero();
        List<JsonNode> lines = jsonLines(run.out());
        assertThat(lines).extracting(node -> node.get("row").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(lines).allSatisfy(node -> {
            assertThat(node.get("status").asText()).isEqualTo("PROCESSED");
            assertThat(node.get("category").asText()).isNotBlank();
            assertThat(node.get("id").asText()).hasSize(36);
            assertThat(node.fieldNames()).toIterable().containsExactlyElementsOf(ResultFields.NAMES);
        });
    }

    @Test
    void should_carry_every_classification_field_when_format_is_jsonl() {
        AppRun run = AppRun.withEcho("text\nwhere is my refund!!!\n", "--format", "jsonl", "-");

        JsonNode line = jsonLines(run.out()).get(0);
        assertThat(line.get("category").asText()).isEqualTo("other");
        assertThat(line.get("category_confidence").asDouble()).isEqualTo(0.875);
        assertThat(line.get("sentiment").asText()).isEqualTo("VERY_NEGATIVE");
        assertThat(line.get("sentiment_score").asDouble()).isEqualTo(-0.9);
        assertThat(line.get("sentiment_confidence").asDouble()).isEqualTo(0.5);
        assertThat(line.get("priority").asText()).isEqualTo("URGENT");
        assertThat(line.get("priority_confidence").isNull()).isTrue();
        assertThat(line.get("language").asText()).isEqualTo("es");
        assertThat(line.get("summary").asText()).isEqualTo("where is my refund!!!");
        assertThat(line.get("key_topics")).extracting(JsonNode::asText).containsExactly("echo", "test");
        assertThat(line.get("rationale").asText()).isEqualTo("echoed");
        assertThat(line.get("error").isNull()).isTrue();
    }

    @Test
    void should_round_trip_through_the_csv_reader_when_format_is_csv() {
        String csv = "text\n\"He said \"\"refund\"\", then left, angry\"\n\"two\nlines, and a comma\"\nplain\n";

        AppRun run = AppRun.withEcho(csv, "--format", "csv", "-");

        assertThat(run.exitCode()).isZero();
        List<TextRecord> records = csvRecords(run.out());
        assertThat(records.get(0).fields().keySet()).containsExactlyElementsOf(ResultFields.NAMES);
        assertThat(records).extracting(record -> record.get("row").orElseThrow()).containsExactly("1", "2", "3");
        assertThat(records).extracting(record -> record.get("summary").orElseThrow())
                .containsExactly("He said \"refund\", then left, angry", "two\nlines, and a comma", "plain");
        assertThat(records.get(0).get("key_topics")).contains("echo; test");
        assertThat(records.get(0).get("priority_confidence")).contains("");
        assertThat(run.out()).contains("\r\n");
    }

    @Test
    void should_keep_multi_line_cells_in_one_ticket() {
        String csv = "subject,text\r\nBroken,\"Steps:\r\n1. open the app\r\n2. it crashes, every time\"\r\nOther,short\r\n";

        AppRun run = AppRun.withEcho(csv, "--format", "jsonl", "-");

        List<JsonNode> lines = jsonLines(run.out());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("summary").asText()).isEqualTo("Steps:\n1. open the app\n2. it crashes, every time");
        assertThat(lines.get(1).get("row").asLong()).isEqualTo(2);
    }

    @Test
    void should_detect_jsonl_on_stdin_and_use_line_numbers_as_rows() {
        String jsonl = "{\"text\": \"first\"}\n\n{\"text\": \"después de una línea en blanco\", \"extra\": 1}\n";

        AppRun run = AppRun.withEcho(jsonl, "--format", "jsonl", "-");

        assertThat(run.exitCode()).isZero();
        assertThat(jsonLines(run.out())).extracting(node -> node.get("row").asLong()).containsExactly(1L, 3L);
        assertThat(jsonLines(run.out()).get(1).get("summary").asText()).isEqualTo("después de una línea en blanco");
    }

    @Test
    void should_name_the_line_when_jsonl_is_malformed() {
        String jsonl = "{\"text\": \"ok\"}\n{\"text\": broken}\n";

        AppRun run = AppRun.run(jsonl, "--input-format", "jsonl", "--format", "jsonl", "-");

        assertThat(run.exitCode()).isEqualTo(QuickstartApp.ROWS_SKIPPED);
        assertThat(run.err()).startsWith("warning: row 2 skipped: line 2: not valid JSON");
    }

    @Test
    void should_skip_blank_text_with_a_warning_and_keep_going() {
        String csv = "text\nfirst ticket\n\"   \"\nthird ticket\n";

        AppRun run = AppRun.withEcho(csv, "--format", "jsonl", "-");

        assertThat(run.exitCode()).isZero();
        assertThat(jsonLines(run.out())).extracting(node -> node.get("row").asLong()).containsExactly(1L, 3L);
        assertThat(run.err()).contains("warning: row 2 skipped: body must not be blank")
                .contains("Triaged 3 rows").contains("2 processed, 0 failed, 1 skipped");
    }

    @Test
    void should_skip_jsonl_lines_without_the_text_field() {
        AppRun run = AppRun.withEcho("{\"text\": \"a\"}\n{\"body\": \"b\"}\n", "--format", "csv", "-");

        assertThat(csvRecords(run.out())).hasSize(1);
        assertThat(run.err()).contains("warning: row 2 skipped: field 'text' is missing");
    }

    @Test
    void should_report_failed_rows_with_their_error() {
        AppRun run = AppRun.withEcho("text\nfine\nplease FAIL\n", "--format", "jsonl", "-");

        assertThat(run.exitCode()).isZero();
        JsonNode failed = jsonLines(run.out()).get(1);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("category").isNull()).isTrue();
        assertThat(failed.get("error").asText()).isNotBlank();
        assertThat(run.err()).contains("1 processed, 1 failed");
    }

    @Test
    void should_keep_progress_on_stderr_and_input_order_on_stdout_for_large_inputs() {
        StringBuilder csv = new StringBuilder("text\n");
        for (int i = 1; i <= 2_500; i++) {
            csv.append("ticket number ").append(i).append(i % 7 == 0 ? " !!!" : "").append('\n');
        }

        AppRun jsonl = AppRun.run(new EchoClassifier(), 1_000, csv.toString().getBytes(StandardCharsets.UTF_8), "--format", "jsonl", "-");
        AppRun csvRun = AppRun.run(new EchoClassifier(), 1_000, csv.toString().getBytes(StandardCharsets.UTF_8), "--format", "csv", "-");

        assertThat(jsonl.err()).contains("progress: 2,000 rows triaged").contains("Triaged 2,500 rows");
        assertThat(jsonl.out()).doesNotContain("progress").doesNotContain("Triaged").doesNotContain("Notifications");
        List<JsonNode> lines = jsonLines(jsonl.out());
        assertThat(lines).hasSize(2_500);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i).get("row").asLong()).isEqualTo(i + 1);
            assertThat(lines.get(i).get("summary").asText()).startsWith("ticket number " + (i + 1));
        }
        assertThat(csvRun.out()).doesNotContain("progress").doesNotContain("Triaged");
        assertThat(csvRecords(csvRun.out())).hasSize(2_500);
        assertThat(csvRun.err()).contains("progress:");
    }

    @Test
    void should_show_no_progress_when_quiet() {
        StringBuilder csv = new StringBuilder("text\n");
        for (int i = 1; i <= 1_500; i++) csv.append("ticket ").append(i).append('\n');

        AppRun run = AppRun.run(new EchoClassifier(), 500, csv.toString().getBytes(StandardCharsets.UTF_8), "-q", "--format", "csv", "-");

        assertThat(run.err()).doesNotContain("progress").contains("Triaged 1,500 rows");
    }
}
