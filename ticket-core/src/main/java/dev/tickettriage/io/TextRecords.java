package dev.tickettriage.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.error.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Streams records from CSV (header row, RFC 4180: quoted fields, doubled quotes, commas and line breaks
 * inside quotes, CRLF or LF) or JSONL (one JSON object per line; blank lines skipped; nested values kept
 * as JSON text). A leading UTF-8 byte-order mark is ignored. Records are read lazily, so files of any size
 * stream in constant memory; close the stream (or the reader) when done.
 *
 * <p>Malformed input raises {@link InvalidInputException} with field {@code input} and a reason naming the
 * line, for example {@code line 12: unterminated quoted field}. I/O failures raise {@link UncheckedIOException}.
 */
public final class TextRecords {

    private TextRecords() {
    }

    /** Reads {@code reader} in {@code format}. */
    public static Stream<TextRecord> read(Reader reader, RecordFormat format, ObjectMapper mapper) {
        return format == RecordFormat.CSV ? csv(reader) : jsonl(reader, mapper);
    }

    /** Reads CSV with a header row. Rows with fewer fields than the header get empty strings; extra fields are an error. */
    public static Stream<TextRecord> csv(Reader reader) {
        CsvIterator iterator = new CsvIterator(buffered(reader));
        return stream(iterator, reader);
    }

    /** Reads JSONL: each non-blank line must be a JSON object. */
    public static Stream<TextRecord> jsonl(Reader reader, ObjectMapper mapper) {
        JsonlIterator iterator = new JsonlIterator(buffered(reader), Objects.requireNonNull(mapper, "mapper"));
        return stream(iterator, reader);
    }

    /** The header of a CSV source (consumes the reader's first record). */
    public static List<String> csvHeader(Reader reader) {
        return new CsvIterator(buffered(reader)).header;
    }

    private static BufferedReader buffered(Reader reader) {
        Objects.requireNonNull(reader, "reader");
        return reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader, 64 * 1024);
    }

    private static Stream<TextRecord> stream(Iterator<TextRecord> iterator, Reader reader) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        reader.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static InvalidInputException malformed(long line, String problem) {
        return new InvalidInputException("input", "line " + line + ": " + problem);
    }

    private static final class CsvIterator implements Iterator<TextRecord> {
        private final BufferedReader in;
        private final List<String> header;
        private long line = 1;
        private long number;
        private boolean started;
        private List<String> next;

        CsvIterator(BufferedReader in) {
            this.in = in;
            skipBom();
            List<String> first = readRow();
            if (first == null) {
                throw malformed(1, "empty input, expected a header row");
            }
            Set<String> seen = new HashSet<>();
            List<String> names = new ArrayList<>();
            for (String name : first) {
                String trimmed = name.strip();
                if (!trimmed.isEmpty() && !seen.add(trimmed)) {
                    throw malformed(1, "duplicate column '" + trimmed + "' in header");
                }
                names.add(trimmed);
            }
            this.header = List.copyOf(names);
        }

        private void skipBom() {
            try {
                in.mark(1);
                int c = in.read();
                if (c != '\uFEFF' && c != -1) in.reset();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public boolean hasNext() {
            if (!started) {
                next = readNonEmptyRow();
                started = true;
            }
            return next != null;
        }

        @Override
        public TextRecord next() {
            if (!hasNext()) throw new NoSuchElementException();
            List<String> row = next;
            started = false;
            long rowLine = line;
            if (row.size() > header.size()) {
                throw malformed(rowLine - 1, "record " + (number + 1) + " has " + row.size() + " fields, the header has " + header.size());
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                fields.put(header.get(i), i < row.size() ? row.get(i) : "");
            }
            return new TextRecord(++number, fields);
        }

        private List<String> readNonEmptyRow() {
            List<String> row;
            do {
                row = readRow();
            } while (row != null && row.size() == 1 && row.get(0).isEmpty());
            return row;
        }

        /** One record, or null at end of input. */
        private List<String> readRow() {
            try {
                int c = in.read();
                if (c == -1) return null;
                List<String> fields = new ArrayList<>();
                StringBuilder field = new StringBuilder();
                long startLine = line;
                boolean quoted = false;
                boolean afterQuote = false;
                while (true) {
                    if (quoted) {
                        if (c == -1) throw malformed(startLine, "unterminated quoted field");
                        if (c == '"') {
                            in.mark(1);
                            int peek = in.read();
                            if (peek == '"') {
                                field.append('"');
                            } else {
                                quoted = false;
                                afterQuote = true;
                                if (peek != -1) in.reset();
                            }
                        } else {
                            if (c == '\n') line++;
                            field.append((char) c);
                        }
                    } else if (c == ',' ) {
                        fields.add(field.toString());
                        field.setLength(0);
                        afterQuote = false;
                    } else if (c == '\r' || c == '\n' || c == -1) {
                        if (c == '\r') {
                            in.mark(1);
                            if (in.read() != '\n') in.reset();
                        }
                        if (c != -1) line++;
                        fields.add(field.toString());
                        return fields;
                    } else if (c == '"' && field.length() == 0 && !afterQuote) {
                        quoted = true;
                    } else if (afterQuote) {
                        throw malformed(line, "unexpected character after closing quote");
                    } else {
                        field.append((char) c);
                    }
                    c = in.read();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class JsonlIterator implements Iterator<TextRecord> {
        private final BufferedReader in;
        private final ObjectMapper mapper;
        private long line;
        private TextRecord next;

        JsonlIterator(BufferedReader in, ObjectMapper mapper) {
            this.in = in;
            this.mapper = mapper;
        }

        @Override
        public boolean hasNext() {
            if (next != null) return true;
            try {
                String text;
                while ((text = in.readLine()) != null) {
                    line++;
                    if (line == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
                    if (text.isBlank()) continue;
                    next = parse(text);
                    return true;
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public TextRecord next() {
            if (!hasNext()) throw new NoSuchElementException();
            TextRecord record = next;
            next = null;
            return record;
        }

        private TextRecord parse(String text) {
            JsonNode node;
            try {
                node = mapper.readTree(text);
            } catch (JsonProcessingException e) {
                throw malformed(line, "not valid JSON (column " + (e.getLocation() == null ? "?" : String.valueOf(e.getLocation().getColumnNr())) + ")");
            }
            if (node == null || !node.isObject()) {
                throw malformed(line, "expected a JSON object");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            node.properties().forEach(entry -> {
                JsonNode value = entry.getValue();
                if (!value.isNull()) fields.put(entry.getKey(), value.isValueNode() ? value.asText() : value.toString());
            });
            return new TextRecord(line, fields);
        }
    }
}
