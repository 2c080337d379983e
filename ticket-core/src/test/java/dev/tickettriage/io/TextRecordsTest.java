package dev.tickettriage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TextRecordsTest {

    private static List<TextRecord> csv(String text) {
        try (Stream<TextRecord> records = TextRecords.csv(new StringReader(text))) {
            return records.collect(Collectors.toList());
        }
    }

    @Test
    void should_read_quoted_fields_with_commas_quotes_and_line_breaks() {
        List<TextRecord> records = csv("id,text\r\n1,\"Hello, \"\"world\"\"\r\nsecond line\"\r\n2,plain\r\n");

        assertThat(records).hasSize(2);
        assertThat(records.get(0).number()).isEqualTo(1);
        assertThat(records.get(0).get("text")).contains("Hello, \"world\"\r\nsecond line");
        assertThat(records.get(1).fields()).isEqualTo(Map.of("id", "2", "text", "plain"));
    }

    @Test
    void should_skip_bom_and_blank_lines_and_pad_short_rows() {
        List<TextRecord> records = csv("\uFEFFtext,label\n\nhola,es\nonly\n");

        assertThat(records).extracting(r -> r.get("text").orElseThrow()).containsExactly("hola", "only");
        assertThat(records.get(1).get("label")).contains("");
    }

    @Test
    void should_read_utf8_text_without_trailing_newline() {
        assertThat(csv("text\n¿Dónde está mi pedido? 😡")).extracting(r -> r.get("text").orElseThrow())
                .containsExactly("¿Dónde está mi pedido? 😡");
    }

    @Test
    void should_name_the_line_when_a_quote_is_not_closed() {
        assertThatThrownBy(() -> csv("text\nok\n\"never closed\n"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("input");
                    assertThat(e.reason()).isEqualTo("line 3: unterminated quoted field");
                });
    }

    @Test
    void should_reject_rows_with_more_fields_than_the_header() {
        assertThatThrownBy(() -> csv("text\na,b\n")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("record 1 has 2 fields, the header has 1");
    }

    @Test
    void should_reject_empty_input_and_duplicate_columns() {
        assertThatThrownBy(() -> csv("")).hasMessageContaining("expected a header row");
        assertThatThrownBy(() -> csv("text,text\n")).hasMessageContaining("duplicate column 'text'");
    }

    @Test
    void should_read_jsonl_objects_with_line_numbers() {
        String input = "{\"text\":\"hi\",\"n\":3,\"meta\":{\"a\":1}}\n\n{\"text\":\"second\",\"skip\":null}\n";
        List<TextRecord> records;
        try (Stream<TextRecord> stream = TextRecords.jsonl(new StringReader(input), new ObjectMapper())) {
            records = stream.collect(Collectors.toList());
        }

        assertThat(records).extracting(TextRecord::number).containsExactly(1L, 3L);
        assertThat(records.get(0).fields()).containsEntry("n", "3").containsEntry("meta", "{\"a\":1}");
        assertThat(records.get(1).fields()).doesNotContainKey("skip");
    }

    @Test
    void should_reject_jsonl_lines_that_are_not_objects_without_quoting_them() {
        assertThatThrownBy(() -> TextRecords.jsonl(new StringReader("{\"text\":\"ok\"}\n[\"secret text\"]\n"), new ObjectMapper())
                .collect(Collectors.toList()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 2: expected a JSON object")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> TextRecords.jsonl(new StringReader("{broken secret"), new ObjectMapper())
                .collect(Collectors.toList()))
                .hasMessageContaining("line 1: not valid JSON")
                .hasMessageNotContaining("secret");
    }

    @Test
    void should_detect_format_from_file_name() {
        assertThat(RecordFormat.fromFileName("tickets.CSV")).contains(RecordFormat.CSV);
        assertThat(RecordFormat.fromFileName("t.jsonl")).contains(RecordFormat.JSONL);
        assertThat(RecordFormat.fromFileName("t.txt")).isEmpty();
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Outcome(List<TextRecord> records, List<RecordError> errors) {
    }

    private static Outcome readBytes(byte[] bytes, RecordFormat format, Set<String> stringFields, TextRecords.Limits limits) {
        List<RecordError> errors = new ArrayList<>();
        try (Stream<TextRecord> records = TextRecords.read(new ByteArrayInputStream(bytes), format, MAPPER, stringFields,
                errors::add, limits)) {
            return new Outcome(records.collect(Collectors.toList()), errors);
        }
    }

    private static Outcome read(String text, RecordFormat format) {
        return readBytes(text.getBytes(StandardCharsets.UTF_8), format, Set.of("text"), TextRecords.Limits.DEFAULTS);
    }

    private static List<String> texts(Outcome outcome) {
        return outcome.records().stream().map(record -> record.get("text").orElseThrow()).collect(Collectors.toList());
    }

    @Test
    void should_report_and_skip_a_csv_row_with_a_character_after_a_closing_quote() {
        Outcome outcome = read("text,n\nfirst,1\n\"bad\"x,2\nthird,3\n", RecordFormat.CSV);

        assertThat(texts(outcome)).containsExactly("first", "third");
        assertThat(outcome.records()).extracting(TextRecord::number).containsExactly(1L, 3L);
        assertThat(outcome.errors()).containsExactly(new RecordError(2, 3, "unexpected character after closing quote"));
    }

    @Test
    void should_report_and_skip_a_csv_row_with_too_many_fields() {
        Outcome outcome = read("text\nfirst\na,b\nthird\n", RecordFormat.CSV);

        assertThat(texts(outcome)).containsExactly("first", "third");
        assertThat(outcome.errors()).extracting(RecordError::toString)
                .containsExactly("line 3: record 2 has 2 fields, the header has 1");
    }

    @Test
    void should_report_an_unterminated_quote_at_the_end_after_the_good_rows() {
        Outcome outcome = read("text\nok\n\"never closed\nstill inside\n", RecordFormat.CSV);

        assertThat(texts(outcome)).containsExactly("ok");
        assertThat(outcome.errors()).containsExactly(new RecordError(2, 3, "unterminated quoted field"));
    }

    @Test
    void should_report_and_skip_a_csv_row_with_invalid_utf8_naming_the_byte_offset() {
        byte[] bytes = concat("text\nfirst\ncaf".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE9},
                "\n\"\u00FAltimo\"\n".getBytes(StandardCharsets.UTF_8));

        Outcome outcome = readBytes(bytes, RecordFormat.CSV, Set.of(), TextRecords.Limits.DEFAULTS);

        assertThat(texts(outcome)).containsExactly("first", "\u00FAltimo");
        assertThat(outcome.errors()).containsExactly(new RecordError(2, 3, "is not valid UTF-8 (byte offset 14)"));
    }

    @Test
    void should_report_and_skip_jsonl_lines_that_are_malformed_not_objects_or_have_trailing_content() {
        String jsonl = "{\"text\":\"one\"}\n{\"text\": broken secret}\n[\"secret\"]\n{\"text\":\"a\"} {\"text\":\"b\"}\n{\"text\":\"five\"}\n";

        Outcome outcome = read(jsonl, RecordFormat.JSONL);

        assertThat(texts(outcome)).containsExactly("one", "five");
        assertThat(outcome.records()).extracting(TextRecord::number).containsExactly(1L, 5L);
        assertThat(outcome.errors()).extracting(RecordError::line).containsExactly(2L, 3L, 4L);
        assertThat(outcome.errors()).extracting(RecordError::reason)
                .allSatisfy(reason -> assertThat(reason).doesNotContain("secret"))
                .contains("expected a JSON object", "has content after the JSON object");
    }

    @Test
    void should_report_a_jsonl_line_whose_text_field_is_not_a_string() {
        Outcome outcome = read("{\"text\": 42}\n{\"text\": {\"a\": 1}}\n{\"text\": \"ok\", \"n\": 7}\n", RecordFormat.JSONL);

        assertThat(texts(outcome)).containsExactly("ok");
        assertThat(outcome.records().get(0).get("n")).contains("7");
        assertThat(outcome.errors()).extracting(RecordError::reason)
                .containsExactly("field 'text' must be a JSON string, was number", "field 'text' must be a JSON string, was object");
    }

    @Test
    void should_report_a_jsonl_line_with_invalid_utf8_and_keep_reading() {
        byte[] bytes = concat("{\"text\":\"one\"}\n{\"text\":\"".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF, (byte) 0xFE},
                "\"}\n{\"text\":\"three\"}".getBytes(StandardCharsets.UTF_8));

        Outcome outcome = readBytes(bytes, RecordFormat.JSONL, Set.of(), TextRecords.Limits.DEFAULTS);

        assertThat(texts(outcome)).containsExactly("one", "three");
        assertThat(outcome.errors()).containsExactly(new RecordError(2, 2, "is not valid UTF-8 (byte offset 24)"));
    }

    @Test
    void should_enforce_explicit_jsonl_nesting_and_string_limits() {
        TextRecords.Limits limits = new TextRecords.Limits(1_000, 4, 10);
        String jsonl = "{\"text\":\"short\"}\n{\"text\":\"x\",\"deep\":[[[[[1]]]]]}\n{\"text\":\"this is far too long\"}\n";

        Outcome outcome = readBytes(jsonl.getBytes(StandardCharsets.UTF_8), RecordFormat.JSONL, Set.of(), limits);

        assertThat(texts(outcome)).containsExactly("short");
        assertThat(outcome.errors()).extracting(RecordError::reason)
                .containsExactly("nests deeper than 4 levels", "has a string longer than 10 characters");
    }

    @Test
    void should_apply_the_default_nesting_limit_of_the_jsonl_reader() {
        String deep = "[".repeat(TextRecords.MAX_JSON_NESTING_DEPTH + 1) + "]".repeat(TextRecords.MAX_JSON_NESTING_DEPTH + 1);

        Outcome outcome = read("{\"text\":\"x\",\"deep\":" + deep + "}\n", RecordFormat.JSONL);

        assertThat(outcome.errors()).extracting(RecordError::reason)
                .containsExactly("nests deeper than " + TextRecords.MAX_JSON_NESTING_DEPTH + " levels");
    }

    @Test
    void should_skip_a_record_over_the_length_limit_without_keeping_it() {
        TextRecords.Limits limits = new TextRecords.Limits(8, 64, 100);

        Outcome csv = readBytes("text\nshort\nfar too long a row\nok\n".getBytes(StandardCharsets.UTF_8), RecordFormat.CSV, Set.of(), limits);
        Outcome jsonl = readBytes("{\"text\":\"a very long line\"}\n{}\n".getBytes(StandardCharsets.UTF_8), RecordFormat.JSONL, Set.of(), limits);

        assertThat(texts(csv)).containsExactly("short", "ok");
        assertThat(csv.errors()).containsExactly(new RecordError(2, 3, "is longer than 8 characters"));
        assertThat(jsonl.errors()).containsExactly(new RecordError(1, 1, "is longer than 8 characters"));
        assertThat(jsonl.records()).hasSize(1);
    }

    @Test
    void should_not_change_the_host_object_mapper_when_applying_limits() {
        ObjectMapper mapper = new ObjectMapper();
        int before = mapper.getFactory().streamReadConstraints().getMaxNestingDepth();

        try (Stream<TextRecord> records = TextRecords.read(new ByteArrayInputStream(new byte[0]), RecordFormat.JSONL, mapper, Set.of(),
                error -> { })) {
            assertThat(records).isEmpty();
        }

        assertThat(mapper.getFactory().streamReadConstraints().getMaxNestingDepth()).isEqualTo(before);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) length += part.length;
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
