package dev.tickettriage.examples.quickstart;

import dev.tickettriage.io.RecordFormat;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** An opened input: its display name, its format and a strict UTF-8 reader over it. */
record InputSource(String name, RecordFormat format, BufferedReader reader) implements Closeable {

    /** The bundled sample on the classpath. */
    static final String SAMPLE_RESOURCE = "/sample-tickets.csv";

    private static final int SNIFF_LIMIT = 64 * 1024;

    InputSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(reader, "reader");
    }

    /**
     * Opens the input the options name: the bundled sample, stdin ({@code -}) or a file.
     *
     * @throws UsageException when the file cannot be opened
     */
    static InputSource open(Optional<String> input, Optional<RecordFormat> requested, InputStream stdin) {
        if (input.isEmpty()) {
            InputStream sample = InputSource.class.getResourceAsStream(SAMPLE_RESOURCE);
            if (sample == null) {
                throw new IllegalStateException("bundled sample " + SAMPLE_RESOURCE + " is missing from the classpath");
            }
            return new InputSource("bundled sample", requested.orElse(RecordFormat.CSV), utf8(sample));
        }
        String argument = input.get();
        if (argument.equals("-")) {
            BufferedReader reader = utf8(stdin);
            return new InputSource("stdin", requested.orElseGet(() -> sniff(reader)), reader);
        }
        Path path = path(argument);
        if (Files.isDirectory(path)) {
            throw new UsageException("cannot read " + argument + ": it is a directory");
        }
        BufferedReader reader;
        try {
            reader = utf8(Files.newInputStream(path));
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + argument + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UsageException("cannot read " + argument + ": permission denied");
        } catch (IOException e) {
            throw new UsageException("cannot read " + argument + ": " + e.getMessage(), e);
        }
        Optional<RecordFormat> format = requested.or(() -> RecordFormat.fromFileName(argument));
        return new InputSource(argument, format.orElseGet(() -> sniff(reader)), reader);
    }

    private static Path path(String argument) {
        try {
            return Path.of(argument);
        } catch (InvalidPathException e) {
            throw new UsageException("cannot read " + argument + ": not a valid path");
        }
    }

    /** Malformed UTF-8 is an error rather than silently replaced characters. */
    private static BufferedReader utf8(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), 64 * 1024);
    }

    /** JSONL when the first non-blank character (after an optional byte-order mark) is '{', else CSV. */
    static RecordFormat sniff(BufferedReader reader) {
        try {
            reader.mark(SNIFF_LIMIT);
            try {
                for (int i = 0; i < SNIFF_LIMIT; i++) {
                    int c = reader.read();
                    if (c == -1) return RecordFormat.CSV;
                    if (c == '\uFEFF' || Character.isWhitespace(c)) continue;
                    return c == '{' ? RecordFormat.JSONL : RecordFormat.CSV;
                }
                return RecordFormat.CSV;
            } finally {
                reader.reset();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
