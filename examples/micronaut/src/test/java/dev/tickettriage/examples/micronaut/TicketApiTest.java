package dev.tickettriage.examples.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The REST API over HTTP, on the embedded defaults (in-memory store, rule classifier, console alerts). */
@MicronautTest
class TicketApiTest {

    private static final String ANGRY = "This is outrageous! You charged me twice, nobody answers and I am furious. "
            + "I want my money back now.";

    @Inject
    @Client("/")
    HttpClient httpClient;

    private BlockingHttpClient client() {
        return httpClient.toBlocking();
    }

    @Test
    void creates_a_ticket_and_classifies_an_angry_one_as_negative_in_the_background() {
        HttpResponse<TicketView> created = client().exchange(HttpRequest.POST("/api/tickets", Map.of(
                "subject", "Charged twice", "body", ANGRY, "customerEmail", "ana@example.com", "channel", "email")), TicketView.class);

        assertThat(created.getStatus().getCode()).isEqualTo(HttpStatus.CREATED.getCode());
        TicketView ticket = created.body();
        assertThat(created.header("Location")).isEqualTo("/api/tickets/" + ticket.id());
        assertThat(ticket.channel()).isEqualTo("EMAIL");
        assertThat(ticket.customer().email()).isEqualTo("ana@example.com");

        TicketView classified = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> client().retrieve(created.header("Location"), TicketView.class),
                        view -> view.processing().state().equals("PROCESSED"));
        assertThat(classified.classification()).isNotNull();
        assertThat(classified.classification().sentiment()).isIn("NEGATIVE", "VERY_NEGATIVE");
        assertThat(classified.classification().sentimentScore()).isNegative();
        assertThat(classified.classification().category()).isEqualTo("billing");
        assertThat(classified.classification().classifier()).isEqualTo("rules");
        assertThat(classified.classification().confidence()).containsKey("sentiment");
    }

    @Test
    void process_classifies_now_and_answers_the_result() {
        TicketView ticket = create(Map.of("body", "The app crashes every time I open the settings page."));

        TicketView processed = client().retrieve(HttpRequest.POST("/api/tickets/" + ticket.id() + "/process", ""), TicketView.class);

        assertThat(processed.id()).isEqualTo(ticket.id());
        assertThat(processed.processing().state()).isEqualTo("PROCESSED");
        assertThat(processed.classification().category()).isEqualTo("technical");
    }

    @Test
    void bad_input_is_a_problem_naming_every_field_and_stores_nothing() {
        String marker = marker();
        long before = client().retrieve("/api/stats", StatsView.class).total();

        HttpClientResponseException e = failure(HttpRequest.POST("/api/tickets", Map.of(
                "subject", marker, "body", "   ", "customerEmail", "not-an-address", "channel", "fax")));

        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(e.getResponse().getContentType()).contains(MediaType.of(Problem.MEDIA_TYPE));
        Problem problem = e.getResponse().getBody(Problem.class).orElseThrow();
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.instance()).isEqualTo("/api/tickets");
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("channel", "body", "customer.email");
        assertThat(problem.errors()).allSatisfy(error -> assertThat(error.reason()).isNotBlank());
        assertThat(client().retrieve("/api/stats", StatsView.class).total()).isEqualTo(before);
    }

    @Test
    void malformed_json_is_a_problem_too() {
        HttpClientResponseException e = failure(HttpRequest.POST("/api/tickets", "{\"body\": oops")
                .contentType(MediaType.APPLICATION_JSON_TYPE));

        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(e.getResponse().getContentType()).contains(MediaType.of(Problem.MEDIA_TYPE));
        assertThat(e.getResponse().getBody(Problem.class).orElseThrow().detail()).contains("JSON");
    }

    @Test
    void unknown_and_malformed_ids_are_404_and_400() {
        HttpClientResponseException missing = failure(HttpRequest.GET("/api/tickets/" + UUID.randomUUID()));
        HttpClientResponseException malformed = failure(HttpRequest.GET("/api/tickets/not-an-id"));

        assertThat(missing.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
        assertThat(missing.getResponse().getBody(Problem.class).orElseThrow().type()).endsWith("ticket-not-found");
        assertThat(malformed.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(malformed.getResponse().getBody(Problem.class).orElseThrow().errors())
                .extracting(Problem.FieldError::field).containsExactly("id");
    }

    @Test
    void lists_with_filters_in_keyset_pages_newest_first() {
        String marker = marker();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) ids.add(create(Map.of("subject", marker + " " + i, "body", "Where is my parcel? Tracking says nothing.")).id());

        TicketPage first = client().retrieve("/api/tickets?q=" + marker + "&limit=2", TicketPage.class);
        TicketPage second = client().retrieve("/api/tickets?q=" + marker + "&limit=2&cursor=" + first.next(), TicketPage.class);

        assertThat(first.items()).extracting(TicketView::id).containsExactly(ids.get(2), ids.get(1));
        assertThat(first.next()).isNotNull();
        assertThat(second.items()).extracting(TicketView::id).containsExactly(ids.get(0));
        assertThat(second.next()).isNull();
        TicketPage oldest = client().retrieve("/api/tickets?q=" + marker + "&order=oldest&limit=1", TicketPage.class);
        assertThat(oldest.items()).extracting(TicketView::id).containsExactly(ids.get(0));
    }

    @Test
    void filters_by_classification() {
        String marker = marker();
        TicketView angry = create(Map.of("subject", marker, "body", ANGRY));
        TicketView calm = create(Map.of("subject", marker, "body", "Thank you, the new dashboard is lovely and works great."));
        client().retrieve(HttpRequest.POST("/api/tickets/" + angry.id() + "/process", ""), TicketView.class);
        client().retrieve(HttpRequest.POST("/api/tickets/" + calm.id() + "/process", ""), TicketView.class);

        TicketPage negative = client().retrieve("/api/tickets?q=" + marker + "&sentiment=negative,very_negative&state=processed",
                TicketPage.class);
        TicketPage billing = client().retrieve("/api/tickets?q=" + marker + "&category=BILLING", TicketPage.class);

        assertThat(negative.items()).extracting(TicketView::id).containsExactly(angry.id());
        assertThat(billing.items()).extracting(TicketView::id).containsExactly(angry.id());
    }

    @Test
    void bad_filters_are_each_named() {
        HttpClientResponseException e = failure(HttpRequest.GET(
                "/api/tickets?status=weird&sentiment=grumpy&limit=0&createdFrom=yesterday&cursor=nope&category=spam"));

        assertThat(e.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
        assertThat(e.getResponse().getBody(Problem.class).orElseThrow().errors()).extracting(Problem.FieldError::field)
                .containsExactlyInAnyOrder("status", "sentiment", "limit", "createdFrom", "cursor", "category");
    }

    @Test
    void a_retried_idempotency_key_returns_the_same_ticket() {
        String key = marker();
        HttpRequest<?> first = HttpRequest.POST("/api/tickets", Map.of("body", "Please reset my password")).header("Idempotency-Key", key);
        HttpRequest<?> retry = HttpRequest.POST("/api/tickets", Map.of("body", "Please reset my password")).header("Idempotency-Key", key);

        String firstId = client().retrieve(first, TicketView.class).id();
        String retriedId = client().retrieve(retry, TicketView.class).id();

        assertThat(retriedId).isEqualTo(firstId);
    }

    @Test
    void stats_count_by_state_category_and_sentiment() {
        TicketView angry = create(Map.of("body", ANGRY));
        client().retrieve(HttpRequest.POST("/api/tickets/" + angry.id() + "/process", ""), TicketView.class);

        StatsView stats = client().retrieve("/api/stats", StatsView.class);

        assertThat(stats.total()).isPositive();
        assertThat(stats.byStatus()).containsKey("OPEN");
        assertThat(stats.byCategory()).containsKey("billing");
        assertThat(stats.bySentiment().keySet()).containsAnyOf("NEGATIVE", "VERY_NEGATIVE");
        assertThat(stats.byProcessingState().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(stats.total());
    }

    private TicketView create(Map<String, String> body) {
        return client().retrieve(HttpRequest.POST("/api/tickets", body), TicketView.class);
    }

    private HttpClientResponseException failure(HttpRequest<?> request) {
        try {
            client().exchange(request, Problem.class);
        } catch (HttpClientResponseException e) {
            return e;
        }
        return fail("expected an error response to " + request.getPath());
    }

    private static String marker() {
        return "m" + UUID.randomUUID().toString().replace("-", "");
    }
}
