package dev.tickettriage.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.io.TextRecord;
import dev.tickettriage.io.TextRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Issue 5 section 6 on the command line: malformed rows are skipped and reported, CSV output is formula-safe. */
class HostileInputCliTest {

    private static List<TextRecord> csvRecords(String out) {
        try (Stream<TextRecord> records = TextRecords.csv(new StringReader(out))) {
            return records.toList();
        }
    }

    @Test
    void should_prefix_a_quote_to_text_cells_a_spreadsheet_would_run_as_formulas() {
        String csv = "text\n\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"\n+1+1\n-5\n@SUM(A1)\nplain text\n";

        AppRun run = AppRun.withEcho(csv, "--format", "csv", "-");

        assertThat(run.exitCode()).isZero();
        assertThat(csvRecords(run.out())).extracting(record -> record.get("summary").orElseThrow())
                .containsExactly("'=HYPERLINK(\"http://evil\",\"x\")", "'+1+1", "'-5", "'@SUM(A1)", "plain text");
    }

    @Test
    void should_keep_negative_numbers_we_format_ourselves_numeric() {
        AppRun run = AppRun.withEcho("text\nwhere is my refund!!!\n", "--format", "csv", "-");

        TextRecord record = csvRecords(run.out()).get(0);
        assertThat(record.get("sentiment_score")).contains("-0.9");
        assertThat(record.get("summary")).contains("where is my refund!!!");
    }

    @Test
    void should_neutralize_formula_starts_and_leave_other_text_alone() {
        assertThat(CsvResultWriter.neutralize("=1+2")).isEqualTo("'=1+2");
        assertThat(CsvResultWriter.neutralize("\rcmd")).isEqualTo("'\rcmd");
        assertThat(CsvResultWriter.neutralize("\tcmd")).isEqualTo("'\tcmd");
        assertThat(CsvResultWriter.neutralize("-0.5")).isEqualTo("'-0.5");
        assertThat(CsvResultWriter.neutralize("a=b")).isEqualTo("a=b");
        assertThat(CsvResultWriter.neutralize("")).isEmpty();
    }

    @Test
    void should_skip_malformed_jsonl_lines_and_triage_the_rest_in_order() {
        String jsonl = String.join("\n",
                "{\"text\": \"first\"}",
                "{\"text\": broken secret}",
                "[\"secret\"]",
                "{\"text\": 42}",
                "{\"text\": \"x\", \"deep\": " + "[".repeat(100) + "]".repeat(100) + "}",
                "{\"text\": \"last\"}") + "\n";

        AppRun run = AppRun.withEcho(jsonl, "--format", "jsonl", "-");

        assertThat(run.exitCode()).isEqualTo(QuickstartApp.ROWS_SKIPPED);
        assertThat(run.out().lines()).hasSize(2);
        assertThat(run.out().lines().toList().get(0)).contains("\"row\":1", "\"summary\":\"first\"");
        assertThat(run.out().lines().toList().get(1)).contains("\"row\":6", "\"summary\":\"last\"");
        assertThat(run.err()).contains(
                "warning: row 2 skipped: line 2: not valid JSON",
                "warning: row 3 skipped: line 3: expected a JSON object",
                "warning: row 4 skipped: line 4: field 'text' must be a JSON string, was number",
                "warning: row 5 skipped: line 5: nests deeper than " + TextRecords.MAX_JSON_NESTING_DEPTH + " levels",
                "warning: 4 malformed input row(s) were skipped (exit code 3)");
        assertThat(run.err()).doesNotContain("secret");
    }

    @Test
    void should_skip_bad_csv_rows_and_keep_every_good_row_in_order() {
        String csv = "text\nfirst\n\"bad\"quote\nsecond\nthird,extra\nlast\n";

        AppRun run = AppRun.withEcho(csv, "--format", "csv", "-");

        assertThat(run.exitCode()).isEqualTo(QuickstartApp.ROWS_SKIPPED);
        assertThat(csvRecords(run.out())).extracting(record -> record.get("row").orElseThrow() + ":" + record.get("summary").orElseThrow())
                .containsExactly("1:first", "3:second", "5:last");
        assertThat(run.err()).contains("warning: row 2 skipped: line 3: unexpected character after closing quote",
                "warning: row 4 skipped: line 5: record 4 has 2 fields, the header has 1");
    }

    @Test
    void should_exit_0_when_nothing_was_malformed() {
        AppRun run = AppRun.withEcho("text\nfine\n", "--format", "csv", "-");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).doesNotContain("malformed");
    }

    @Test
    void should_say_stdin_is_empty_when_nothing_is_piped_in() {
        AppRun run = AppRun.run("", "-");

        assertThat(run.exitCode()).isEqualTo(QuickstartApp.USAGE);
        assertThat(run.err()).isEqualTo("error: stdin is empty: pipe a CSV or JSONL file into it, or name a file\n");
    }

    @Test
    void should_say_stdin_is_closed_when_it_cannot_be_read() {
        InputStream closed = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Bad file descriptor");
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        QuickstartApp app = new QuickstartApp(() -> clock.addAndGet(1_000_000L), false, 10, null);

        int code = app.run(new String[] {"-"}, closed, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(QuickstartApp.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("error: cannot read stdin: it is closed or unreadable (Bad file descriptor)\n");
    }

    @Test
    void should_document_exit_code_3_in_help() {
        AppRun run = AppRun.run("", "--help");

        assertThat(run.out()).contains("3 done but some malformed rows were skipped");
    }
}
