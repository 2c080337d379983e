package dev.tickettriage.openai;

import static dev.tickettriage.openai.OpenAiFixtures.API_KEY;
import static dev.tickettriage.openai.OpenAiFixtures.TAXONOMY;
import static dev.tickettriage.openai.OpenAiFixtures.answer;
import static dev.tickettriage.openai.OpenAiFixtures.body;
import static dev.tickettriage.openai.OpenAiFixtures.completion;
import static dev.tickettriage.openai.OpenAiFixtures.ok;
import static dev.tickettriage.openai.OpenAiFixtures.response;
import static dev.tickettriage.openai.OpenAiFixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.TokenUsage;
import dev.tickettriage.llm.ModelOutputException;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Responses API and Azure OpenAI behind the same classifier, against MockWebServer. */
class ResponsesApiTest {

    @StartStop
    final MockWebServer server = new MockWebServer();
    private OpenAiClassifier classifier;

    @AfterEach
    void close() {
        if (classifier != null) classifier.close();
    }

    private OpenAiClassifier responses() {
        classifier = OpenAiClassifier.builder().api(OpenAiApi.RESPONSES).apiKey(API_KEY).baseUrl(server.url("/v1/").toString()).build();
        return classifier;
    }

    @Test
    void should_send_input_items_text_format_and_logprobs_only_through_include() throws Exception {
        server.enqueue(ok(response(answer("billing").toString(), "completed", null, null)));

        Classification result = responses().classify(ticket(1, "I was charged twice"), TAXONOMY);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/v1/responses");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
        JsonNode body = body(request);
        assertThat(body.at("/input/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/input/1/role").asText()).isEqualTo("user");
        assertThat(body.at("/input/1/content").asText()).contains("<ticket_data>").contains("I was charged twice");
        assertThat(body.at("/text/format/type").asText()).isEqualTo("json_schema");
        assertThat(body.at("/text/format/name").asText()).isEqualTo("ticket_triage");
        assertThat(body.at("/text/format/strict").asBoolean()).isTrue();
        assertThat(body.at("/text/format/schema/additionalProperties").asBoolean(true)).isFalse();
        assertThat(body.has("response_format")).isFalse();
        assertThat(body.has("messages")).isFalse();
        assertThat(body.has("logprobs")).as("logprobs is not a Responses parameter").isFalse();
        assertThat(body.get("include")).hasSize(1);
        assertThat(body.at("/include/0").asText()).isEqualTo("message.output_text.logprobs");
        assertThat(body.get("store").asBoolean(true)).isFalse();
        assertThat(body.get("max_output_tokens").asLong()).isEqualTo(256 + 1_024);
        assertThat(result.category().id()).isEqualTo("billing");
        assertThat(result.provenance().tokenUsage()).isEqualTo(new TokenUsage(410, 70));
        assertThat(result.confidence(ClassificationField.CATEGORY).orElseThrow().source()).isEqualTo(ConfidenceSource.MODEL);
    }

    @Test
    void should_take_the_category_confidence_from_output_text_logprobs() {
        String content = answer("technical").toString();
        ArrayNode tokens = OpenAiFixtures.JSON.createArrayNode();
        int at = content.indexOf("technical");
        tokens.addObject().put("token", content.substring(0, at)).put("logprob", -0.01).putArray("bytes");
        tokens.addObject().put("token", "technical").put("logprob", Math.log(0.8)).putArray("bytes");
        tokens.addObject().put("token", content.substring(at + "technical".length())).put("logprob", -0.02).putArray("bytes");
        tokens.forEach(token -> ((com.fasterxml.jackson.databind.node.ObjectNode) token).putArray("top_logprobs"));
        server.enqueue(ok(response(content, "completed", null, tokens)));

        Classification result = responses().classify(ticket(2, "The app crashes"), TAXONOMY);

        assertThat(result.confidence(ClassificationField.CATEGORY).orElseThrow().source()).isEqualTo(ConfidenceSource.LOGPROB);
        assertThat(result.confidence(ClassificationField.CATEGORY).orElseThrow().value()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void should_treat_max_output_tokens_as_a_truncated_answer_and_repair_once() throws Exception {
        server.enqueue(ok(response("{\"category\":\"bil", "incomplete", "max_output_tokens", null)));
        server.enqueue(ok(response(answer("billing").toString(), "completed", null, null)));

        Classification result = responses().classify(ticket(3, "Refund please"), TAXONOMY);

        assertThat(result.category().id()).isEqualTo("billing");
        assertThat(server.getRequestCount()).isEqualTo(2);
        server.takeRequest();
        assertThat(body(server.takeRequest()).get("input")).hasSizeGreaterThan(2);   // the repair carries the rejected answer
    }

    @Test
    void should_fail_a_refusal_with_the_refusal_kind() {
        server.enqueue(ok(OpenAiFixtures.responseRefusal("I can't help with that")));
        server.enqueue(ok(OpenAiFixtures.responseRefusal("I can't help with that")));

        assertThatThrownBy(() -> responses().classify(ticket(4, "x"), TAXONOMY))
                .isInstanceOfSatisfying(ModelOutputException.class, e -> assertThat(e.kind()).isEqualTo(ModelOutputException.Kind.REFUSAL));
    }

    @Test
    void should_call_an_azure_deployment_with_the_api_key_header_and_api_version() throws Exception {
        server.enqueue(ok(completion(answer("account").toString())));
        classifier = OpenAiClassifier.builder().apiKey(API_KEY)
                .azure(server.url("/").toString(), "triage-4o-mini", "2024-10-21").build();

        Classification result = classifier.classify(ticket(5, "I cannot log in"), TAXONOMY);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/openai/deployments/triage-4o-mini/chat/completions?api-version=2024-10-21");
        assertThat(request.getHeaders().get("api-key")).isEqualTo(API_KEY);
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(body(request).get("model").asText()).isEqualTo("triage-4o-mini");
        assertThat(result.category().id()).isEqualTo("account");
        assertThat(classifier.toString()).doesNotContain(API_KEY).contains("Azure").doesNotContain("sk-");
    }

    @Test
    void should_call_azure_responses_under_the_deployment_path() throws Exception {
        server.enqueue(ok(response(answer("other").toString(), "completed", null, null)));
        classifier = OpenAiClassifier.builder().api(OpenAiApi.RESPONSES).apiKey(API_KEY)
                .azure(server.url("/").toString(), "dep", "2025-04-01-preview").build();

        classifier.classify(ticket(6, "hello"), TAXONOMY);

        assertThat(server.takeRequest().getTarget()).isEqualTo("/openai/deployments/dep/responses?api-version=2025-04-01-preview");
    }
}
