package dev.tickettriage.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** {@code --provider huggingface} with {@code --hf-api chat|tasks|tgi}, end to end against fake HuggingFace servers. */
class HuggingFaceFlagsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STDIN = "{\"text\":\"I was charged twice, please refund\"}\n{\"text\":\"The app crashes on start\"}\n";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private List<JsonNode> lines(AppRun run) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().split("\n")) if (!line.isBlank()) lines.add(JSON.readTree(line));
        return lines;
    }

    /** Zero-shot: the first candidate wins; text-classification: negative. */
    private void fakeTasks() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                JsonNode body = read(request.getBody().utf8());
                ArrayNode answer = JSON.createArrayNode();
                if (request.getUrl().encodedPath().contains("sentiment")) {
                    answer.addArray().add(item("negative", 0.8)).add(item("neutral", 0.15)).add(item("positive", 0.05));
                } else {
                    JsonNode labels = body.at("/parameters/candidate_labels");
                    for (int i = 0; i < labels.size(); i++) answer.add(item(labels.get(i).asText(), i == 0 ? 0.9 : 0.1 / (labels.size() - 1)));
                }
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(answer.toString()).build();
            }
        });
    }

    private static ObjectNode item(String label, double score) {
        return JSON.createObjectNode().put("label", label).put("score", score);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void should_triage_with_the_hosted_task_apis() throws Exception {
        fakeTasks();

        AppRun run = AppRun.withEnv(Map.of("HF_TOKEN", "hf_secret_2"), STDIN, "--provider", "huggingface", "--hf-api", "tasks",
                "--base-url", server.url("/hf-inference").toString(), "--format", "jsonl", "-q", "-");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lines(run)).hasSize(2).allSatisfy(line -> {
            assertThat(line.get("status").asText()).isEqualTo("PROCESSED");
            assertThat(line.get("classifier").asText()).isEqualTo("huggingface-tasks");
        });
        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer hf_secret_2");
        assertThat(request.getUrl().encodedPath()).startsWith("/hf-inference/models/");
        assertThat(run.err()).doesNotContain("hf_secret_2");
    }

    @Test
    void should_imply_huggingface_when_only_the_api_is_named() {
        Options options = Options.parse(new String[] {"--hf-api", "tasks"});

        assertThat(options.provider()).isEqualTo(Options.Provider.HUGGINGFACE);
        assertThat(options.hfApi()).isEqualTo(Options.HfApi.TASKS);
        assertThat(Options.parse(new String[] {"--provider", "huggingface"}).hfApi()).isEqualTo(Options.HfApi.CHAT);
        assertThat(Options.USAGE).contains("--hf-api chat|tasks|tgi");
    }

    @Test
    void should_send_tgi_its_own_response_format_without_a_key() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(422).addHeader("Content-Type", "application/json")
                        .body("{\"error\":\"Input validation error\",\"error_type\":\"validation\"}").build();
            }
        });

        AppRun run = AppRun.withEnv(Map.of(), STDIN, "--provider", "huggingface", "--hf-api", "tgi", "--base-url", server.url("/").toString(),
                "--format", "jsonl", "-q", "-");

        assertThat(run.exitCode()).isNotEqualTo(QuickstartApp.USAGE);
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(read(request.getBody().utf8()).at("/response_format/type").asText()).isEqualTo("json");
    }

    @Test
    void should_reject_tgi_without_a_base_url_and_the_api_flag_for_other_providers() {
        assertThat(AppRun.withEnv(Map.of("HF_TOKEN", "hf_x"), STDIN, "--hf-api", "tgi", "-q", "-").exitCode()).isEqualTo(QuickstartApp.USAGE);
        assertThat(AppRun.withEnv(Map.of(), STDIN, "--provider", "openai", "--hf-api", "tasks", "-q", "-").exitCode()).isEqualTo(QuickstartApp.USAGE);
        assertThat(AppRun.withEnv(Map.of(), STDIN, "--hf-api", "images", "-q", "-").exitCode()).isEqualTo(QuickstartApp.USAGE);
        AppRun badModel = AppRun.withEnv(Map.of("HF_TOKEN", "hf_x"), STDIN, "--hf-api", "tasks", "--model", "bart:groq", "-q", "-");
        assertThat(badModel.exitCode()).isEqualTo(QuickstartApp.USAGE);
        assertThat(badModel.err()).contains("Hub model id");
        assertThat(server.getRequestCount()).isZero();
    }
}
