package dev.tickettriage.examples.spring;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.io.CsvCells;
import dev.tickettriage.io.RecordFormat;
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
 * streamed page by page (keyset pagination, {@value #PAGE_SIZE} per query), so memory stays flat however many there
 * are. CSV and JSON lines are the library's export ({@code TicketTriage.export}, {@code io.TicketExport}: no customer
 * name or e-mail); XLSX (fastexcel) has the same columns. Text cells a spreadsheet would run as a formula get a
 * leading {@code '} in CSV and XLSX (XLSX cells are typed strings, which spreadsheets do not evaluate, but a user
 * editing such a cell would turn it into a formula).
 */
@RestController
class ExportController {

    static final int PAGE_SIZE = 500;
    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    static final MediaType JSONL = MediaType.parseMediaType("application/jsonl;charset=UTF-8");

    /** The XLSX columns: the library's CSV export columns (no customer name or e-mail), read from the API view. */
    private record Column(String name, Function<TicketView, @Nullable Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("id", TicketView::id),
            new Column("created_at", view -> view.createdAt().toString()),
            new Column("updated_at", view -> view.updatedAt().toString()),
            new Column("status", TicketView::status),
            new Column("processing_state", TicketView::processingState),
            new Column("category", TicketView::category),
            new Column("sentiment", TicketView::sentiment),
            new Column("priority", TicketView::priority),
            new Column("language", view -> view.classification() == null ? null : view.classification().language()),
            new Column("category_confidence", view -> view.classification() == null ? null : view.classification().confidence().get("category")),
            new Column("assignee", TicketView::assignee),
            new Column("tags", view -> String.join("|", view.tags())),
            new Column("customer_external_id", view -> view.customer().externalId()),
            new Column("subject", TicketView::subject),
            new Column("body", TicketView::body),
            new Column("summary", view -> view.classification() == null ? null : view.classification().summary()));

    private final TicketTriage triage;

    ExportController(TicketTriage triage) {
        this.triage = triage;
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
            case "jsonl" -> out -> library(query, RecordFormat.JSONL, out);
            case "xlsx" -> out -> xlsx(query, out);
            default -> out -> library(query, RecordFormat.CSV, out);
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

    /** CSV and JSON lines are the library's own export ({@link TicketTriage#export}); CSV gets a BOM for spreadsheets. */
    private void library(TicketQuery query, RecordFormat format, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        if (format == RecordFormat.CSV) writer.write('\uFEFF');
        try {
            triage.export(query, format, writer, List.of());
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
}
