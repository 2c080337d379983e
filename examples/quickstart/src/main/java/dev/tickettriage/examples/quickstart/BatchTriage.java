package dev.tickettriage.examples.quickstart;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Channel;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.InvalidTicketException;
import dev.tickettriage.error.TriageOverloadedException;
import dev.tickettriage.io.RecordError;
import dev.tickettriage.io.RecordFormat;
import dev.tickettriage.io.TextRecord;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Feeds input records through a {@link TicketTriage} in chunks: submit up to {@code chunkSize} rows, drain
 * the backlog, write the chunk's results in input order, repeat. Memory stays bounded by the chunk size
 * whatever the input size, and output order equals input order. Not thread-safe; use once.
 */
final class BatchTriage {

    static final int DEFAULT_CHUNK_SIZE = 1_000;
    static final String CHANNEL_COLUMN = "channel";
    static final String ROW_ATTRIBUTE = "row";
    private static final int MAX_WARNINGS = 20;

    /**
     * What a run did: rows read, processed, failed and skipped (of those, {@code unreadable} rows were malformed
     * input), and processed tickets per category.
     */
    record Summary(long rows, long processed, long failed, long skipped, long unreadable, Map<String, Long> byCategory) {
        Summary {
            byCategory = Map.copyOf(byCategory);
        }
    }

    private record Pending(long row, TicketId id) {
    }

    private final TicketTriage triage;
    private final Columns columns;
    private final int chunkSize;
    private final Map<TicketId, Long> rowsInFlight;
    private final PrintStream err;
    private final Progress progress;
    private final List<Pending> chunk = new ArrayList<>();
    private final Map<String, Long> byCategory = new LinkedHashMap<>();
    private long rows;
    private long processed;
    private long failed;
    private long skipped;
    private long unreadable;

    /** Which input columns feed which ticket fields; the subject column is required only when named explicitly. */
    record Columns(RecordFormat format, String text, Optional<String> subject, boolean subjectRequired) {
        Columns {
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(subject, "subject");
        }
    }

    BatchTriage(TicketTriage triage, Columns columns, int chunkSize, Map<TicketId, Long> rowsInFlight, PrintStream err,
                Progress progress) {
        this.triage = Objects.requireNonNull(triage, "triage");
        this.columns = Objects.requireNonNull(columns, "columns");
        if (chunkSize < 1) throw new IllegalArgumentException("chunkSize must be positive, was " + chunkSize);
        this.chunkSize = chunkSize;
        this.rowsInFlight = Objects.requireNonNull(rowsInFlight, "rowsInFlight");
        this.err = Objects.requireNonNull(err, "err");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * Triages every record and writes each result.
     *
     * @throws UsageException when the first record lacks the text column (or an explicitly named subject column)
     * @throws dev.tickettriage.error.InvalidInputException when the input is malformed (from the reader)
     */
    Summary run(Stream<TextRecord> records, ResultWriter writer) {
        Iterator<TextRecord> iterator = records.iterator();
        boolean first = true;
        while (iterator.hasNext()) {
            TextRecord record = iterator.next();
            if (first) {
                checkColumns(record);
                first = false;
            }
            rows++;
            submit(record, writer);
            if (chunk.size() >= chunkSize) {
                flush(writer);
            }
        }
        flush(writer);
        progress.finish();
        if (skipped > MAX_WARNINGS) {
            err.println("warning: " + (skipped - MAX_WARNINGS) + " more rows skipped (warnings for the first "
                    + MAX_WARNINGS + " shown)");
        }
        return new Summary(rows, processed, failed, skipped, unreadable, byCategory);
    }

    private void checkColumns(TextRecord record) {
        String noun = columns.format() == RecordFormat.CSV ? "column" : "field";
        String where = columns.format() == RecordFormat.CSV ? "" : " in line " + record.number();
        if (!record.fields().containsKey(columns.text())) {
            throw new UsageException(noun + " '" + columns.text() + "' not found" + where + "; " + noun + "s are: "
                    + describe(record) + " (use --text-column)");
        }
        if (columns.subjectRequired() && columns.subject().isPresent()
                && !record.fields().containsKey(columns.subject().get())) {
            throw new UsageException(noun + " '" + columns.subject().get() + "' not found" + where + "; " + noun
                    + "s are: " + describe(record) + " (use --subject-column)");
        }
    }

    private static String describe(TextRecord record) {
        if (record.fields().isEmpty()) return "(none)";
        return record.fields().keySet().stream()
                .map(name -> name.isEmpty() ? "(blank)" : TableResultWriter.oneLine(name, 40))
                .collect(Collectors.joining(", "));
    }

    private void submit(TextRecord record, ResultWriter writer) {
        Optional<String> text = record.get(columns.text());
        if (text.isEmpty()) {
            skip(record.number(), noun() + " '" + columns.text() + "' is missing");
            return;
        }
        NewTicket.Builder ticket = NewTicket.builder()
                .body(text.get())
                .attribute(ROW_ATTRIBUTE, Long.toString(record.number()));
        columns.subject().flatMap(record::get).ifPresent(ticket::subject);
        record.get(CHANNEL_COLUMN).flatMap(BatchTriage::channel).ifPresent(ticket::channel);
        NewTicket newTicket = ticket.build();
        Ticket submitted;
        try {
            submitted = submitOnce(newTicket, writer);
        } catch (InvalidTicketException e) {
            skip(record.number(), e.violations().stream().map(Object::toString).collect(Collectors.joining("; ")));
            return;
        }
        chunk.add(new Pending(record.number(), submitted.id()));
        rowsInFlight.put(submitted.id(), record.number());
    }

    /** Submits; when the backlog is full (it should not be: capacity matches the chunk), drains and tries once more. */
    private Ticket submitOnce(NewTicket ticket, ResultWriter writer) {
        try {
            return triage.submit(ticket);
        } catch (TriageOverloadedException e) {
            flush(writer);
            return triage.submit(ticket);
        }
    }

    private String noun() {
        return columns.format() == RecordFormat.CSV ? "column" : "field";
    }

    private static Optional<Channel> channel(String value) {
        try {
            return value.isBlank() ? Optional.empty() : Optional.of(Channel.valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Called by the reader for a record it could not read: warned about, counted and skipped. */
    void unreadable(RecordError error) {
        rows++;
        unreadable++;
        skip(error.number(), "line " + error.line() + ": " + error.reason());
    }

    private void skip(long row, String reason) {
        skipped++;
        if (skipped <= MAX_WARNINGS) {
            err.println("warning: row " + row + " skipped: " + reason);
        }
    }

    private void flush(ResultWriter writer) {
        if (chunk.isEmpty()) {
            progress.update(rows);
            return;
        }
        triage.drainBacklog();
        for (Pending pending : chunk) {
            Ticket ticket = triage.find(pending.id())
                    .orElseThrow(() -> new IllegalStateException("ticket " + pending.id() + " vanished before its result was read"));
            TriageResult result = new TriageResult(pending.row(), ticket);
            if (result.isProcessed()) {
                processed++;
                result.classification().ifPresent(c -> byCategory.merge(c.category().id(), 1L, Long::sum));
            } else {
                failed++;
            }
            writer.write(result);
        }
        chunk.forEach(pending -> rowsInFlight.remove(pending.id()));
        chunk.clear();
        progress.update(rows);
    }
}
