package dev.tickettriage.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.FilledField;
import dev.tickettriage.domain.Ticket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes tickets one at a time to a {@link Writer} as CSV (RFC 4180: a header row, CRLF line ends, fields with a
 * comma, quote, CR or LF quoted and quotes doubled) or JSON lines, so an export of any size streams with bounded
 * memory ({@code TicketTriage.export} pages a query through it).
 *
 * <p>CSV cells that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or CR) get a leading
 * apostrophe (OWASP's advice against CSV injection); JSON lines carry every value unchanged. Columns: id, created_at,
 * updated_at, status, processing_state, category, sentiment, priority, language, category_confidence, assignee, tags,
 * customer_external_id, subject, body, summary, then one {@code field.<name>} column per custom field name given.
 * Customer names and e-mail addresses are left out (personal data); the external id identifies the customer.
 *
 * <p>Not thread-safe (one export, one thread). It never closes the writer.
 */
public final class TicketExport {

    private static final List<String> COLUMNS = List.of("id", "created_at", "updated_at", "status", "processing_state", "category",
            "sentiment", "priority", "language", "category_confidence", "assignee", "tags", "customer_external_id", "subject",
            "body", "summary");

    private final ObjectMapper mapper;
    private final RecordFormat format;
    private final Writer out;
    private final List<String> fields;
    private boolean started;
    private long written;

    private TicketExport(ObjectMapper mapper, RecordFormat format, Writer out, List<String> fields) {
        this.mapper = mapper;
        this.format = format;
        this.out = out;
        this.fields = fields;
    }

    /**
     * An export to {@code out} in {@code format}; {@code fields} are the custom fields to add as CSV columns (JSON lines
     * carry every filled field anyway); {@code mapper} writes the JSON.
     */
    public static TicketExport to(Writer out, RecordFormat format, List<String> fields, ObjectMapper mapper) {
        return new TicketExport(Objects.requireNonNull(mapper, "mapper"), Objects.requireNonNull(format, "format"),
                Objects.requireNonNull(out, "out"), List.copyOf(fields));
    }

    /**
     * Writes one ticket (the CSV header first, once).
     *
     * @throws UncheckedIOException when writing fails
     */
    public void write(Ticket ticket) {
        Objects.requireNonNull(ticket, "ticket");
        try {
            if (!started && format == RecordFormat.CSV) writeCsvHeader(out, fields);
            started = true;
            if (format == RecordFormat.CSV) {
                writeCsvRow(out, ticket, fields);
            } else {
                writeJsonLine(out, ticket);
            }
            written++;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the ticket export", e);
        }
    }

    /**
     * Writes the CSV header if no ticket was written (an empty export still has its columns) and flushes.
     *
     * @return how many tickets were written
     * @throws UncheckedIOException when writing fails
     */
    public long finish() {
        try {
            if (!started && format == RecordFormat.CSV) writeCsvHeader(out, fields);
            started = true;
            out.flush();
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the ticket export", e);
        }
    }

    private static void writeCsvHeader(Writer out, List<String> fields) throws IOException {
        StringBuilder line = new StringBuilder(String.join(",", COLUMNS));
        for (String field : fields) line.append(',').append(cell("field." + field));
        out.write(line.append("\r\n").toString());
    }

    private static void writeCsvRow(Writer out, Ticket ticket, List<String> fields) throws IOException {
        Optional<Classification> classification = ticket.classification();
        String[] values = {
            ticket.id().toString(), ticket.createdAt().toString(), ticket.updatedAt().toString(), ticket.status().name(),
            ticket.processingState().name(), classification.map(c -> c.category().id()).orElse(""),
            classification.map(c -> c.sentiment().name()).orElse(""), ticket.priority().map(Enum::name).orElse(""),
            classification.map(c -> c.language().tag()).orElse(""),
            classification.map(c -> Double.toString(c.confidenceValue(ClassificationField.CATEGORY))).orElse(""),
            ticket.assignee().orElse(""), String.join("|", ticket.tags()), ticket.customer().externalId().orElse(""),
            ticket.subject().orElse(""), ticket.body(), classification.flatMap(Classification::summary).orElse("")};
        StringBuilder line = new StringBuilder(256 + ticket.body().length());
        for (int i = 0; i < values.length; i++) {
            if (i > 0) line.append(',');
            line.append(cell(values[i]));
        }
        for (String field : fields) {
            line.append(',').append(cell(classification.flatMap(c -> c.fieldValue(field)).map(value -> value.joined()).orElse("")));
        }
        out.write(line.append("\r\n").toString());
    }

    /** One RFC 4180 field, with a leading apostrophe when a spreadsheet would read it as a formula ({@link CsvCells}). */
    static String cell(String value) {
        StringBuilder field = new StringBuilder(value.length() + 8);
        CsvCells.appendField(field, CsvCells.neutralize(value));
        return field.toString();
    }

    private void writeJsonLine(Writer out, Ticket ticket) throws IOException {
        java.io.StringWriter buffer = new java.io.StringWriter(512);
        try (JsonGenerator json = mapper.getFactory().createGenerator(buffer)) {
            json.writeStartObject();
            json.writeStringField("id", ticket.id().toString());
            json.writeStringField("createdAt", ticket.createdAt().toString());
            json.writeStringField("updatedAt", ticket.updatedAt().toString());
            json.writeStringField("status", ticket.status().name());
            json.writeStringField("processingState", ticket.processingState().name());
            Optional<Classification> classification = ticket.classification();
            if (classification.isPresent()) {
                Classification c = classification.get();
                json.writeStringField("category", c.category().id());
                json.writeStringField("sentiment", c.sentiment().name());
                json.writeStringField("language", c.language().tag());
                json.writeNumberField("categoryConfidence", c.confidenceValue(ClassificationField.CATEGORY));
                if (c.summary().isPresent()) json.writeStringField("summary", c.summary().get());
                json.writeObjectFieldStart("fields");
                for (FilledField field : c.fields().values()) {
                    json.writeArrayFieldStart(field.name());
                    for (String value : field.value().strings()) json.writeString(value);
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            if (ticket.priority().isPresent()) json.writeStringField("priority", ticket.priority().get().name());
            if (ticket.assignee().isPresent()) json.writeStringField("assignee", ticket.assignee().get());
            json.writeArrayFieldStart("tags");
            for (String tag : ticket.tags()) json.writeString(tag);
            json.writeEndArray();
            if (ticket.customer().externalId().isPresent()) json.writeStringField("customerExternalId", ticket.customer().externalId().get());
            if (ticket.subject().isPresent()) json.writeStringField("subject", ticket.subject().get());
            json.writeStringField("body", ticket.body());
            json.writeEndObject();
        }
        out.write(buffer.toString());
        out.write('\n');
    }
}
