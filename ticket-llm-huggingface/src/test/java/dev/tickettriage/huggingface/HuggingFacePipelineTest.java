package dev.tickettriage.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.ProcessingState;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The task classifier inside the pipeline: a 429 with Retry-After pauses it, then the ticket is classified. */
class HuggingFacePipelineTest {

    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void should_classify_after_a_rate_limit_with_retry_after() {
        server.enqueue(new MockResponse.Builder(HfFixtures.status(429, HfFixtures.error("Rate limit reached"))).addHeader("Retry-After", "1").build());
        server.enqueue(HfFixtures.ok(HfFixtures.zeroShot(List.of("billing", "technical", "account access", "other"), List.of(0.8, 0.1, 0.06, 0.04))));
        HuggingFaceClassifier classifier = HuggingFaceClassifier.builder().api(HuggingFaceApi.TASKS).token(HfFixtures.TOKEN)
                .baseUrl(server.url("/hf-inference").toString()).taskModels(HfFixtures.ZERO_SHOT, null).build();

        try (classifier; TicketTriage triage = TicketTriage.builder().classifier(classifier).taxonomy(HfFixtures.TAXONOMY).build().start()) {
            Ticket ticket = triage.submit(NewTicket.builder().body("I was charged twice").build());

            assertThat(triage.awaitIdle(Duration.ofSeconds(30))).isTrue();
            Ticket done = triage.find(ticket.id()).orElseThrow();
            assertThat(done.processingState()).isEqualTo(ProcessingState.PROCESSED);
            assertThat(done.classification()).hasValueSatisfying(c -> assertThat(c.category()).isEqualTo(Category.of("billing")));
        }
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
