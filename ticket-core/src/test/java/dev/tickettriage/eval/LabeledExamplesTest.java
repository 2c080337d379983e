package dev.tickettriage.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.error.InvalidInputException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class LabeledExamplesTest {

    @Test
    void should_read_named_csv_columns_when_quoted_text_spans_lines() {
        String csv = "id,text,label\n1,\"Hola, \"\"amigo\"\"\nsegunda línea\",greeting\n2,refund please,billing\n";

        assertThat(LabeledExamples.fromCsv(new StringReader(csv), "text", "label")).containsExactly(
                new LabeledExample("Hola, \"amigo\"\nsegunda línea", "greeting"), new LabeledExample("refund please", "billing"));
    }

    @Test
    void should_keep_only_filtered_records() {
        String csv = "id,text,label\n10,a,x\n11,b,y\n15,c,z\n";

        assertThat(LabeledExamples.fromCsv(new StringReader(csv), "text", "label",
                record -> Long.parseLong(record.get("id").orElseThrow()) % 5 == 0))
                .extracting(LabeledExample::label).containsExactly("x", "z");
    }

    @Test
    void should_read_jsonl_fields() {
        String jsonl = "{\"t\":\"one\",\"l\":\"a\"}\n\n{\"t\":\"two\",\"l\":\"b\"}\n";

        assertThat(LabeledExamples.fromJsonl(new StringReader(jsonl), new ObjectMapper(), "t", "l"))
                .extracting(LabeledExample::text).containsExactly("one", "two");
    }

    @Test
    void should_name_missing_column_without_quoting_text() {
        assertThatThrownBy(() -> LabeledExamples.fromCsv(new StringReader("text\nsecret words\n"), "text", "label"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'label'").hasMessageNotContaining("secret");
    }
}
