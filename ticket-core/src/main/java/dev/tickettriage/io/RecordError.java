package dev.tickettriage.io;

import java.util.Objects;

/**
 * One input record {@link TextRecords} could not read and skipped: its 1-based record number (the CSV data
 * row, header excluded, or the JSONL line; numbering goes on past it, so later records keep their
 * numbers), the line where it starts, and why, for example {@code unterminated quoted field}. The reason
 * never quotes the record's text.
 */
public record RecordError(long number, long line, String reason) {

    public RecordError {
        if (number < 1) throw new IllegalArgumentException("number must be >= 1, was " + number);
        if (line < 1) throw new IllegalArgumentException("line must be >= 1, was " + line);
        Objects.requireNonNull(reason, "reason");
    }

    /** For example {@code line 12: unterminated quoted field}. */
    @Override
    public String toString() {
        return "line " + line + ": " + reason;
    }
}
