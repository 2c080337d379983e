package dev.tickettriage.llm;

import static dev.tickettriage.llm.AnswerParserTest.TAXONOMY;
import static dev.tickettriage.llm.AnswerParserTest.VALID;
import static dev.tickettriage.llm.LlmClassifierTest.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessageType;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.FieldChoice;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.RateLimitedException;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.ClassifierLimits;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;

/** {@link ChatModelClassifier} over a mocked LangChain4j ChatModel. */
class ChatModelClassifierTest {

    private static ChatResponse answer(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).tokenUsage(new TokenUsage(500, 60)).finishReason(FinishReason.STOP)
                .modelName("claude-test").id("msg_1").build();
    }

    private static ChatModel model(boolean jsonSchema) {
        ChatModel model = mock(ChatModel.class);
        when(model.supportedCapabilities()).thenReturn(jsonSchema ? Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA) : Set.of());
        return model;
    }

    private static List<ChatRequest> sent(ChatModel model, int count) {
        ArgumentCaptor<ChatRequest> requests = ArgumentCaptor.forClass(ChatRequest.class);
        verify(model, times(count)).chat(requests.capture());
        return requests.getAllValues();
    }

    @Test
    void should_classify_and_map_usage_model_name_and_cost() {
        ChatModel model = model(false);
        when(model.chat(any(ChatRequest.class))).thenReturn(answer(VALID));

        Classification result = ChatModelClassifier.builder(model).name("anthropic").price(TokenPrice.of("3", "15")).build()
                .classify(ticket(1, "I was charged twice"), TAXONOMY);

        assertThat(result.category()).isEqualTo(Category.of("billing"));
        assertThat(result.provenance().classifier()).isEqualTo("anthropic");
        assertThat(result.provenance().modelName()).contains("claude-test");
        assertThat(result.provenance().tokenUsage()).isEqualTo(new dev.tickettriage.domain.TokenUsage(500, 60));
        assertThat(result.provenance().cost()).contains(new BigDecimal("0.0024"));
        ChatRequest request = sent(model, 1).get(0);
        assertThat(request.messages()).extracting(m -> m.type()).containsExactly(ChatMessageType.SYSTEM, ChatMessageType.USER);
        assertThat(((UserMessage) request.messages().get(1)).singleText()).endsWith("</ticket_data>");
    }

    @Test
    void should_pass_the_schema_as_response_format_when_the_model_supports_it() {
        ChatModel model = model(true);
        when(model.chat(any(ChatRequest.class))).thenReturn(answer(VALID));

        ChatModelClassifier classifier = ChatModelClassifier.builder(model).build();
        classifier.classify(ticket(1, "I was charged twice"), TAXONOMY);

        assertThat(classifier.sendsStructuredOutput()).isTrue();
        ChatRequest request = sent(model, 1).get(0);
        assertThat(request.responseFormat().type()).isEqualTo(ResponseFormatType.JSON);
        assertThat(request.responseFormat().jsonSchema().name()).isEqualTo(OutputSchema.SINGLE_NAME);
        JsonObjectSchema root = (JsonObjectSchema) request.responseFormat().jsonSchema().rootElement();
        assertThat(root.required()).containsAll(OutputSchema.BUILT_IN_KEYS);
        assertThat(root.additionalProperties()).isFalse();
        assertThat(((JsonEnumSchema) root.properties().get("category")).enumValues())
                .containsExactlyElementsOf(TAXONOMY.categories().stream().map(Category::id).toList());
    }

    @Test
    void should_send_no_response_format_when_the_model_lacks_the_capability() {
        ChatModel model = model(false);
        when(model.chat(any(ChatRequest.class))).thenReturn(answer("Here you go:\n```json\n" + VALID + "\n```"));

        Classification result = ChatModelClassifier.builder(model).build().classify(ticket(1, "I was charged twice"), TAXONOMY);

        assertThat(result.category()).isEqualTo(Category.of("billing"));
        assertThat(sent(model, 1).get(0).responseFormat()).isNull();
    }

    @Test
    void should_convert_optional_custom_fields_to_nullable_schemas() {
        Taxonomy withFields = TAXONOMY.toBuilder().field(FieldDefinition.oneOf("plan", "The customer's plan",
                FieldChoice.of("free", "Free tier"), FieldChoice.of("pro", "Paid"))).build();

        JsonObjectSchema root = (JsonObjectSchema) ChatModelTransport.convert(OutputSchema.single(withFields).toString());

        assertThat(root.required()).contains("plan");
        assertThat(root.properties().get("plan")).isInstanceOfSatisfying(JsonAnyOfSchema.class, plan -> {
            assertThat(plan.anyOf()).hasSize(2);
            assertThat(((JsonEnumSchema) plan.anyOf().get(0)).enumValues()).containsExactly("free", "pro");
        });
    }

    @Test
    void should_stop_sending_the_schema_when_the_model_rejects_it() {
        ChatModel model = model(true);
        when(model.chat(any(ChatRequest.class))).thenThrow(new UnsupportedFeatureException("JSON schema is not supported")).thenReturn(answer(VALID));

        ChatModelClassifier classifier = ChatModelClassifier.builder(model).build();
        assertThat(classifier.classify(ticket(1, "x"), TAXONOMY).category()).isEqualTo(Category.of("billing"));

        assertThat(classifier.sendsStructuredOutput()).isFalse();
        assertThat(sent(model, 2).get(1).responseFormat()).isNull();
    }

    @Test
    void should_repair_a_label_outside_the_taxonomy_once() {
        ChatModel model = model(false);
        when(model.chat(any(ChatRequest.class))).thenReturn(answer(VALID.replace("billing", "refunds")), answer(VALID));

        assertThat(ChatModelClassifier.builder(model).build().classify(ticket(1, "x"), TAXONOMY).category()).isEqualTo(Category.of("billing"));

        List<ChatRequest> requests = sent(model, 2);
        assertThat(requests.get(1).messages()).hasSizeGreaterThan(2);
        assertThat(requests.get(1).messages()).anySatisfy(m -> assertThat(m.type()).isEqualTo(ChatMessageType.AI));
    }

    @Test
    void should_fail_with_the_raw_output_when_the_repair_is_invalid_too() {
        ChatModel model = model(false);
        when(model.chat(any(ChatRequest.class))).thenReturn(answer("{\"category\": \"nope\""), answer("still { not json"));

        assertThatThrownBy(() -> ChatModelClassifier.builder(model).build().classify(ticket(1, "x"), TAXONOMY))
                .isInstanceOfSatisfying(ModelOutputException.class, e -> {
                    assertThat(e.rawOutput()).contains("still { not json");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"I'm sorry, but I can't help with that request.", "I\u2019m sorry, I can\u2019t classify this.",
            "I cannot assist with that."})
    void should_report_a_plain_text_apology_as_a_refusal(String apology) {
        ChatModel model = model(false);
        when(model.chat(any(ChatRequest.class))).thenReturn(answer(apology));

        assertThatThrownBy(() -> ChatModelClassifier.builder(model).build().classify(ticket(1, "x"), TAXONOMY))
                .isInstanceOfSatisfying(ModelOutputException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelOutputException.Kind.REFUSAL);
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void should_report_a_content_filter_without_repairing() {
        ChatModel model = model(false);
        when(model.chat(any(ChatRequest.class))).thenThrow(new ContentFilteredException("blocked"));

        assertThatThrownBy(() -> ChatModelClassifier.builder(model).build().classify(ticket(1, "x"), TAXONOMY))
                .isInstanceOfSatisfying(ModelOutputException.class, e -> assertThat(e.kind()).isEqualTo(ModelOutputException.Kind.CONTENT_FILTER));
        sent(model, 1);
    }

    @Test
    void should_map_langchain4j_failures() {
        ChatModel limited = model(false);
        when(limited.chat(any(ChatRequest.class))).thenThrow(new RateLimitException("429 too many requests"));
        ChatModel down = model(false);
        when(down.chat(any(ChatRequest.class))).thenThrow(new InternalServerException("500"));
        ChatModel denied = model(false);
        when(denied.chat(any(ChatRequest.class))).thenThrow(new AuthenticationException("bad key sk-secret"));

        assertThatThrownBy(() -> ChatModelClassifier.builder(limited).build().classify(ticket(1, "x"), TAXONOMY)).isInstanceOf(RateLimitedException.class);
        assertThatThrownBy(() -> ChatModelClassifier.builder(down).build().classify(ticket(1, "x"), TAXONOMY))
                .isInstanceOfSatisfying(ClassificationException.class, e -> assertThat(e.retryable()).isTrue());
        assertThatThrownBy(() -> ChatModelClassifier.builder(denied).build().classify(ticket(1, "x"), TAXONOMY))
                .isInstanceOfSatisfying(ClassificationException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessageNotContaining("sk-secret");
                });
    }

    @Test
    void should_classify_a_batch_in_one_call_and_run_calls_on_the_given_executor() throws Exception {
        ChatModel model = model(false);
        String batch = "{\"results\":[" + VALID.replace("{\"category\"", "{\"ticket_id\":\"T1\",\"category\"") + ","
                + VALID.replace("{\"category\"", "{\"ticket_id\":\"T2\",\"category\"") + "]}";
        when(model.chat(any(ChatRequest.class))).thenReturn(answer(batch));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            List<ClassificationResult> results = ChatModelClassifier.builder(model).limits(ClassifierLimits.remote(2, 2)).build()
                    .classifyAllAsync(List.of(ticket(1, "a"), ticket(2, "b")), TAXONOMY, executor).toCompletableFuture().get();

            assertThat(results).extracting(ClassificationResult::isSuccess).containsExactly(true, true);
            sent(model, 1);
        } finally {
            executor.shutdownNow();
        }
    }
}
