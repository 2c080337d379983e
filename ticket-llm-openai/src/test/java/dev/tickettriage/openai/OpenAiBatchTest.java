package dev.tickettriage.openai;

import static dev.tickettriage.openai.OpenAiFixtures.API_KEY;
import static dev.tickettriage.openai.OpenAiFixtures.TAXONOMY;
import static dev.tickettriage.openai.OpenAiFixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.ClassificationResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batch API mode against a fake of the Files and Batch routes. */
class OpenAiBatchTest {

    @StartStop
    final MockWebServer server = new MockWebServer();
    private OpenAiClassifier classifier;

    @AfterEach
    void close() {
        if (classifier != null) classifier.close();
    }

    private OpenAiBatch batch() {
        classifier = OpenAiClassifier.builder().apiKey(API_KEY).baseUrl(server.url("/v1/").toString()).build();
        return classifier.batch();
    }

    @Test
    void should_upload_run_poll_download_and_map_answers_back_by_custom_id() throws Exception {
        FakeBatchApi api = new FakeBatchApi(2, "completed");
        server.setDispatcher(api);
        List<Ticket> tickets = List.of(ticket(1, "I was charged twice"), ticket(2, "Refund my POISON order"), ticket(3, "BROKEN request"),
                ticket(4, "Invoice question, mail me at jane@example.com"));
        List<OpenAiBatch.Progress> progress = new CopyOnWriteArrayList<>();

        List<ClassificationResult> results = batch().run(tickets, TAXONOMY, Duration.ofMillis(10), progress::add);

        assertThat(results).extracting(ClassificationResult::ticketId).containsExactly(tickets.stream().map(Ticket::id).toArray(dev.tickettriage.domain.TicketId[]::new));
        assertThat(results.get(0).value().orElseThrow().category().id()).isEqualTo("billing");
        assertThat(results.get(1).value().orElseThrow().category().id()).as("repaired through the synchronous endpoint").isEqualTo("billing");
        assertThat(results.get(2).error().orElseThrow()).isInstanceOfSatisfying(OpenAiException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.retryable()).isTrue();
            assertThat(e.requestId()).hasValue("req_batch_500");
        });
        assertThat(results.get(3).value().orElseThrow().category().id()).isEqualTo("billing");
        assertThat(api.uploadedLines).hasSize(4);
        assertThat(String.join("\n", api.uploadedLines)).doesNotContain("jane@example.com").contains("\"custom_id\":\"req-4\"");
        assertThat(api.createRequests.get(0).get("endpoint").asText()).isEqualTo("/v1/chat/completions");
        assertThat(api.createRequests.get(0).get("completion_window").asText()).isEqualTo("24h");
        assertThat(progress).extracting(OpenAiBatch.Progress::status).containsSubsequence("validating", "in_progress", "completed");
        assertThat(progress.get(progress.size() - 1).completed()).isEqualTo(4);
        assertThat(api.requests).extracting(RecordedRequest::getTarget).filteredOn(path -> path.equals("/v1/chat/completions")).hasSize(1);
        assertThat(api.requests).allSatisfy(request -> assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY));
        BigDecimal batchCost = results.get(0).value().orElseThrow().provenance().cost().orElseThrow();
        assertThat(batchCost).isEqualByComparingTo(OpenAiModel.GPT_4O_MINI.price().cost(new dev.tickettriage.domain.TokenUsage(420, 80))
                .divide(BigDecimal.valueOf(2)));
    }

    @Test
    void should_fail_with_the_batch_errors_when_the_batch_failed() {
        server.setDispatcher(new FakeBatchApi(0, "failed"));

        assertThatThrownBy(() -> batch().run(List.of(ticket(1, "x")), TAXONOMY, Duration.ofMillis(10), p -> { }))
                .isInstanceOf(OpenAiException.class).hasMessageContaining("invalid_json_line").hasMessageNotContaining(API_KEY);
    }

    @Test
    void should_refuse_azure_deployments() {
        classifier = OpenAiClassifier.builder().apiKey(API_KEY).azure(server.url("/").toString(), "dep", "2024-10-21").build();

        assertThatThrownBy(classifier::batch).isInstanceOf(UnsupportedOperationException.class);
    }
}
