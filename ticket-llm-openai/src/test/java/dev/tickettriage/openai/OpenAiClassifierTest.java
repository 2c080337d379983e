package dev.tickettriage.openai;

import static dev.tickettriage.openai.OpenAiFixtures.API_KEY;
import static dev.tickettriage.openai.OpenAiFixtures.TAXONOMY;
import static dev.tickettriage.openai.OpenAiFixtures.answer;
import static dev.tickettriage.openai.OpenAiFixtures.body;
import static dev.tickettriage.openai.OpenAiFixtures.completion;
import static dev.tickettriage.openai.OpenAiFixtures.error;
import static dev.tickettriage.openai.OpenAiFixtures.ok;
import static dev.tickettriage.openai.OpenAiFixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.TokenUsage;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.RateLimitedException;
import dev.tickettriage.llm.ModelOutputException;
import dev.tickettriage.llm.OutputSchema;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.testkit.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiClassifierTest {

    @StartStop
    final MockWebServer server = new MockWebServer();

    final MutableClock clock = MutableClock.at(Instant.parse("2026-11-23T10:00:00Z"));
    private OpenAiClassifier classifier;

    private OpenAiClassifier classifier() {
        return classifier(OpenAiClassifier.builder());
    }

    private OpenAiClassifier classifier(OpenAiClassifier.Builder builder) {
        classifier = builder.apiKey(API_KEY).baseUrl(server.url("/v1/").toString()).clock(clock).build();
        return classifier;
    }

    @AfterEach
    void close() {
        if (classifier != null) classifier.close();
    }

    @Test
    void should_send_static_instructions_first_the_ticket_last_as_data_and_a_strict_schema() throws Exception {
        server.enqueue(ok(completion(answer("billing").toString())));

        classifier(OpenAiClassifier.builder().seed(42).organization("org-1").project("proj_1"))
                .classify(ticket(1, "I was charged twice this month"), TAXONOMY);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
        assertThat(request.getHeaders().get("OpenAI-Organization")).isEqualTo("org-1");
        assertThat(request.getHeaders().get("OpenAI-Project")).isEqualTo("proj_1");
        JsonNode body = body(request);
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("temperature").asInt()).isZero();
        assertThat(body.get("seed").asLong()).isEqualTo(42);
        assertThat(body.get("logprobs").asBoolean()).isTrue();
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText()).contains("- billing: Charges, refunds, invoices").doesNotContain("charged twice this month");
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/1/content").asText()).endsWith("</ticket_data>").contains("\"body\":\"I was charged twice this month\"");
        assertThat(body.get("messages")).hasSize(2);
        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(body.at("/response_format/json_schema/strict").asBoolean()).isTrue();
        assertThat(body.at("/response_format/json_schema/name").asText()).isEqualTo(OutputSchema.SINGLE_NAME);
        JsonNode schema = body.at("/response_format/json_schema/schema");
        assertThat(schema).isEqualTo(OutputSchema.single(TAXONOMY));
        assertThat(OutputSchema.isStrictCompatible(schema)).isTrue();
    }

    @Test
    void should_classify_and_record_tokens_cost_model_and_name() {
        server.enqueue(ok(completion(answer("billing").toString())));

        Classification result = classifier().classify(ticket(1, "charged twice"), TAXONOMY);

        assertThat(result.category().id()).isEqualTo("billing");
        assertThat(result.summary()).contains("Customer was charged twice");
        assertThat(result.provenance().classifier()).isEqualTo("openai");
        assertThat(result.provenance().modelName()).contains("gpt-4o-mini-2024-07-18");
        assertThat(result.provenance().tokenUsage()).isEqualTo(new TokenUsage(420, 80));
        assertThat(result.provenance().cost()).contains(new BigDecimal("0.000111"));   // 420 x 0.15/M + 80 x 0.60/M
        assertThat(result.confidence(ClassificationField.CATEGORY)).hasValueSatisfying(c -> assertThat(c.source()).isEqualTo(ConfidenceSource.MODEL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"```json\n%s\n```", "Here is the JSON you asked for:\n%s\nHope this helps!", "<think>billing? maybe {technical}</think>\n%s"})
    void should_parse_answers_wrapped_in_fences_preambles_or_think_blocks(String wrapper) {
        server.enqueue(ok(completion(String.format(wrapper, answer("billing")))));

        assertThat(classifier().classify(ticket(1, "x"), TAXONOMY).category().id()).isEqualTo("billing");
    }

    @Test
    void should_repair_a_label_outside_the_taxonomy() throws Exception {
        server.enqueue(ok(completion(answer("refunds").toString())));
        server.enqueue(ok(completion(answer("billing").toString())));

        Classification result = classifier().classify(ticket(1, "x"), TAXONOMY);

        assertThat(result.category().id()).isEqualTo("billing");
        server.takeRequest();
        JsonNode repair = body(server.takeRequest());
        assertThat(repair.get("messages")).hasSize(4);
        assertThat(repair.at("/messages/2/role").asText()).isEqualTo("assistant");
        assertThat(repair.at("/messages/3/content").asText()).contains("category 'refunds' is not one of the allowed labels");
        assertThat(result.provenance().tokenUsage()).isEqualTo(new TokenUsage(840, 160));
    }

    @Test
    void should_fail_typed_keeping_the_raw_output_when_json_is_invalid_twice() {
        server.enqueue(ok(completion("I think it is about billing")));
        server.enqueue(ok(completion("{\"category\": \"billing\", oops")));

        assertThatThrownBy(() -> classifier().classify(ticket(1, "my secret body"), TAXONOMY))
                .isInstanceOfSatisfying(ModelOutputException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelOutputException.Kind.INVALID_JSON);
                    assertThat(e.rawOutput()).contains("{\"category\": \"billing\", oops");
                    assertThat(e.getMessage()).doesNotContain("oops", "my secret body", API_KEY).contains("req_ok_1");
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void should_repair_once_then_fail_on_a_refusal() {
        server.enqueue(ok(OpenAiFixtures.refusal("I'm sorry, I can't help with that.")));
        server.enqueue(ok(OpenAiFixtures.refusal("I'm sorry, I can't help with that.")));

        assertThatThrownBy(() -> classifier().classify(ticket(1, "x"), TAXONOMY)).isInstanceOfSatisfying(ModelOutputException.class, e -> {
            assertThat(e.kind()).isEqualTo(ModelOutputException.Kind.REFUSAL);
            assertThat(e.rawOutput()).contains("I'm sorry, I can't help with that.");
            assertThat(e.retryable()).isFalse();
        });
    }

    @Test
    void should_repair_a_truncated_answer() {
        server.enqueue(ok(completion("{\"category\":\"billing\",\"category_confid", "length", null)));
        server.enqueue(ok(completion(answer("technical").toString())));

        assertThat(classifier().classify(ticket(1, "x"), TAXONOMY).category().id()).isEqualTo("technical");
    }

    @Test
    void should_derive_category_confidence_from_logprobs() {
        String content = answer("billing").toString();
        int labelStart = content.indexOf("billing");
        ArrayNode tokens = OpenAiFixtures.JSON.createArrayNode();
        tokens.addObject().put("token", content.substring(0, labelStart)).put("logprob", -0.001).putArray("top_logprobs");
        tokens.addObject().put("token", "billing").put("logprob", Math.log(0.75)).putArray("top_logprobs");
        tokens.addObject().put("token", content.substring(labelStart + "billing".length())).put("logprob", -0.3).putArray("top_logprobs");
        server.enqueue(ok(completion(content, "stop", tokens)));

        Classification result = classifier().classify(ticket(1, "x"), TAXONOMY);

        assertThat(result.confidence(ClassificationField.CATEGORY)).hasValueSatisfying(c -> {
            assertThat(c.source()).isEqualTo(ConfidenceSource.LOGPROB);
            assertThat(c.value()).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-6));
        });
        assertThat(result.rationale()).hasValueSatisfying(r -> assertThat(r).contains("self-reported category confidence 0.91"));
    }

    @Test
    void should_report_rate_limit_until_retry_after_then_succeed_on_the_next_call() {
        server.enqueue(new MockResponse.Builder(error(429, "requests", "rate_limit_exceeded", "Rate limit reached for requests"))
                .addHeader("Retry-After", "7").build());
        server.enqueue(ok(completion(answer("billing").toString())));
        OpenAiClassifier openai = classifier();

        assertThatThrownBy(() -> openai.classify(ticket(1, "x"), TAXONOMY)).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.until()).isEqualTo(clock.instant().plusSeconds(7));
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(e.getMessage()).contains("429", "req_err_429").doesNotContain(API_KEY);
        });
        assertThat(openai.classify(ticket(1, "x"), TAXONOMY).category().id()).isEqualTo("billing");
    }

    @Test
    void should_use_the_rate_limit_reset_header_when_there_is_no_retry_after() {
        server.enqueue(new MockResponse.Builder(error(429, "tokens", "rate_limit_exceeded", "slow down"))
                .addHeader("x-ratelimit-reset-requests", "1.5s").addHeader("x-ratelimit-reset-tokens", "6m0s").build());

        assertThatThrownBy(() -> classifier().classify(ticket(1, "x"), TAXONOMY)).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(6))));
    }

    @Test
    void should_not_retry_when_the_quota_is_exhausted() {
        server.enqueue(error(429, "insufficient_quota", "insufficient_quota", "You exceeded your current quota"));

        assertThatThrownBy(() -> classifier().classify(ticket(1, "x"), TAXONOMY)).isInstanceOfSatisfying(OpenAiException.class, e -> {
            assertThat(e.reason()).isEqualTo(OpenAiException.Reason.QUOTA_EXHAUSTED);
            assertThat(e.retryable()).isFalse();
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void should_fail_retryably_with_retry_after_on_server_errors(int status) {
        server.enqueue(new MockResponse.Builder(error(status, "server_error", null, "The server had an error")).addHeader("Retry-After", "3").build());

        assertThatThrownBy(() -> classifier().classify(ticket(1, "x"), TAXONOMY)).isInstanceOfSatisfying(OpenAiException.class, e -> {
            assertThat(e.reason()).isEqualTo(OpenAiException.Reason.SERVER);
            assertThat(e.retryable()).isTrue();
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.requestId()).contains("req_err_" + status);
        });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_fail_permanently_without_retry_on_401_and_keep_the_key_out_of_the_message() {
        server.enqueue(error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided: sk-test-****6789"));

        assertThatThrownBy(() -> classifier().classify(ticket(1, "x"), TAXONOMY)).isInstanceOfSatisfying(OpenAiException.class, e -> {
            assertThat(e.reason()).isEqualTo(OpenAiException.Reason.AUTHENTICATION);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("401", "check the API key").doesNotContain(API_KEY);
        });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_time_out_retryably_when_the_server_is_slow() {
        server.enqueue(new MockResponse.Builder(ok(completion(answer("billing").toString()))).headersDelay(2, TimeUnit.SECONDS).build());
        OpenAiClassifier slow = classifier(OpenAiClassifier.builder().timeouts(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(5)));

        assertThatThrownBy(() -> slow.classify(ticket(1, "x"), TAXONOMY)).isInstanceOfSatisfying(OpenAiException.class, e -> {
            assertThat(e.reason()).isEqualTo(OpenAiException.Reason.TIMEOUT);
            assertThat(e.retryable()).isTrue();
        });
    }

    @Test
    void should_fail_retryably_when_the_connection_is_reset() {
        server.enqueue(new MockResponse.Builder().onRequestStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(new MockResponse.Builder().onRequestStart(SocketEffect.ShutdownConnection.INSTANCE).build());

        assertThatThrownBy(() -> classifier().classify(ticket(1, "x"), TAXONOMY)).isInstanceOfSatisfying(OpenAiException.class, e -> {
            assertThat(e.reason()).isEqualTo(OpenAiException.Reason.IO);
            assertThat(e.retryable()).isTrue();
        });
    }

    @Test
    void should_batch_tickets_and_fall_back_to_one_request_for_the_bad_item() throws Exception {
        server.enqueue(ok(completion(OpenAiFixtures.batchAnswer(List.of("T1", "T2", "T3"), List.of("billing", "HACKED", "account")))));
        server.enqueue(ok(completion(answer("technical").toString())));
        OpenAiClassifier batching = classifier(OpenAiClassifier.builder().limits(8, 8));

        List<ClassificationResult> results = batching.classifyAll(List.of(ticket(1, "a"), ticket(2, "b"), ticket(3, "c")), TAXONOMY);

        assertThat(results).extracting(r -> r.value().orElseThrow().category().id()).containsExactly("billing", "technical", "account");
        JsonNode batch = body(server.takeRequest());
        assertThat(batch.at("/response_format/json_schema/name").asText()).isEqualTo(OutputSchema.BATCH_NAME);
        assertThat(batch.at("/messages/1/content").asText()).contains("\"ticket_id\":\"T3\"");
        JsonNode single = body(server.takeRequest());
        assertThat(single.at("/messages/1/content").asText()).contains("\"body\":\"b\"").doesNotContain("\"body\":\"a\"");
    }

    @Test
    void should_retry_once_without_json_schema_when_a_compatible_server_rejects_it() throws Exception {
        server.enqueue(error(400, "invalid_request_error", null, "response_format type json_schema is not supported by this server"));
        server.enqueue(ok(completion("Sure:\n```json\n" + answer("account") + "\n```")));
        server.enqueue(ok(completion(answer("billing").toString())));
        OpenAiClassifier compatible = classifier();

        assertThat(compatible.classify(ticket(1, "x"), TAXONOMY).category().id()).isEqualTo("account");
        assertThat(compatible.classify(ticket(2, "y"), TAXONOMY).category().id()).isEqualTo("billing");

        assertThat(body(server.takeRequest()).has("response_format")).isTrue();
        assertThat(body(server.takeRequest()).has("response_format")).isFalse();
        assertThat(body(server.takeRequest()).has("response_format")).isFalse();
        assertThat(compatible.sendsStructuredOutput()).isFalse();
        assertThat(compatible.sendsLogprobs()).isTrue();
    }

    @Test
    void should_retry_once_without_logprobs_when_the_model_rejects_them() throws Exception {
        server.enqueue(error(400, "invalid_request_error", "unsupported_parameter", "Unsupported parameter: 'logprobs' is not supported with this model."));
        server.enqueue(ok(completion(answer("billing").toString())));
        OpenAiClassifier reasoning = classifier();

        Classification result = reasoning.classify(ticket(1, "x"), TAXONOMY);

        assertThat(result.confidence(ClassificationField.CATEGORY)).hasValueSatisfying(c -> assertThat(c.source()).isEqualTo(ConfidenceSource.MODEL));
        server.takeRequest();
        JsonNode second = body(server.takeRequest());
        assertThat(second.has("logprobs")).isFalse();
        assertThat(second.has("response_format")).isTrue();
    }

    @Test
    void should_fail_permanently_on_a_400_that_names_no_optional_feature() {
        server.enqueue(error(400, "invalid_request_error", "context_length_exceeded", "This model's maximum context length is 128000 tokens."));

        assertThatThrownBy(() -> classifier().classify(ticket(1, "x"), TAXONOMY)).isInstanceOfSatisfying(OpenAiException.class, e -> {
            assertThat(e.reason()).isEqualTo(OpenAiException.Reason.BAD_REQUEST);
            assertThat(e.retryable()).isFalse();
        });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void should_send_no_authorization_header_without_a_key_for_local_servers() throws Exception {
        server.enqueue(ok(completion(answer("billing").toString())));
        classifier = OpenAiClassifier.builder().baseUrl(server.url("/v1").toString()).model("llama3.1:8b").build();

        Classification result = classifier.classify(ticket(1, "x"), TAXONOMY);

        RecordedRequest request = server.takeRequest();
        assertThat(request.getTarget()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(body(request).get("model").asText()).isEqualTo("llama3.1:8b");
        assertThat(result.provenance().cost()).isEmpty();
    }

    @Test
    void should_keep_the_api_key_out_of_to_string() {
        OpenAiClassifier.Builder builder = OpenAiClassifier.builder().apiKey(API_KEY);

        assertThat(builder.toString()).doesNotContain(API_KEY).contains("****");
        assertThat(classifier().toString()).doesNotContain(API_KEY).contains("apiKey=****");
    }

    @Test
    void should_declare_its_limits_and_classify_asynchronously_without_the_executor() throws Exception {
        server.enqueue(ok(completion(answer("billing").toString())));
        OpenAiClassifier openai = classifier(OpenAiClassifier.builder().limits(32, 4));

        List<ClassificationResult> results = openai.classifyAllAsync(List.of(ticket(1, "a")), TAXONOMY,
                command -> { throw new AssertionError("the executor must not be used"); }).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(openai.limits()).isEqualTo(dev.tickettriage.port.ClassifierLimits.remote(32, 4));
        assertThat(OpenAiClassifier.builder().build().limits()).isEqualTo(OpenAiClassifier.DEFAULT_LIMITS);
        assertThat(results).singleElement().satisfies(r -> assertThat(r.isSuccess()).isTrue());
    }

    @Test
    void should_reject_bad_builder_values() {
        assertThatThrownBy(() -> OpenAiClassifier.builder().baseUrl("not a url")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenAiClassifier.builder().limits(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenAiClassifier.builder().apiKey(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenAiClassifier.builder().timeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connect");
        assertThat(ClassificationException.class).isAssignableFrom(OpenAiException.class);
    }
}
