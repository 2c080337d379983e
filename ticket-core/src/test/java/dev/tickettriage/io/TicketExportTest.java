package dev.tickettriage.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Customer;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.port.TicketQuery;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TicketExportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final InMemoryTicketRepository repository = InMemoryTicketRepository.builder()
            .clock(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC)).build();

    private Ticket store(String body, int second) {
        return repository.insert(Ticket.builder().id(TicketId.generate(Instant.parse("2026-12-01T10:00:00Z").plusSeconds(second))).createdAt(Instant.parse("2026-12-01T10:00:00Z").plusSeconds(second))
                .updatedAt(Instant.parse("2026-12-01T10:00:00Z").plusSeconds(second)).body(body)
                .customer(new Customer("Ana", "ana@example.com", "crm-" + second)).build());
    }

    @Test
    void should_write_rfc_4180_csv_that_reads_back_field_for_field_across_pages() {
        String hostile = "Line one, \"quoted\"\r\nline two ✓ مرحبا";
        store(hostile, 1);
        store("=HYPERLINK(\"http://evil\")", 2);
        for (int i = 3; i <= 7; i++) store("plain " + i, i);
        StringWriter out = new StringWriter();

        long written;
        try (TicketTriage triage = TicketTriage.builder().repository(repository).build()) {
            written = triage.export(TicketQuery.builder().limit(2).build(), RecordFormat.CSV, out, List.of());   // 4 pages
        }

        assertThat(written).isEqualTo(7);
        assertThat(out.toString()).startsWith("id,created_at,").contains("\r\n");
        List<TextRecord> rows = TextRecords.csv(new StringReader(out.toString())).collect(Collectors.toList());
        assertThat(rows).hasSize(7);
        assertThat(rows.get(0).get("body").orElseThrow().replace("\r\n", "\n")).isEqualTo(hostile.replace("\r\n", "\n"));
        assertThat(rows.get(1).get("body")).contains("'=HYPERLINK(\"http://evil\")");
        assertThat(rows.get(6).get("customer_external_id")).contains("crm-7");
        assertThat(out.toString()).doesNotContain("ana@example.com");
    }

    @Test
    void should_write_one_json_object_per_line_for_the_selected_tickets_only() throws Exception {
        store("first", 1);
        store("second", 2);
        StringWriter out = new StringWriter();

        TicketExport export = TicketExport.to(out, RecordFormat.JSONL, List.of(), MAPPER);
        repository.query(TicketQuery.builder().newestFirst().textContains("sec").build()).items().forEach(export::write);
        long written = export.finish();

        assertThat(written).isEqualTo(1);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(1);
        JsonNode line = MAPPER.readTree(lines[0]);
        assertThat(line.get("body").asText()).isEqualTo("second");
        assertThat(line.get("processingState").asText()).isEqualTo("NEW");
    }

    @Test
    void should_write_only_the_header_when_nothing_matches() {
        StringWriter out = new StringWriter();

        long written = TicketExport.to(out, RecordFormat.CSV, List.of("plan"), MAPPER).finish();

        assertThat(written).isZero();
        assertThat(out.toString()).endsWith(",summary,field.plan\r\n");
    }

    @Test
    void should_quote_only_what_rfc_4180_requires() {
        assertThat(TicketExport.cell("plain")).isEqualTo("plain");
        assertThat(TicketExport.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(TicketExport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(TicketExport.cell("-1")).isEqualTo("'-1");
        assertThat(TicketExport.cell("")).isEmpty();
    }
}
