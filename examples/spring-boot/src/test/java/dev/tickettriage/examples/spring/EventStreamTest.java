package dev.tickettriage.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Server-Sent Events over a real socket: ids are the pipeline's sequence numbers, and Last-Event-ID resumes. */
@AppTest
class EventStreamTest {

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    /** SSE events (id and data) read until {@code done} says stop, at most 20 s. */
    record Event(long id, JsonNode data) {
    }

    List<Event> read(String lastEventId, java.util.function.Predicate<List<Event>> done) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tickets/events"))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
        HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<Event> events = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                long id = -1;
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("id:")) id = Long.parseLong(line.substring(3).trim());
                    if (line.startsWith("data:")) {
                        synchronized (events) {
                            events.add(new Event(id, json.readTree(line.substring(5))));
                            if (done.test(events)) return;
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        reading.get(20, TimeUnit.SECONDS);
        response.body().close();
        return events;
    }

    String create(String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tickets"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"" + body + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asText();
    }

    @Test
    void should_stream_events_with_sequence_ids_and_resume_from_last_event_id() throws Exception {
        String id = create("I am furious, the app crashed and deleted my work!");
        // from the start: the created and classified events of this ticket, ids increasing
        List<Event> all = read("0", events -> events.stream().anyMatch(e -> e.data().get("ticketId").asText().equals(id)
                && e.data().get("type").asText().equals("classified")));
        assertThat(all).extracting(Event::id).isSorted().doesNotHaveDuplicates();
        assertThat(all).allSatisfy(event -> assertThat(event.data().get("sequence").asLong()).isEqualTo(event.id()));
        Event created = all.stream().filter(e -> e.data().get("ticketId").asText().equals(id) && e.data().get("type").asText().equals("created")).findFirst().orElseThrow();
        Event classified = all.stream().filter(e -> e.data().get("ticketId").asText().equals(id) && e.data().get("type").asText().equals("classified")).findFirst().orElseThrow();
        assertThat(classified.data().get("ticket").get("sentiment").asText()).isIn("negative", "very_negative");

        // resuming after "created" replays what followed it, starting with the next sequence number
        List<Event> resumed = read(Long.toString(created.id()), events -> events.stream().anyMatch(e -> e.id() == classified.id()));
        assertThat(resumed.get(0).id()).isEqualTo(created.id() + 1);
        assertThat(resumed).extracting(Event::id).doesNotContain(created.id());
    }

    @Test
    void should_ask_for_a_resync_when_the_last_event_id_is_unknown() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tickets/events"))
                .header("Last-Event-ID", "999999999").build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        CompletableFuture<String> resync = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("event:")) return line.substring(6).trim();
                }
                return "";
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(resync.get(10, TimeUnit.SECONDS)).isEqualTo("resync");
        response.body().close();
        assertThat(Duration.ZERO).isZero();
    }
}
