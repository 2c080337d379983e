package dev.tickettriage.benchmarks.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.openai.OpenAiClassifier;
import dev.tickettriage.pipeline.RetryPolicy;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.port.TicketEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The harnesses' fake endpoint serves a real classifier end to end: with 5 % HTTP 500s and 5 % malformed answers
 * every ticket is still classified (retries and the repair attempt), and the fake's counters see the faults. Retry
 * backoff shorter than the default so the test stays quick; no timing is asserted.
 */
class FakeOpenAiServerTest {

    private static final List<String> LABELS = List.of("card_arrival", "card_linking", "exchange_rate", "pin_blocked");

    @Test
    void should_classify_every_ticket_through_server_errors_and_malformed_answers() throws Exception {
        Taxonomy.Builder taxonomy = Taxonomy.builder().version("fake-test");
        LABELS.forEach(label -> taxonomy.category(label, label.replace('_', ' ')));
        FakeOpenAiServer.Settings settings = FakeOpenAiServer.Settings.latency(0, LABELS).withFaults(0.05, 0.05);
        int tickets = 200;
        CountDownLatch done = new CountDownLatch(tickets);
        AtomicInteger failed = new AtomicInteger();
        try (FakeOpenAiServer server = FakeOpenAiServer.start(settings);
             OpenAiClassifier classifier = OpenAiClassifier.builder().baseUrl(server.baseUrl()).limits(16, 1).build();
             TicketTriage triage = TicketTriage.builder().classifier(classifier).taxonomy(taxonomy.build())
                     .workers(WorkerConfig.ofDefaults().withRetry(RetryPolicy.ofDefaults()
                             // backoff far shorter than the 2 s default, but long enough that a ticket's retries do not all
                             // land inside one short burst of faults (seen once in CI with 10-50 ms: 5 attempts in ~0.2 s)
                             .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).withMaxAttempts(8)))
                     .listener(event -> {
                         if (event instanceof TicketEvent.Classified) done.countDown();
                         if (event instanceof TicketEvent.Failed && !((TicketEvent.Failed) event).willRetry()) {
                             failed.incrementAndGet();
                             done.countDown();
                         }
                     }).build().start()) {
            for (int i = 0; i < tickets; i++) triage.submit(NewTicket.builder().body("Where is my new card? order " + i).build());

            assertThat(done.await(2, TimeUnit.MINUTES)).isTrue();
            assertThat(failed).hasValue(0);
            assertThat(triage.stats().byProcessingState().getOrDefault(ProcessingState.PROCESSED, 0L)).isEqualTo(tickets);
            assertThat(server.serverErrors()).isPositive();
            assertThat(server.malformedAnswers()).isPositive();
            assertThat(server.requests()).isGreaterThan(tickets);
        }
    }

    @Test
    void should_answer_429_with_retry_after_above_the_requests_per_minute_limit() throws Exception {
        FakeOpenAiServer.Settings settings = FakeOpenAiServer.Settings.latency(0, LABELS).withRequestsPerMinute(60);   // 1 per second
        try (FakeOpenAiServer server = FakeOpenAiServer.start(settings)) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(server.baseUrl().resolve("/v1/chat/completions"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build();
            java.net.http.HttpResponse<String> first = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            java.net.http.HttpResponse<String> second = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).contains("chat.completion");
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(second.headers().firstValue("retry-after-ms")).isPresent();
            assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(second.body()).contains("rate_limit_exceeded");
        }
    }
}
