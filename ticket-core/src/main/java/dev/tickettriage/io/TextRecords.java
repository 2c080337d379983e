package dev.tickettriage.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.error.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * Streams records from CSV (header row, RFC 4180: quoted fields, doubled quotes, commas and line breaks
 * inside quotes, CRLF or LF) or JSONL (one JSON object per line; blank lines skipped; nested values kept
 * as JSON text). A leading byte-order mark is ignored. Records are read lazily, so files of any size
 * stream in constant memory; close the stream (or the source) when done.
 *
 * <p>Limits: a record holds at most {@link #MAX_RECORD_LENGTH} characters; a JSONL line nests at most
 * {@link #MAX_JSON_NESTING_DEPTH} levels and holds no string longer than {@link #MAX_JSON_STRING_LENGTH}
 * characters. A record that breaks one, or is malformed (bad CSV quoting, too many fields, invalid
 * UTF-8, a JSONL line that is not one JSON object), is a {@link RecordError}. The overloads without an
 * error handler throw it as an {@link InvalidInputException} with field {@code input} and a reason naming
 * the line, for example {@code line 12: unterminated quoted field}; those with a handler pass it on and
 * continue with the next record (an unterminated quote runs to the end of the input, so nothing follows
 * it). A missing or malformed CSV header always throws. I/O failures raise {@link UncheckedIOException}.
 * Reasons never quote the input's text.
 */
public final class TextRecords {

    /** The most characters one record may hold: 4 Mi. */
    public static final int MAX_RECORD_LENGTH = 4 * 1024 * 1024;
    /** How deep a JSONL line may nest arrays and objects. */
    public static final int MAX_JSON_NESTING_DEPTH = 64;
    /** The longest string (value or name) a JSONL line may hold: 1 Mi characters. */
    public static final int MAX_JSON_STRING_LENGTH = 1024 * 1024;

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int END = -1;
    private static final int MALFORMED = -2;
    private static final int NONE = -3;

    private TextRecords() {
    }

    /** Reads {@code reader} in {@code format}; the first bad record throws. */
    public static Stream<TextRecord> read(Reader reader, RecordFormat format, ObjectMapper mapper) {
        return format == RecordFormat.CSV ? csv(reader) : jsonl(reader, mapper);
    }

    /**
     * Reads {@code reader} in {@code format}, handing each bad record to {@code onError} and going on.
     * A reader that fails to decode its bytes (for example a strict UTF-8 {@code InputStreamReader}) ends
     * the stream with an {@link UncheckedIOException}; read bytes with
     * {@link #read(InputStream, RecordFormat, ObjectMapper, Set, Consumer)} to skip just that record.
     */
    public static Stream<TextRecord> read(Reader reader, RecordFormat format, ObjectMapper mapper, Consumer<RecordError> onError) {
        return read(new ReaderChars(buffered(reader)), reader, format, mapper, Set.of(), onError, Limits.DEFAULTS);
    }

    /**
     * Reads strict UTF-8 from {@code in} in {@code format}, handing each bad record to {@code onError} and
     * going on. A record with bytes that are not UTF-8 is a {@link RecordError} naming the byte offset.
     *
     * @param stringFields JSONL fields that must be JSON strings when present (a number or object there is
     *                     a bad record); ignored for CSV, where every field is text
     */
    public static Stream<TextRecord> read(InputStream in, RecordFormat format, ObjectMapper mapper, Set<String> stringFields,
                                          Consumer<RecordError> onError) {
        return read(in, format, mapper, stringFields, onError, Limits.DEFAULTS);
    }

    static Stream<TextRecord> read(InputStream in, RecordFormat format, ObjectMapper mapper, Set<String> stringFields,
                                   Consumer<RecordError> onError, Limits limits) {
        Objects.requireNonNull(in, "in");
        return read(new Utf8Chars(in), in, format, mapper, stringFields, onError, limits);
    }

    private static Stream<TextRecord> read(Chars chars, AutoCloseable source, RecordFormat format, ObjectMapper mapper,
                                           Set<String> stringFields, Consumer<RecordError> onError, Limits limits) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(mapper, "mapper");
        Set<String> strings = Set.copyOf(Objects.requireNonNull(stringFields, "stringFields"));
        Objects.requireNonNull(onError, "onError");
        Iterator<TextRecord> iterator = format == RecordFormat.CSV
                ? new CsvIterator(chars, onError, limits)
                : new JsonlIterator(chars, mapper, strings, onError, limits);
        return stream(iterator, source);
    }

    /** Reads CSV with a header row; the first bad record throws. Rows with fewer fields than the header get empty strings. */
    public static Stream<TextRecord> csv(Reader reader) {
        return stream(new CsvIterator(new ReaderChars(buffered(reader)), TextRecords::fail, Limits.DEFAULTS), reader);
    }

    /** Reads JSONL: each non-blank line must be a JSON object; the first bad line throws. */
    public static Stream<TextRecord> jsonl(Reader reader, ObjectMapper mapper) {
        return stream(new JsonlIterator(new ReaderChars(buffered(reader)), Objects.requireNonNull(mapper, "mapper"), Set.of(),
                TextRecords::fail, Limits.DEFAULTS), reader);
    }

    /** The header of a CSV source (consumes the reader's first record). */
    public static List<String> csvHeader(Reader reader) {
        return new CsvIterator(new ReaderChars(buffered(reader)), TextRecords::fail, Limits.DEFAULTS).header;
    }

    /** Size limits, smaller in tests. */
    record Limits(int maxRecordLength, int maxNestingDepth, int maxStringLength) {
        static final Limits DEFAULTS = new Limits(MAX_RECORD_LENGTH, MAX_JSON_NESTING_DEPTH, MAX_JSON_STRING_LENGTH);
    }

    private static void fail(RecordError error) {
        throw new InvalidInputException("input", error.toString());
    }

    private static BufferedReader buffered(Reader reader) {
        Objects.requireNonNull(reader, "reader");
        return reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader, BUFFER_SIZE);
    }

    private static Stream<TextRecord> stream(Iterator<TextRecord> iterator, AutoCloseable source) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        source.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (Exception e) {
                        throw new IllegalStateException("closing the input failed", e);
                    }
                });
    }

    /** Characters with one character of push-back; {@link #MALFORMED} marks bytes that were not UTF-8 (and are skipped). */
    private abstract static class Chars {
        private int pushedBack = NONE;

        final int read() {
            if (pushedBack != NONE) {
                int c = pushedBack;
                pushedBack = NONE;
                return c;
            }
            try {
                return readNext();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        final void unread(int c) {
            pushedBack = c;
        }

        /** A character, {@link #END} or {@link #MALFORMED}. */
        abstract int readNext() throws IOException;

        /** The byte offset of the last {@link #MALFORMED} sequence. */
        long malformedOffset() {
            return -1;
        }
    }

    private static final class ReaderChars extends Chars {
        private final Reader reader;

        ReaderChars(Reader reader) {
            this.reader = reader;
        }

        @Override
        int readNext() throws IOException {
            return reader.read();
        }
    }

    /** Strict UTF-8 decoding that reports a malformed sequence in-band, skips it and goes on. */
    private static final class Utf8Chars extends Chars {
        private final InputStream in;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
        private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).flip();
        private long bytesBefore;
        private boolean endOfBytes;
        private boolean flushed;
        private int malformedLength;
        private long malformedOffset = -1;

        Utf8Chars(InputStream in) {
            this.in = in;
        }

        @Override
        int readNext() throws IOException {
            while (true) {
                if (chars.hasRemaining()) return chars.get();
                if (malformedLength > 0) {
                    malformedOffset = bytesBefore + bytes.position();
                    bytes.position(bytes.position() + malformedLength);
                    malformedLength = 0;
                    return MALFORMED;
                }
                if (!decodeMore()) return END;
            }
        }

        @Override
        long malformedOffset() {
            return malformedOffset;
        }

        /** Decodes more characters (or finds a malformed sequence); false at the end of the input. */
        private boolean decodeMore() throws IOException {
            if (flushed) return false;
            chars.clear();
            try {
                while (true) {
                    CoderResult result = decoder.decode(bytes, chars, endOfBytes);
                    if (result.isError()) {
                        malformedLength = result.length();
                        return true;
                    }
                    if (result.isOverflow() || chars.position() > 0) return true;
                    if (endOfBytes) {
                        decoder.flush(chars);
                        flushed = true;
                        return chars.position() > 0;
                    }
                    fill();
                }
            } finally {
                chars.flip();
            }
        }

        private void fill() throws IOException {
            bytesBefore += bytes.position();
            bytes.compact();
            int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
            if (n < 0) {
                endOfBytes = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
    }

    /** Collects one record's text; past the length limit it only counts, so memory stays bounded. */
    private static final class RecordText {
        private final int max;
        private final StringBuilder text = new StringBuilder();
        private long length;
        private @Nullable String problem;

        RecordText(int max) {
            this.max = max;
        }

        void append(StringBuilder field, int c) {
            if (++length > max) {
                problem("is longer than " + max + " characters");
            } else {
                field.append((char) c);
            }
        }

        void problem(String reason) {
            if (problem == null) problem = reason;
        }

        void malformed(Chars chars) {
            problem("is not valid UTF-8 (byte offset " + chars.malformedOffset() + ")");
        }
    }

    private static final class CsvIterator implements Iterator<TextRecord> {
        private final Chars in;
        private final Consumer<RecordError> onError;
        private final Limits limits;
        private final List<String> header;
        private long line = 1;
        private long number;
        private @Nullable TextRecord next;

        /** One physical record: its fields, where it starts, and what was wrong with it. */
        private record Row(List<String> fields, long startLine, @Nullable String problem) {
            boolean isBlank() {
                return problem == null && fields.size() == 1 && fields.get(0).isEmpty();
            }
        }

        CsvIterator(Chars in, Consumer<RecordError> onError, Limits limits) {
            this.in = in;
            this.onError = onError;
            this.limits = limits;
            int first = in.read();
            if (first != '\uFEFF') in.unread(first);
            Row row = readRow();
            if (row == null) {
                throw new InvalidInputException("input", "line 1: empty input, expected a header row");
            }
            if (row.problem() != null) {
                throw new InvalidInputException("input", "line 1: header " + row.problem());
            }
            Set<String> seen = new HashSet<>();
            List<String> names = new ArrayList<>();
            for (String name : row.fields()) {
                String trimmed = name.strip();
                if (!trimmed.isEmpty() && !seen.add(trimmed)) {
                    throw new InvalidInputException("input", "line 1: duplicate column '" + trimmed + "' in header");
                }
                names.add(trimmed);
            }
            this.header = List.copyOf(names);
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                Row row = readRow();
                if (row == null) return false;
                if (row.isBlank()) continue;
                number++;
                String problem = row.problem();
                if (problem == null && row.fields().size() > header.size()) {
                    problem = "record " + number + " has " + row.fields().size() + " fields, the header has " + header.size();
                }
                if (problem != null) {
                    onError.accept(new RecordError(number, row.startLine(), problem));
                    continue;
                }
                Map<String, String> fields = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    fields.put(header.get(i), i < row.fields().size() ? row.fields().get(i) : "");
                }
                next = new TextRecord(number, fields);
            }
            return true;
        }

        @Override
        public TextRecord next() {
            if (!hasNext()) throw new NoSuchElementException();
            TextRecord record = Objects.requireNonNull(next);
            next = null;
            return record;
        }

        /** One record, or null at the end of the input. A broken record is read to its end and carries its problem. */
        private @Nullable Row readRow() {
            int c = in.read();
            if (c == END) return null;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            RecordText text = new RecordText(limits.maxRecordLength());
            long startLine = line;
            boolean quoted = false;
            boolean afterQuote = false;
            while (true) {
                if (c == MALFORMED) {
                    text.malformed(in);
                } else if (quoted) {
                    if (c == END) {
                        text.problem("unterminated quoted field");
                        fields.add(field.toString());
                        return new Row(fields, startLine, text.problem);
                    }
                    if (c == '"') {
                        int peek = in.read();
                        if (peek == '"') {
                            text.append(field, '"');
                        } else {
                            quoted = false;
                            afterQuote = true;
                            in.unread(peek);
                        }
                    } else {
                        if (c == '\n') line++;
                        text.append(field, c);
                    }
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    afterQuote = false;
                } else if (c == '\r' || c == '\n' || c == END) {
                    if (c == '\r') {
                        int peek = in.read();
                        if (peek != '\n') in.unread(peek);
                    }
                    if (c != END) line++;
                    fields.add(field.toString());
                    return new Row(fields, startLine, text.problem);
                } else if (c == '"' && field.length() == 0 && !afterQuote) {
                    quoted = true;
                } else if (afterQuote) {
                    text.problem("unexpected character after closing quote");
                } else {
                    text.append(field, c);
                }
                c = in.read();
            }
        }
    }

    private static final class JsonlIterator implements Iterator<TextRecord> {
        private final Chars in;
        private final ObjectMapper mapper;
        private final JsonFactory factory;
        private final Set<String> stringFields;
        private final Consumer<RecordError> onError;
        private final Limits limits;
        private long line;
        private boolean atEnd;
        private @Nullable TextRecord next;

        JsonlIterator(Chars in, ObjectMapper mapper, Set<String> stringFields, Consumer<RecordError> onError, Limits limits) {
            this.in = in;
            this.mapper = mapper;
            // our own limits on a copy of the host's factory: never change the host's mapper
            this.factory = mapper.getFactory().rebuild()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(limits.maxNestingDepth())
                            .maxStringLength(limits.maxStringLength())
                            .build())
                    .build();
            this.stringFields = stringFields;
            this.onError = onError;
            this.limits = limits;
            int first = in.read();
            if (first != '\uFEFF') in.unread(first);
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (atEnd) return false;
                RecordText text = new RecordText(limits.maxRecordLength());
                StringBuilder content = new StringBuilder();
                int c = in.read();
                if (c == END) return false;
                line++;
                while (c != '\n' && c != END) {
                    if (c == MALFORMED) {
                        text.malformed(in);
                    } else {
                        text.append(content, c);
                    }
                    c = in.read();
                }
                atEnd = c == END;
                if (content.length() > 0 && content.charAt(content.length() - 1) == '\r') content.setLength(content.length() - 1);
                if (text.problem != null) {
                    onError.accept(new RecordError(line, line, text.problem));
                    continue;
                }
                if (content.toString().isBlank()) continue;
                next = parse(content.toString());
            }
            return true;
        }

        @Override
        public TextRecord next() {
            if (!hasNext()) throw new NoSuchElementException();
            TextRecord record = Objects.requireNonNull(next);
            next = null;
            return record;
        }

        /** The record, or null after reporting why the line is not one. */
        private @Nullable TextRecord parse(String text) {
            JsonNode node;
            try (JsonParser parser = factory.createParser(text)) {
                node = mapper.readTree(parser);
                if (node != null && node.isObject() && hasMoreContent(parser)) {
                    return report("has content after the JSON object");
                }
            } catch (StreamConstraintsException e) {
                return report(limitBroken(e));
            } catch (JsonProcessingException e) {
                return report("not valid JSON (column " + (e.getLocation() == null ? "?" : String.valueOf(e.getLocation().getColumnNr())) + ")");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (node == null || !node.isObject()) {
                return report("expected a JSON object");
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                JsonNode value = entry.getValue();
                if (value.isNull()) continue;
                if (stringFields.contains(entry.getKey()) && !value.isTextual()) {
                    return report("field '" + entry.getKey() + "' must be a JSON string, was " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
                }
                fields.put(entry.getKey(), value.isValueNode() ? value.asText() : value.toString());
            }
            return new TextRecord(line, fields);
        }

        private static boolean hasMoreContent(JsonParser parser) throws IOException {
            try {
                return parser.nextToken() != null;
            } catch (JsonProcessingException e) {
                return true;
            }
        }

        private String limitBroken(StreamConstraintsException e) {
            String message = String.valueOf(e.getOriginalMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("nesting")) {
                return "nests deeper than " + limits.maxNestingDepth() + " levels";
            }
            if (message.contains("string") || message.contains("name")) {
                return "has a string longer than " + limits.maxStringLength() + " characters";
            }
            return "breaks a JSON size limit";
        }

        private @Nullable TextRecord report(String reason) {
            onError.accept(new RecordError(line, line, reason));
            return null;
        }
    }
}
