package dev.tickettriage.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tickettriage.llm.TriagePrompt;
import dev.tickettriage.openai.internal.ChatCompletionsApi;
import dev.tickettriage.openai.internal.OpenAiTransport;
import dev.tickettriage.openai.internal.RequestLimiter;
import dev.tickettriage.openai.internal.ResponsesApi;
import dev.tickettriage.openai.internal.WireApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our request bodies validate against {@code CreateChatCompletionRequest} and our response fixtures against
 * {@code CreateChatCompletionResponse} of the official OpenAPI 3.1 spec in ../shared/protocols/specs (JSON Schema
 * 2020-12 via networknt; the spec's OpenAPI-only keywords such as {@code discriminator} are ignored). Skips when the
 * spec is absent, fails under {@code CI=true}.
 */
class OpenApiSpecTest {

    private static final Path SPEC = Path.of("../../shared/protocols/specs/openai/openapi.yaml");
    private static JsonNode document;

    @StartStop
    final MockWebServer server = new MockWebServer();

    @BeforeAll
    static void loadSpec() throws Exception {
        Path spec = Files.exists(SPEC) ? SPEC : Path.of("../shared/protocols/specs/openai/openapi.yaml");
        if (!Files.exists(spec)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) throw new AssertionError("OpenAI spec missing at " + SPEC.toAbsolutePath());
            Assumptions.abort("OpenAI spec not found at " + SPEC.toAbsolutePath() + "; skipping spec validation");
        }
        document = new ObjectMapper(new YAMLFactory()).readTree(spec.toFile());
    }

    private static Schema schema(String component) {
        ObjectNode root = document.deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/components/schemas/" + component);
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://tickettriage.dev/openai/openapi.json"), root);
    }

    private static OpenAiTransport transport() {
        return transport(new ChatCompletionsApi(new ObjectMapper()));
    }

    static OpenAiTransport transport(WireApi api) {
        return new OpenAiTransport(new OkHttpClient(), new OpenAiTransport.Settings("OpenAI",
                HttpUrl.get("http://localhost/v1/" + api.path()), api, "gpt-4o-mini", null, OpenAiTransport.Auth.BEARER, null, null, 7L,
                true, true, 1024), new RequestLimiter(new RequestLimiter.Limits(1, 0, 0),
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(), System::nanoTime), java.time.Clock.systemUTC());
    }

    @Test
    void should_send_single_batch_and_repair_requests_that_follow_the_spec() {
        Schema request = schema("CreateChatCompletionRequest");
        TriagePrompt prompt = TriagePrompt.of(OpenAiFixtures.TAXONOMY);
        TriagePrompt.TicketText ticket = new TriagePrompt.TicketText("Refund", "I was charged twice", "EMAIL");
        var single = prompt.single(ticket);
        var batch = prompt.batch(List.of(ticket, ticket, ticket));
        var repair = prompt.repair(single, "{\"category\":\"nope\"}", "category 'nope' is not one of the allowed labels");
        OpenAiTransport transport = transport();

        for (String body : List.of(transport.body(single, true, true), transport.body(batch, true, true), transport.body(repair, true, false),
                transport.body(single, false, false))) {
            List<Error> errors = request.validate(OpenAiFixtures.read(body));
            assertThat(errors).as("request %s", body.substring(0, Math.min(200, body.length()))).isEmpty();
        }
    }

    @Test
    void should_reject_a_request_the_spec_forbids() {
        ObjectNode broken = (ObjectNode) OpenAiFixtures.read(transport().body(TriagePrompt.of(OpenAiFixtures.TAXONOMY)
                .single(new TriagePrompt.TicketText("", "x", "WEB")), true, true));
        broken.remove("model");

        assertThat(schema("CreateChatCompletionRequest").validate(broken)).isNotEmpty();
    }

    @Test
    void should_parse_response_fixtures_that_follow_the_spec() {
        Schema response = schema("CreateChatCompletionResponse");
        com.fasterxml.jackson.databind.node.ArrayNode tokens = OpenAiFixtures.JSON.createArrayNode();
        ObjectNode token = tokens.addObject().put("token", "{}").put("logprob", -0.1);
        token.putArray("bytes").add(123).add(125);
        token.putArray("top_logprobs");
        for (String fixture : List.of(OpenAiFixtures.completion(OpenAiFixtures.answer("billing").toString()),
                OpenAiFixtures.completion("{\"category\":\"bi", "length", null), OpenAiFixtures.refusal("I can't help"),
                OpenAiFixtures.completion("{}", "stop", tokens),
                OpenAiFixtures.completion(OpenAiFixtures.batchAnswer(List.of("T1"), List.of("billing"))))) {
            assertThat(response.validate(OpenAiFixtures.read(fixture))).as("fixture %s", fixture).isEmpty();
        }
    }

    @Test
    void should_send_responses_api_requests_that_follow_the_spec() {
        Schema request = schema("CreateResponse");
        TriagePrompt prompt = TriagePrompt.of(OpenAiFixtures.TAXONOMY);
        TriagePrompt.TicketText ticket = new TriagePrompt.TicketText("Refund", "I was charged twice", "EMAIL");
        var single = prompt.single(ticket);
        var repair = prompt.repair(single, "{\"category\":\"nope\"}", "category 'nope' is not one of the allowed labels");
        OpenAiTransport transport = transport(new ResponsesApi(new ObjectMapper()));

        for (String body : List.of(transport.body(single, true, true), transport.body(prompt.batch(List.of(ticket, ticket)), true, true),
                transport.body(repair, true, false), transport.body(single, false, false))) {
            List<Error> errors = request.validate(OpenAiFixtures.read(body));
            assertThat(errors).as("request %s", body.substring(0, Math.min(200, body.length()))).isEmpty();
        }
        ObjectNode broken = (ObjectNode) OpenAiFixtures.read(transport.body(single, true, true));
        ((ObjectNode) broken.at("/text/format")).put("type", "json_schemaa");
        assertThat(request.validate(broken)).as("the schema catches a wrong text.format type").isNotEmpty();
    }

    @Test
    void should_parse_responses_api_fixtures_that_follow_the_spec() {
        Schema response = schema("Response");
        com.fasterxml.jackson.databind.node.ArrayNode tokens = OpenAiFixtures.JSON.createArrayNode();
        ObjectNode token = tokens.addObject().put("token", "{}").put("logprob", -0.1);
        token.putArray("bytes").add(123).add(125);
        token.putArray("top_logprobs");
        for (String fixture : List.of(OpenAiFixtures.response(OpenAiFixtures.answer("billing").toString(), "completed", null, null),
                OpenAiFixtures.response("{}", "completed", null, tokens),
                OpenAiFixtures.response("{\"category\":\"bi", "incomplete", "max_output_tokens", null),
                OpenAiFixtures.responseRefusal("I can't help"))) {
            assertThat(response.validate(OpenAiFixtures.read(fixture))).as("fixture %s", fixture).isEmpty();
        }
    }

    @Test
    void should_upload_batch_lines_and_create_batches_that_follow_the_spec() throws Exception {
        FakeBatchApi api = new FakeBatchApi(1, "completed");
        server.setDispatcher(api);
        try (OpenAiClassifier classifier = OpenAiClassifier.builder().apiKey(OpenAiFixtures.API_KEY).baseUrl(server.url("/v1/").toString()).build()) {
            classifier.batch().run(List.of(OpenAiFixtures.ticket(1, "I was charged twice"), OpenAiFixtures.ticket(2, "The app crashes")),
                    OpenAiFixtures.TAXONOMY, java.time.Duration.ofMillis(10), progress -> { });
        }

        Schema line = schema("CreateChatCompletionRequest");
        assertThat(api.uploadedLines).hasSize(2).allSatisfy(text -> {
            JsonNode input = OpenAiFixtures.read(text);
            assertThat(input.get("method").asText()).isEqualTo("POST");
            assertThat(input.get("url").asText()).isEqualTo("/v1/chat/completions");
            assertThat(line.validate(input.get("body"))).isEmpty();
        });
        assertThat(schema("CreateBatchRequest").validate(api.createRequests.get(0))).isEmpty();
        Schema batch = schema("Batch");
        for (String status : List.of("validating", "in_progress", "completed", "failed")) {
            assertThat(batch.validate(api.batch(status))).as("batch fixture %s", status).isEmpty();
        }
        assertThat(schema("OpenAIFile").validate(FakeBatchApi.file("file-out", "batch_output"))).isEmpty();
    }
}
