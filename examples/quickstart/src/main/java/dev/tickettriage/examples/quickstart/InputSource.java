package dev.tickettriage.examples.quickstart;

import dev.tickettriage.io.RecordFormat;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An opened input: its display name, its format and its bytes (UTF-8 is decoded strictly, record by record,
 * by {@link dev.tickettriage.io.TextRecords}).
 */
record InputSource(String name, RecordFormat format, InputStream in) implements Closeable {

    /** The bundled sample on the classpath. */
    static final String SAMPLE_RESOURCE = "/sample-tickets.csv";

    private static final int SNIFF_LIMIT = 64 * 1024;
    private static final int[] UTF8_BOM = {0xEF, 0xBB, 0xBF};

    InputSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(in, "in");
    }

    /**
     * Opens the input the options name: the bundled sample, stdin ({@code -}) or a file.
     *
     * @throws UsageException when the file cannot be opened, or the input is empty or closed
     */
    static InputSource open(Optional<String> input, Optional<RecordFormat> requested, InputStream stdin) {
        if (input.isEmpty()) {
            InputStream sample = InputSource.class.getResourceAsStream(SAMPLE_RESOURCE);
            if (sample == null) {
                throw new IllegalStateException("bundled sample " + SAMPLE_RESOURCE + " is missing from the classpath");
            }
            return new InputSource("bundled sample", requested.orElse(RecordFormat.CSV), new BufferedInputStream(sample));
        }
        String argument = input.get();
        if (argument.equals("-")) {
            BufferedInputStream in = new BufferedInputStream(stdin, SNIFF_LIMIT);
            requireContent(in, "stdin is empty: pipe a CSV or JSONL file into it, or name a file",
                    "cannot read stdin: it is closed or unreadable");
            return new InputSource("stdin", requested.orElseGet(() -> sniff(in)), in);
        }
        Path path = path(argument);
        if (Files.isDirectory(path)) {
            throw new UsageException("cannot read " + argument + ": it is a directory");
        }
        BufferedInputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(path), SNIFF_LIMIT);
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read " + argument + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UsageException("cannot read " + argument + ": permission denied");
        } catch (IOException e) {
            throw new UsageException("cannot read " + argument + ": " + e.getMessage(), e);
        }
        requireContent(in, argument + " is empty", "cannot read " + argument);
        Optional<RecordFormat> format = requested.or(() -> RecordFormat.fromFileName(argument));
        return new InputSource(argument, format.orElseGet(() -> sniff(in)), in);
    }

    private static Path path(String argument) {
        try {
            return Path.of(argument);
        } catch (InvalidPathException e) {
            throw new UsageException("cannot read " + argument + ": not a valid path");
        }
    }

    /** Fails with its own message for an input without a single byte, and for one that cannot be read at all. */
    private static void requireContent(BufferedInputStream in, String emptyMessage, String unreadableMessage) {
        try {
            in.mark(1);
            int first = in.read();
            in.reset();
            if (first == -1) throw new UsageException(emptyMessage);
        } catch (IOException e) {
            throw new UsageException(unreadableMessage + " (" + e.getMessage() + ")", e);
        }
    }

    /** JSONL when the first non-blank byte (after an optional UTF-8 byte-order mark) is '{', else CSV. */
    static RecordFormat sniff(BufferedInputStream in) {
        try {
            in.mark(SNIFF_LIMIT);
            try {
                for (int i = 0; i < SNIFF_LIMIT; i++) {
                    int b = in.read();
                    if (b == -1) return RecordFormat.CSV;
                    if (i < UTF8_BOM.length && b == UTF8_BOM[i]) continue;
                    if (b == ' ' || b == '\t' || b == '\r' || b == '\n') continue;
                    return b == '{' ? RecordFormat.JSONL : RecordFormat.CSV;
                }
                return RecordFormat.CSV;
            } finally {
                in.reset();
            }
        } catch (IOException e) {
            throw new UsageException("cannot read the input (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
