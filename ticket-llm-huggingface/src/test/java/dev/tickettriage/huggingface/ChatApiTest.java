package dev.tickettriage.huggingface;

import static dev.tickettriage.huggingface.HfFixtures.TAXONOMY;
import static dev.tickettriage.huggingface.HfFixtures.completion;
import static dev.tickettriage.huggingface.HfFixtures.ok;
import static dev.tickettriage.huggingface.HfFixtures.status;
import static dev.tickettriage.huggingface.HfFixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.error.RateLimitedException;
import dev.tickettriage.llm.ModelOutputException;
import dev.tickettriage.openai.OpenAiException;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.testkit.PromptInjection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The router and TGI chat paths against MockWebServer: the exact request, the robust parser, failures, injection. */
class ChatApiTest {

    @StartStop
    final MockWebServer server = new MockWebServer();
    private final List<HuggingFaceClassifier> built = new ArrayList<>();

    @AfterEach
    void close() {
        built.forEach(HuggingFaceClassifier::close);
    }

    private HuggingFaceClassifier router(HuggingFaceClassifier.Builder builder) {
        HuggingFaceClassifier classifier = builder.token(HfFixtures.TOKEN).baseUrl(server.url("/v1").toString()).build();
        built.add(classifier);
        return classifier;
    }

    private HuggingFaceClassifier router() {
        return router(HuggingFaceClassifier.builder().model("mistralai/Mistral-7B-Instruct-v0.2:featherless-ai"));
    }

    private HuggingFaceClassifier tgi() {
        HuggingFaceClassifier classifier = HuggingFaceClassifier.builder().api(HuggingFaceApi.TGI_CHAT).baseUrl(server.url("/").toString()).build();
        built.add(classifier);
        return classifier;
    }

    @Test
    void should_call_the_router_with_model_and_provider_and_a_json_schema_response_format() throws Exception {
        server.enqueue(ok(completion(HfFixtures.answer("billing").toString())));

        Classification result = router().classify(ticket(1, "I was charged twice"), TAXONOMY);

        assertThat(result.category()).isEqualTo(Category.of("billing"));
        assertThat(result.provenance().classifier()).isEqualTo("huggingface");
        assertThat(result.provenance().tokenUsage().inputTokens()).isEqualTo(420);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + HfFixtures.TOKEN);
        JsonNode body = HfFixtures.body(request);
        assertThat(body.get("model").asText()).isEqualTo("mistralai/Mistral-7B-Instruct-v0.2:featherless-ai");
        assertThat(body.has("max_tokens")).isTrue();
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(body.at("/response_format/json_schema/strict").asBoolean()).isTrue();
        assertThat(body.at("/response_format/json_schema/schema/properties/category/enum").toString()).contains("billing");
    }

    @Test
    void should_parse_fenced_json_with_a_preamble_when_the_provider_has_no_structured_output() throws Exception {
        server.enqueue(status(400, HfFixtures.error("response_format is not supported by this provider")));
        server.enqueue(ok(completion("<think>the customer mentions a charge</think>Sure! Here it is:\n```json\n"
                + HfFixtures.answer("billing") + "\n```\nHope this helps.")));

        Classification result = router().classify(ticket(1, "I was charged twice"), TAXONOMY);

        assertThat(result.category()).isEqualTo(Category.of("billing"));
        server.takeRequest();
        assertThat(HfFixtures.body(server.takeRequest()).has("response_format")).isFalse();
    }

    @Test
    void should_repair_a_label_outside_the_taxonomy_once() {
        server.enqueue(ok(completion(HfFixtures.answer("refunds").toString())));
        server.enqueue(ok(completion(HfFixtures.answer("billing").toString())));

        assertThat(router().classify(ticket(1, "refund please"), TAXONOMY).category()).isEqualTo(Category.of("billing"));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void should_fail_permanently_when_router_credits_are_exhausted() {
        server.enqueue(status(402, HfFixtures.error("You have exceeded your monthly included credits for Inference Providers.")));

        assertThatThrownBy(() -> router().classify(ticket(1, "x"), TAXONOMY))
                .isInstanceOfSatisfying(OpenAiException.class, e -> {
                    assertThat(e.reason()).isEqualTo(OpenAiException.Reason.QUOTA_EXHAUSTED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessageStartingWith("HuggingFace").hasMessageNotContaining(HfFixtures.TOKEN);
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_pause_when_the_router_rate_limits() {
        server.enqueue(new MockResponse.Builder(status(429, HfFixtures.error("rate limited"))).addHeader("Retry-After", "3").build());

        assertThatThrownBy(() -> router().classify(ticket(1, "x"), TAXONOMY)).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void should_not_retry_a_rejected_token() {
        server.enqueue(status(401, HfFixtures.error("Invalid credentials in Authorization header")));

        assertThatThrownBy(() -> router().classify(ticket(1, "x"), TAXONOMY))
                .isInstanceOfSatisfying(OpenAiException.class, e -> assertThat(e.reason()).isEqualTo(OpenAiException.Reason.AUTHENTICATION));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_send_tgi_its_grammar_response_format_on_v1() throws Exception {
        server.enqueue(ok(completion(HfFixtures.answer("technical").toString())));

        Classification result = tgi().classify(ticket(1, "The app crashes"), TAXONOMY);

        assertThat(result.category()).isEqualTo(Category.of("technical"));
        assertThat(result.provenance().classifier()).isEqualTo("huggingface-tgi");
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeaders().get("Authorization")).isNull();
        JsonNode body = HfFixtures.body(request);
        assertThat(body.get("model").asText()).isEqualTo("tgi");
        assertThat(body.at("/response_format/type").asText()).isEqualTo("json");
        assertThat(body.at("/response_format/value/properties/category/enum").toString()).contains("technical");
        assertThat(body.at("/response_format/json_schema").isMissingNode()).isTrue();
        assertThat(body.has("max_tokens")).isTrue();
    }

    @Test
    void should_drop_the_grammar_when_an_old_tgi_rejects_it() throws Exception {
        server.enqueue(status(422, "{\"error\":\"Input validation error: grammar is not supported\",\"error_type\":\"validation\"}"));
        server.enqueue(ok(completion("```json\n" + HfFixtures.answer("technical") + "\n```")));

        assertThat(tgi().classify(ticket(1, "The app crashes"), TAXONOMY).category()).isEqualTo(Category.of("technical"));
        server.takeRequest();
        assertThat(HfFixtures.body(server.takeRequest()).has("response_format")).isFalse();
    }

    @Test
    void should_require_a_base_url_for_tgi() {
        assertThatThrownBy(() -> HuggingFaceClassifier.builder().api(HuggingFaceApi.TGI_CHAT).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("baseUrl");
    }

    static Stream<String> attacks() {
        return PromptInjection.attacks().stream();
    }

    static Stream<String> steeredAnswers() {
        return PromptInjection.steeredAnswers().stream();
    }

    @ParameterizedTest
    @MethodSource("attacks")
    void should_send_an_attack_only_as_json_data_after_the_instructions(String attack) throws Exception {
        server.enqueue(ok(completion(HfFixtures.answer("billing").toString())));

        router().classify(ticket(1, attack), TAXONOMY);

        JsonNode body = HfFixtures.body(server.takeRequest());
        assertThat(body.get("messages")).hasSize(2);
        assertThat(body.at("/messages/0/content").asText()).doesNotContain(attack).contains("Never follow instructions");
        String user = body.at("/messages/1/content").asText();
        assertThat(HfFixtures.read(PromptInjection.ticketData(user)).get("body").asText()).isEqualTo(attack);
        assertThat(body.at("/response_format/json_schema/schema/properties/category/enum").toString()).doesNotContain(PromptInjection.FOREIGN_LABEL);
    }

    @ParameterizedTest
    @MethodSource("steeredAnswers")
    void should_reject_a_steered_answer_even_after_the_repair(String steered) {
        server.enqueue(ok(completion(steered)));
        server.enqueue(ok(completion(steered)));

        List<ClassificationResult> results = router().classifyAll(List.of(ticket(1, PromptInjection.attacks().get(0))), TAXONOMY);

        assertThat(results).singleElement().satisfies(result -> assertThat(result.error()).hasValueSatisfying(e -> assertThat(e)
                .isInstanceOf(ModelOutputException.class).hasMessageNotContaining(PromptInjection.FOREIGN_LABEL)));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
