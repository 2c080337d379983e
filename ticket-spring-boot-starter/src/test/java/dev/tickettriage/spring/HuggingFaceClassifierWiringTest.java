package dev.tickettriage.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.huggingface.HuggingFaceClassifier;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.testkit.LlmAnswers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The huggingface provider builds ticket-llm-huggingface's HuggingFaceClassifier on the API the properties name, and it classifies. */
class HuggingFaceClassifierWiringTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "hf_wiring_test_secret_0123456789";
    static final String ANGRY = "This is outrageous, I was charged twice for my invoice and nobody answers. Refund me now!";

    @StartStop
    private final MockWebServer hf = new MockWebServer();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TicketTriageAutoConfiguration.class));

    private void answer(java.util.function.Function<RecordedRequest, MockResponse> answers) {
        hf.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return answers.apply(request);
            }
        });
    }

    private static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static JsonNode body(RecordedRequest request) {
        try {
            return JSON.readTree(request.getBody().utf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OpenAI-style chat completion whose content is {@code content}. */
    private static String completion(String content) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-hf").put("object", "chat.completion")
                .put("created", 1_767_225_600L).put("model", "mistralai/Mistral-7B-Instruct-v0.2");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 400).put("completion_tokens", 80).put("total_tokens", 480);
        return root.toString();
    }

    private static Classification classified(TicketTriage triage) {
        Ticket ticket = triage.submit(NewTicket.builder().subject("Help").body(ANGRY).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> triage.find(ticket.id()).orElseThrow().processingState() == ProcessingState.PROCESSED);
        return triage.find(ticket.id()).orElseThrow().classification().orElseThrow();
    }

    @Test
    void should_build_the_router_chat_classifier_from_the_token_and_classify() {
        answer(request -> ok(completion(LlmAnswers.answer("billing").toString())));
        runner.withPropertyValues("ticket-triage.classifier.huggingface.token=" + TOKEN,
                        "ticket-triage.classifier.huggingface.base-url=" + hf.url("/v1").uri(),
                        "ticket-triage.classifier.huggingface.model=meta-llama/Llama-3.1-8B-Instruct:cerebras")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Classifier classifier = context.getBean(Classifier.class);
                    assertThat(classifier).isInstanceOf(HuggingFaceClassifier.class);
                    assertThat(classifier.toString()).contains("api=ROUTER_CHAT").contains("token=****").doesNotContain(TOKEN);

                    Classification classification = classified(context.getBean(TicketTriage.class));

                    assertThat(classification.category()).isEqualTo(Category.of("billing"));
                    assertThat(classification.provenance().classifier()).isEqualTo("huggingface");
                    RecordedRequest request = requests.get(0);
                    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
                    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
                    assertThat(body(request).get("model").asText()).isEqualTo("meta-llama/Llama-3.1-8B-Instruct:cerebras");
                });
    }

    @Test
    void should_build_the_task_classifier_for_api_tasks_and_classify_with_zero_shot_and_sentiment_models() {
        answer(request -> {
            if (request.getUrl().encodedPath().contains("twitter-roberta")) {
                return ok("[[{\"label\":\"negative\",\"score\":0.93},{\"label\":\"neutral\",\"score\":0.05},{\"label\":\"positive\",\"score\":0.02}]]");
            }
            ArrayNode scores = JSON.createArrayNode();
            ArrayNode labels = (ArrayNode) body(request).get("parameters").get("candidate_labels");
            double rest = 0.1 / Math.max(1, labels.size() - 1);
            scores.addObject().put("label", "billing").put("score", 0.9);
            labels.forEach(label -> {
                if (!label.asText().equals("billing")) scores.addObject().put("label", label.asText()).put("score", rest);
            });
            return ok(scores.toString());
        });
        runner.withPropertyValues("ticket-triage.classifier.provider=huggingface", "ticket-triage.classifier.huggingface.api=tasks",
                        "ticket-triage.classifier.huggingface.token=" + TOKEN,
                        "ticket-triage.classifier.huggingface.base-url=" + hf.url("/hf-inference").uri())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Classifier classifier = context.getBean(Classifier.class);
                    assertThat(classifier.name()).isEqualTo("huggingface-tasks");
                    assertThat(classifier.toString()).contains("api=TASKS").doesNotContain(TOKEN);

                    Classification classification = classified(context.getBean(TicketTriage.class));

                    assertThat(classification.category()).isEqualTo(Category.of("billing"));
                    assertThat(classification.sentiment()).isIn(Sentiment.NEGATIVE, Sentiment.VERY_NEGATIVE);
                    assertThat(requests).extracting(request -> request.getUrl().encodedPath()).contains(
                            "/hf-inference/models/" + HuggingFaceClassifier.DEFAULT_ZERO_SHOT_MODEL,
                            "/hf-inference/models/" + HuggingFaceClassifier.DEFAULT_SENTIMENT_MODEL);
                    assertThat(requests).allSatisfy(request -> assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN));
                });
    }

    @Test
    void should_build_the_tgi_classifier_without_a_token_and_refuse_tgi_without_a_base_url() {
        answer(request -> ok(completion(LlmAnswers.answer("billing").toString())));
        runner.withPropertyValues("ticket-triage.classifier.provider=huggingface", "ticket-triage.classifier.huggingface.api=tgi",
                        "ticket-triage.classifier.huggingface.base-url=" + hf.url("/").uri())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Classifier.class).name()).isEqualTo("huggingface-tgi");
                    assertThat(classified(context.getBean(TicketTriage.class)).category()).isEqualTo(Category.of("billing"));
                    assertThat(requests.get(0).getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
                    assertThat(requests.get(0).getHeaders().get("Authorization")).isNull();
                });
        runner.withPropertyValues("ticket-triage.classifier.provider=huggingface", "ticket-triage.classifier.huggingface.api=tgi",
                        "ticket-triage.classifier.huggingface.token=" + TOKEN)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("ticket-triage.classifier.huggingface.base-url"));
    }

    @Test
    void should_fail_clearly_without_the_huggingface_module() {
        runner.withClassLoader(new FilteredClassLoader(HuggingFaceClassifier.class))
                .withPropertyValues("ticket-triage.classifier.huggingface.token=" + TOKEN)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("needs dev.tickettriage:ticket-llm-huggingface"));
    }
}
