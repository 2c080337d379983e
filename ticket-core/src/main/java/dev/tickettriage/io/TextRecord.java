package dev.tickettriage.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One input record of a CSV or JSONL file: its 1-based record number (the data row for CSV, header
 * excluded; the line for JSONL) and its fields by column name, in column order.
 */
public record TextRecord(long number, Map<String, String> fields) {

    public TextRecord {
        if (number < 1) throw new IllegalArgumentException("number must be >= 1, was " + number);
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
    }

    /** The value of one column; empty when the record has no such column. */
    public Optional<String> get(String column) {
        return Optional.ofNullable(fields.get(column));
    }
}
