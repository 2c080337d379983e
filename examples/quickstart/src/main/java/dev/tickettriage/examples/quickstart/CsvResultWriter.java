package dev.tickettriage.examples.quickstart;

import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.io.CsvCells;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * CSV with a header row and RFC 4180 quoting (fields with a comma, quote or line break are quoted, quotes
 * doubled; records end with CRLF). Key topics are joined with {@code "; "}; absent values are empty. Custom fields get
 * two columns each ({@code fields.<name>}, {@code field_confidences.<name>}); several values are joined with {@code |}
 * and guarded like every other text cell (booleans are written as {@code true}/{@code false}, numbers as numbers).
 *
 * <p>Text cells a spreadsheet would run as a formula (starting with {@code =}, {@code +}, {@code -},
 * {@code @}, tab or carriage return) get a leading {@code '} (OWASP CSV injection). Decision: this is
 * decided by the value's type, not its look. Text cells are prefixed even when they read as a negative
 * number ({@code -5} becomes {@code '-5}), as OWASP advises, because a summary or topic is model or ticket
 * text. Numbers we format ourselves (row, scores, confidences) are written as they are: a Java number
 * cannot carry a formula, and {@code -0.42} must stay numeric for whoever reads the file.
 */
final class CsvResultWriter implements ResultWriter {

    static final String TOPIC_SEPARATOR = "; ";

    private final PrintStream out;
    private final Taxonomy taxonomy;
    private final List<String> names;

    CsvResultWriter(PrintStream out, Taxonomy taxonomy) {
        this.out = Objects.requireNonNull(out, "out");
        this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
        this.names = ResultFields.names(taxonomy);
    }

    @Override
    public void begin() {
        writeRecord(names);
    }

    @Override
    public void write(TriageResult result) {
        Map<String, @Nullable Object> fields = ResultFields.flat(result, taxonomy);
        writeRecord(names.stream().map(name -> text(fields.get(name))).toList());
    }

    @Override
    public void end() {
        out.flush();
    }

    private void writeRecord(List<String> values) {
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) line.append(',');
            appendField(line, values.get(i));
        }
        out.print(line.append("\r\n"));
    }

    private static String text(@Nullable Object value) {
        if (value == null) return "";
        if (value instanceof Number || value instanceof Boolean) return value.toString();
        return neutralize(plain(value));
    }

    private static String plain(Object value) {
        if (value instanceof List<?> list) {
            StringBuilder joined = new StringBuilder();
            for (Object item : list) {
                if (joined.length() > 0) joined.append(TOPIC_SEPARATOR);
                joined.append(item);
            }
            return joined.toString();
        }
        return value.toString();
    }

    /** Prefixes {@code '} to text a spreadsheet would treat as a formula ({@link CsvCells#neutralize}). */
    static String neutralize(String text) {
        return CsvCells.neutralize(text);
    }

    /** Quotes a field when it holds a comma, a quote, a line break, or surrounding blanks ({@link CsvCells#appendField}). */
    static void appendField(StringBuilder line, String value) {
        CsvCells.appendField(line, value);
    }
}
