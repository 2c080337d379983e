package dev.tickettriage.io;

import java.util.Locale;
import java.util.Optional;

/** The input formats {@link TextRecords} reads. */
public enum RecordFormat {
    /** Comma-separated values with a header row, RFC 4180 quoting. */
    CSV,
    /** One JSON object per line. */
    JSONL;

    /** The format a file name suggests: {@code .csv}, or {@code .jsonl}/{@code .ndjson}/{@code .json}. */
    public static Optional<RecordFormat> fromFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv")) return Optional.of(CSV);
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) return Optional.of(JSONL);
        return Optional.empty();
    }
}
