package dev.tickettriage.examples.quickstart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.domain.Taxonomy;
import java.io.PrintStream;
import java.util.Objects;

/** One JSON object per result and line, with the fields of {@link ResultFields} (custom fields as nested objects). */
final class JsonlResultWriter implements ResultWriter {

    private final PrintStream out;
    private final ObjectMapper mapper;
    private final Taxonomy taxonomy;

    JsonlResultWriter(PrintStream out, ObjectMapper mapper, Taxonomy taxonomy) {
        this.out = Objects.requireNonNull(out, "out");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
    }

    @Override
    public void begin() {
        // JSONL has no header
    }

    @Override
    public void write(TriageResult result) {
        try {
            out.print(mapper.writeValueAsString(ResultFields.of(result, taxonomy)));
            out.print('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings, numbers and lists could not be written as JSON", e);
        }
    }

    @Override
    public void end() {
        out.flush();
    }
}
