package dev.tickettriage.examples.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.io.CsvCells;
import dev.tickettriage.port.Page;
import dev.tickettriage.port.TicketQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /api/tickets/export?format=csv|jsonl|xlsx} with the list's filters: every matching ticket, oldest first,
 * streamed page by page (keyset pagination, {@value #PAGE_SIZE} per query), so memory stays flat however many
 * there are. CSV and XLSX have one row per ticket; text cells a spreadsheet would run as a formula get a leading
 * {@code '} in both (in XLSX they are string cells, which spreadsheets do not evaluate, but a user editing the cell
 * would turn it into a formula). JSONL has one {@link TicketView} per line.
 */
@RestController
class ExportController {

    static final int PAGE_SIZE = 500;
    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    static final MediaType JSONL = MediaType.parseMediaType("application/jsonl;charset=UTF-8");

    /** The columns of CSV and XLSX, and how each is read from a ticket. */
    private record Column(String name, Function<TicketView, @Nullable Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("id", TicketView::id),
            new Column("created_at", TicketView::createdAt),
            new Column("status", TicketView::status),
            new Column("processing_state", TicketView::processingState),
            new Column("channel", TicketView::channel),
            new Column("customer_name", view -> view.customer().name()),
            new Column("customer_email", view -> view.customer().email()),
            new Column("subject", TicketView::subject),
            new Column("body", TicketView::body),
            new Column("category", TicketView::category),
            new Column("sentiment", TicketView::sentiment),
            new Column("priority", TicketView::priority),
            new Column("category_confidence", view -> view.classification() == null ? null : view.classification().confidence().get("category")),
            new Column("summary", view -> view.classification() == null ? null : view.classification().summary()),
            new Column("suggested_reply", view -> view.classification() == null ? null : view.classification().suggestedReply()),
            new Column("assignee", TicketView::assignee),
            new Column("tags", view -> String.join("; ", view.tags())),
            new Column("corrected", view -> view.correction() != null),
            new Column("classifier", view -> view.classification() == null ? null : view.classification().classifier()));

    private final TicketTriage triage;
    private final ObjectMapper mapper;

    ExportController(TicketTriage triage, ObjectMapper mapper) {
        this.triage = triage;
        this.mapper = mapper.copy().disable(SerializationFeature.INDENT_OUTPUT);
    }

    @GetMapping("/api/tickets/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam MultiValueMap<String, String> params) {
        List<ApiProblems.FieldError> errors = new ArrayList<>();
        String format = params.getFirst("format") == null ? "csv" : params.getFirst("format");
        if (!List.of("csv", "jsonl", "xlsx").contains(format)) {
            errors.add(new ApiProblems.FieldError("format", "must be csv, jsonl or xlsx, was '" + RequestParsing.abbreviate(format) + "'"));
        }
        MultiValueMap<String, String> filters = new LinkedMultiValueMap<>(params);
        filters.remove("format");
        filters.remove("limit");
        filters.remove("after");
        filters.set("order", "oldest");
        @Nullable TicketQuery parsed = null;
        try {
            parsed = TicketController.query(filters, PAGE_SIZE);
        } catch (ApiProblems.BadRequest e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty() || parsed == null) throw new ApiProblems.BadRequest(errors);
        TicketQuery query = parsed;
        String file = "tickets-" + Instant.now().getEpochSecond() + "." + format;
        StreamingResponseBody body = switch (format) {
            case "jsonl" -> out -> jsonl(query, out);
            case "xlsx" -> out -> xlsx(query, out);
            default -> out -> csv(query, out);
        };
        MediaType type = switch (format) {
            case "jsonl" -> JSONL;
            case "xlsx" -> XLSX;
            default -> CSV;
        };
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
                .body(body);
    }

    private void forEachTicket(TicketQuery query, Consumer<TicketView> sink) {
        TicketQuery page = query;
        while (true) {
            Page<Ticket> result = triage.query(page);
            result.items().forEach(ticket -> sink.accept(TicketView.of(ticket)));
            if (result.next().isEmpty()) return;
            page = query.next(result.next().get());
        }
    }

    private void csv(TicketQuery query, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');   // so spreadsheets read the file as UTF-8
        writer.write(String.join(",", COLUMNS.stream().map(Column::name).toList()) + "\r\n");
        try {
            forEachTicket(query, view -> {
                StringBuilder line = new StringBuilder(512);
                for (int i = 0; i < COLUMNS.size(); i++) {
                    if (i > 0) line.append(',');
                    CsvCells.appendField(line, cell(COLUMNS.get(i).value().apply(view)));
                }
                write(writer, line.append("\r\n").toString());
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
    }

    private void jsonl(TicketQuery query, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try {
            forEachTicket(query, view -> {
                try {
                    write(writer, mapper.writeValueAsString(view) + "\n");
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("ticket " + view.id() + " cannot be written as JSON", e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
    }

    private void xlsx(TicketQuery query, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "ticket-triage", "1.0");
        Worksheet sheet = workbook.newWorksheet("Tickets");
        for (int c = 0; c < COLUMNS.size(); c++) {
            sheet.value(0, c, COLUMNS.get(c).name());
            sheet.style(0, c).bold().set();
        }
        int[] row = {1};
        try {
            forEachTicket(query, view -> {
                for (int c = 0; c < COLUMNS.size(); c++) {
                    Object value = COLUMNS.get(c).value().apply(view);
                    if (value instanceof Number number) sheet.value(row[0], c, number);
                    else if (value instanceof Boolean bool) sheet.value(row[0], c, bool);
                    else if (value != null) sheet.value(row[0], c, cell(value));
                }
                if (++row[0] % PAGE_SIZE == 0) {
                    try {
                        sheet.flush();   // writes the finished rows to the response, keeping memory flat
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        workbook.finish();
    }

    /** Text as it goes into a cell: formula starts neutralised; numbers and booleans as they are. */
    private static String cell(@Nullable Object value) {
        if (value == null) return "";
        if (value instanceof Number || value instanceof Boolean) return value.toString();
        return CsvCells.neutralize(value.toString());
    }

    private static void write(Writer writer, String text) {
        try {
            writer.write(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
