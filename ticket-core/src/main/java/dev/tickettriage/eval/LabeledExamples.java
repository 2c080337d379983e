package dev.tickettriage.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.io.TextRecord;
import dev.tickettriage.io.TextRecords;
import java.io.Reader;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads {@link LabeledExample}s from CSV (with a header) or JSONL, taking the text and label from named
 * columns, optionally keeping only the records a filter accepts (for example a held-out slice). The reader
 * is closed when done.
 *
 * @see TextRecords
 */
public final class LabeledExamples {

    private LabeledExamples() {
    }

    /**
     * All CSV records as examples.
     *
     * @throws InvalidInputException when the input is malformed, a column is missing or a label is blank
     */
    public static List<LabeledExample> fromCsv(Reader reader, String textColumn, String labelColumn) {
        return fromCsv(reader, textColumn, labelColumn, record -> true);
    }

    /** The CSV records {@code filter} accepts, as examples. */
    public static List<LabeledExample> fromCsv(Reader reader, String textColumn, String labelColumn, Predicate<TextRecord> filter) {
        try (Stream<TextRecord> records = TextRecords.csv(reader)) {
            return convert(records, textColumn, labelColumn, filter);
        }
    }

    /** All JSONL records as examples. */
    public static List<LabeledExample> fromJsonl(Reader reader, ObjectMapper mapper, String textField, String labelField) {
        return fromJsonl(reader, mapper, textField, labelField, record -> true);
    }

    /** The JSONL records {@code filter} accepts, as examples. */
    public static List<LabeledExample> fromJsonl(Reader reader, ObjectMapper mapper, String textField, String labelField,
                                                 Predicate<TextRecord> filter) {
        try (Stream<TextRecord> records = TextRecords.jsonl(reader, mapper)) {
            return convert(records, textField, labelField, filter);
        }
    }

    private static List<LabeledExample> convert(Stream<TextRecord> records, String textColumn, String labelColumn,
                                                Predicate<TextRecord> filter) {
        Objects.requireNonNull(textColumn, "textColumn");
        Objects.requireNonNull(labelColumn, "labelColumn");
        Objects.requireNonNull(filter, "filter");
        return records.filter(filter).map(record -> {
            String text = required(record, textColumn);
            String label = required(record, labelColumn).strip();
            if (label.isEmpty()) {
                throw new InvalidInputException("input", "record " + record.number() + ": column '" + labelColumn + "' is blank");
            }
            return new LabeledExample(text, label);
        }).toList();
    }

    private static String required(TextRecord record, String column) {
        return record.get(column).orElseThrow(() ->
                new InvalidInputException("input", "record " + record.number() + " has no column '" + column + "'"));
    }
}
