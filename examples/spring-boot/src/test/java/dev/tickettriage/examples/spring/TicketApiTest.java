package dev.tickettriage.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.notify.AlertAcknowledgements;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@AppTest
class TicketApiTest {

    static final String ANGRY = "This is unacceptable! I was charged twice on my invoice and nobody answers. Refund me now!";

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    AlertAcknowledgements acknowledgements;

    JsonNode create(String body) throws Exception {
        MvcResult result = mvc.perform(post("/api/tickets").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn();
        return json.readTree(result.getResponse().getContentAsString());
    }

    /** Runs a streaming (async) request to its end. */
    MvcResult streamed(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        MvcResult started = mvc.perform(request).andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.request().asyncStarted()).andReturn();
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(started)).andReturn();
    }

    JsonNode read(String path) throws Exception {
        return json.readTree(mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    JsonNode awaitClassified(String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> read("/api/tickets/" + id).get("processingState").asText().equals("processed"));
        try {
            return read("/api/tickets/" + id);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void should_create_a_ticket_with_location_and_classify_it_in_the_background() throws Exception {
        MvcResult result = mvc.perform(post("/api/tickets").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subject\":\"Double charge\",\"body\":\"" + ANGRY + "\",\"customerEmail\":\"ana@example.com\",\"channel\":\"email\",\"tags\":[\"vip\"]}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.matchesPattern("http://localhost/api/tickets/[0-9a-f-]{36}")))
                .andExpect(jsonPath("$.status").value("open"))
                .andExpect(jsonPath("$.channel").value("email"))
                .andExpect(jsonPath("$.tags[0]").value("vip")).andReturn();
        String location = result.getResponse().getHeader("Location");
        String id = json.readTree(result.getResponse().getContentAsString()).get("id").asText();
        assertThat(location).endsWith(id);
        JsonNode ticket = awaitClassified(id);
        assertThat(ticket.get("category").asText()).isEqualTo("billing");
        assertThat(ticket.get("sentiment").asText()).isIn("negative", "very_negative");
        assertThat(ticket.get("classification").get("confidence").get("category").asDouble()).isBetween(0.0, 1.0);
        assertThat(ticket.get("classification").get("suggestedReply").asText()).isNotBlank();
    }

    @Test
    void should_name_every_invalid_field_as_problem_json() throws Exception {
        String longSubject = "x".repeat(600);
        mvc.perform(post("/api/tickets").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subject\":\"" + longSubject + "\",\"body\":\"  \",\"customerEmail\":\"not-an-email\",\"channel\":\"fax\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:ticket-triage:problem:invalid-input"))
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("channel", "subject", "body", "customerEmail")));
        mvc.perform(post("/api/tickets").contentType(MediaType.APPLICATION_JSON).content("{\"body\": "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400));
        mvc.perform(get("/api/tickets").param("status", "bogus").param("limit", "0").param("createdFrom", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("status", "limit", "createdFrom")));
        mvc.perform(get("/api/tickets/not-a-uuid")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("id"));
        mvc.perform(get("/api/tickets/" + TicketId.generate(java.time.Instant.now())))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.type").value("urn:ticket-triage:problem:ticket-not-found"));
    }

    @Test
    void should_page_with_a_keyset_cursor_and_filter() throws Exception {
        String marker = "pagingmarker" + System.nanoTime();
        for (int i = 0; i < 5; i++) create("{\"body\":\"My app crashes on start " + marker + " number " + i + "\"}");
        Set<String> seen = new HashSet<>();
        String next = null;
        int pages = 0;
        do {
            var request = get("/api/tickets").param("q", marker).param("limit", "2");
            if (next != null) request.param("after", next);
            JsonNode page = json.readTree(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
            page.get("items").forEach(item -> seen.add(item.get("id").asText()));
            next = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (next != null && pages < 10);
        assertThat(seen).hasSize(5);
        assertThat(pages).isEqualTo(3);
        mvc.perform(get("/api/tickets").param("q", marker).param("limit", "2"))
                .andExpect(header().string("Link", org.hamcrest.Matchers.containsString("rel=\"next\"")));
        mvc.perform(get("/api/tickets").param("q", marker).param("status", "closed")).andExpect(jsonPath("$.items").isEmpty());
    }

    @Test
    void should_apply_agent_changes_through_audited_commands() throws Exception {
        String id = create("{\"body\":\"" + ANGRY + "\"}").get("id").asText();
        awaitClassified(id);
        mvc.perform(patch("/api/tickets/" + id).header("X-Actor", "maria").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"in_progress\",\"assignee\":\"maria\",\"priority\":\"urgent\",\"tags\":[\"refund\"],"
                                + "\"suggestedReply\":\"Sorry, refunded.\",\"correction\":{\"category\":\"account\",\"sentiment\":\"very_negative\"}}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("in_progress"))
                .andExpect(jsonPath("$.assignee").value("maria"))
                .andExpect(jsonPath("$.priority").value("urgent"))
                .andExpect(jsonPath("$.tags[0]").value("refund"))
                .andExpect(jsonPath("$.classification.suggestedReply").value("Sorry, refunded."))
                .andExpect(jsonPath("$.category").value("account"))
                .andExpect(jsonPath("$.correction.predictedCategory").value("billing"));
        JsonNode audit = read("/api/tickets/" + id + "/audit");
        List<String> actions = new java.util.ArrayList<>();
        audit.forEach(entry -> {
            if (entry.get("actor").asText().equals("maria")) actions.add(entry.get("action").asText());
        });
        assertThat(actions).hasSizeGreaterThanOrEqualTo(6);

        // every bad field reported, nothing changed
        mvc.perform(patch("/api/tickets/" + id).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"done\",\"priority\":7,\"colour\":\"red\",\"correction\":{\"sentiment\":\"grumpy\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("colour", "status", "priority", "correction.sentiment")));
        assertThat(read("/api/tickets/" + id).get("status").asText()).isEqualTo("in_progress");
        mvc.perform(patch("/api/tickets/" + id).contentType(MediaType.APPLICATION_JSON).content("{\"assignee\":null}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.assignee").isEmpty());
        mvc.perform(patch("/api/tickets/" + id).contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"closed\"}")).andExpect(status().isOk());
        mvc.perform(patch("/api/tickets/" + id).contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"pending\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.type").value("urn:ticket-triage:problem:illegal-status-transition"));
    }

    @Test
    void should_reclassify_on_process() throws Exception {
        String id = create("{\"body\":\"I forgot my password and cannot log in\"}").get("id").asText();
        mvc.perform(post("/api/tickets/" + id + "/process")).andExpect(status().isOk())
                .andExpect(jsonPath("$.processingState").value("processed"))
                .andExpect(jsonPath("$.classification.category").value("account"));
    }

    @Test
    void should_export_csv_jsonl_and_xlsx_with_formulas_neutralised() throws Exception {
        String marker = "exportmarker" + System.nanoTime();
        create("{\"subject\":\"=HYPERLINK(\\\"http://evil\\\")\",\"body\":\"Where is my parcel " + marker + "\"}");
        create("{\"body\":\"Second ticket, about my invoice " + marker + "\"}");
        MvcResult csvResult = streamed(get("/api/tickets/export").param("format", "csv").param("q", marker));
        assertThat(csvResult.getResponse().getStatus()).isEqualTo(200);
        assertThat(csvResult.getResponse().getHeader("Content-Disposition")).contains(".csv");
        String csv = csvResult.getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("\uFEFFid,created_at,updated_at,status");
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"").doesNotContain(",=HYPERLINK");

        String jsonl = streamed(get("/api/tickets/export").param("format", "jsonl").param("q", marker)).getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(jsonl.lines()).hasSize(2).allSatisfy(line -> assertThat(json.readTree(line).get("body").asText()).contains(marker));

        MvcResult xlsxResult = streamed(get("/api/tickets/export").param("format", "xlsx").param("q", marker));
        assertThat(xlsxResult.getResponse().getContentType()).isEqualTo(ExportController.XLSX.toString());
        byte[] xlsx = xlsxResult.getResponse().getContentAsByteArray();
        StringBuilder sheets = new StringBuilder();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("export", ".xlsx");
        java.nio.file.Files.write(file, xlsx);
        try (ZipFile zip = new ZipFile(file.toFile())) {   // streamed entries carry their sizes in the central directory
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (entry.getName().startsWith("xl/")) sheets.append(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
        String cells = sheets.toString().replace("&apos;", "'").replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
        assertThat(cells).contains("'=HYPERLINK(\"http://evil\")").contains(marker).doesNotContain("<f>");

        mvc.perform(get("/api/tickets/export").param("format", "pdf").param("sentiment", "sad"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("format", "sentiment")));
    }

    @Test
    void should_acknowledge_with_a_signed_token_and_refuse_a_forged_one() throws Exception {
        String id = create("{\"body\":\"" + ANGRY + "\"}").get("id").asText();
        String token = acknowledgements.issue(TicketId.parse(id), "alert-1");
        mvc.perform(post("/api/acknowledgements/" + token).header("X-Actor", "ntfy-phone")).andExpect(status().isOk())
                .andExpect(jsonPath("$.ticket.tags").value(org.hamcrest.Matchers.hasItem("acknowledged")));
        mvc.perform(post("/api/acknowledgements/" + token.substring(0, token.length() - 2) + "xx"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.type").value("urn:ticket-triage:problem:acknowledgement-invalid"));
        mvc.perform(get("/api/acknowledgements/" + token)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("<button id=\"ack\">")));
    }

    @Test
    void should_list_and_replay_dead_letters_with_clear_errors() throws Exception {
        mvc.perform(get("/api/dead-letters")).andExpect(status().isOk()).andExpect(jsonPath("$").isArray());
        mvc.perform(get("/api/dead-letters").param("limit", "0")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("limit"));
        mvc.perform(post("/api/dead-letters/" + java.util.UUID.randomUUID() + "/replay")).andExpect(status().isNotFound());
        mvc.perform(post("/api/dead-letters/nope/replay")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("id"));
        mvc.perform(post("/api/dead-letters/replay")).andExpect(status().isAccepted()).andExpect(jsonPath("$.requeued").value(0));
    }

    @Test
    void should_serve_stats_health_and_the_openapi_description() throws Exception {
        String id = create("{\"body\":\"" + ANGRY + "\"}").get("id").asText();
        awaitClassified(id);
        JsonNode stats = read("/api/stats");
        assertThat(stats.get("total").asLong()).isPositive();
        assertThat(stats.get("byCategory").get("billing").asLong()).isPositive();
        assertThat(stats.get("lastHour")).isNotEmpty();
        JsonNode backlog = stats.get("backlog");   // other tests' tickets may be in work: only the shape is stable
        assertThat(backlog.get("waiting").asLong()).isNotNegative();
        assertThat(backlog.get("oldestWaitingSeconds").asLong()).isNotNegative();
        assertThat(backlog.get("sampled").asLong()).isBetween(1L, (long) StatsController.BACKLOG_SAMPLE);   // ours was classified
        assertThat(backlog.get("meanTimeToClassifyMillis").asLong()).isNotNegative();
        assertThat(backlog.get("p95TimeToClassifyMillis").asLong()).isNotNegative();
        mvc.perform(get("/actuator/health")).andExpect(status().isOk())
                .andExpect(jsonPath("$.components.ticketStore.status").value("UP"))
                .andExpect(jsonPath("$.components.ticketClassifier.details.classifier").value("rules"))
                .andExpect(jsonPath("$.components.ticketNotifier.status").value("UP"));
        mvc.perform(get("/actuator/metrics/triage.classify.latency")).andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/tickets'].post").exists())
                .andExpect(jsonPath("$.paths['/api/tickets/export'].get").exists())
                .andExpect(jsonPath("$.paths['/api/assistant'].post").exists());
    }
}
