package dev.tickettriage.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.error.InvalidInputException;
import java.io.StringReader;
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
}
