package dev.tickettriage.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.agent.TicketTools;
import dev.tickettriage.domain.NewTicket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The assistant's wiring, and the assistant itself against an OpenAI-compatible MockWebServer. */
class TicketAssistantAutoConfigurationTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "sk-assistant-test-secret-0123456789";

    @StartStop
    private final MockWebServer openai = new MockWebServer();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TicketTriageAutoConfiguration.class, TicketAssistantAutoConfiguration.class));

    /** A chat completion that asks for one tool call. */
    static MockResponse toolCall(String id, String tool, String arguments) {
        ObjectNode root = completion();
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "tool_calls");
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        message.putNull("content");
        ObjectNode call = message.putArray("tool_calls").addObject().put("id", id).put("type", "function");
        call.putObject("function").put("name", tool).put("arguments", arguments);
        return ok(root);
    }

    /** A chat completion with the final answer. */
    static MockResponse answer(String text) {
        ObjectNode root = completion();
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        return ok(root);
    }

    private static ObjectNode completion() {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-test").put("object", "chat.completion")
                .put("created", 1_767_225_600L).put("model", "gpt-4o-mini");
        root.putObject("usage").put("prompt_tokens", 120).put("completion_tokens", 12).put("total_tokens", 132);
        return root;
    }

    private static MockResponse ok(ObjectNode body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body.toString()).build();
    }

    private JsonNode nextRequest() throws Exception {
        RecordedRequest request = openai.takeRequest(10, TimeUnit.SECONDS);
        assertThat(request).as("a request to the model").isNotNull();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        return JSON.readTree(request.getBody().utf8());
    }

    private String[] modelProperties() {
        return new String[] {"ticket-triage.assistant.api-key=" + KEY, "ticket-triage.assistant.base-url=" + openai.url("/v1").uri()};
    }

    private static List<String> toolNames(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.get("tools").forEach(tool -> names.add(tool.get("function").get("name").asText()));
        return names;
    }

    @Test
    void should_build_no_assistant_without_a_model() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TicketAssistant.class).doesNotHaveBean(ChatModel.class));
        runner.withPropertyValues("ticket-triage.assistant.api-key=", "ticket-triage.assistant.base-url=")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TicketAssistant.class));
    }

    @Test
    void should_build_an_openai_model_and_assistant_from_a_key_and_mask_the_key() {
        runner.withPropertyValues("ticket-triage.assistant.api-key=" + KEY, "ticket-triage.assistant.max-tool-calls=3").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ChatModel.class)).isInstanceOf(OpenAiChatModel.class);
            TicketAssistant assistant = context.getBean(TicketAssistant.class);
            assertThat(assistant.maxToolCalls()).isEqualTo(3);
            assertThat(assistant.remembersConversations()).isFalse();
            assertThat(assistant.toString()).contains("gpt-4o-mini at https://api.openai.com/v1").doesNotContain(KEY);
            assertThat(context.getBean(TicketTriageProperties.class).toString()).doesNotContain(KEY);
        });
        runner.withPropertyValues("ticket-triage.assistant.api-key=" + KEY, "ticket-triage.assistant.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TicketAssistant.class));
    }

    @Test
    void should_use_the_hosts_chat_model_and_stay_away_without_langchain4j() {
        ChatModel own = new OpenAiChatModel.OpenAiChatModelBuilder().baseUrl("http://127.0.0.1:9/v1").modelName("own").build();
        runner.withBean("hostModel", ChatModel.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(TicketAssistant.class);
            assertThat(context.getBean(ChatModel.class)).isSameAs(own);
        });
        runner.withClassLoader(new FilteredClassLoader(AiServices.class)).withPropertyValues(modelProperties())
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(TicketTriage.class).doesNotHaveBean(TicketAssistant.class));
        runner.withClassLoader(new FilteredClassLoader(TicketTools.class)).withPropertyValues(modelProperties())
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TicketAssistant.class));
        runner.withClassLoader(new FilteredClassLoader(OpenAiChatModel.class)).withPropertyValues(modelProperties())
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("needs dev.langchain4j:langchain4j-open-ai"));
        runner.withClassLoader(new FilteredClassLoader(OpenAiChatModel.class)).withBean("hostModel", ChatModel.class, () -> own)
                .withPropertyValues(modelProperties())
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(TicketAssistant.class));
    }

    @Test
    void should_answer_with_a_tool_call_whose_result_goes_back_to_the_model() throws Exception {
        openai.enqueue(toolCall("call_1", "ticketStats", "{}"));
        openai.enqueue(answer("There are 2 tickets, both open."));
        runner.withPropertyValues(modelProperties()).run(context -> {
            TicketTriage triage = context.getBean(TicketTriage.class);
            triage.submit(NewTicket.of("My invoice is wrong"));
            triage.submit(NewTicket.of("The app crashes on start"));

            TicketAssistant.Answer answer = context.getBean(TicketAssistant.class).ask("How many tickets are there?");

            assertThat(answer.text()).isEqualTo("There are 2 tickets, both open.");
            assertThat(answer.toolCalls()).containsExactly("ticketStats");
            assertThat(answer.conversationId()).isEmpty();
            JsonNode first = nextRequest();
            assertThat(toolNames(first)).containsExactlyInAnyOrder("assignTicket", "changeTicketStatus", "createTicket",
                    "getTicket", "listTickets", "searchTickets", "ticketStats");
            assertThat(first.get("messages").get(0).get("role").asText()).isEqualTo("system");
            assertThat(first.get("messages").get(0).get("content").asText()).contains(TicketTools.DATA_NOTICE);
            assertThat(first.get("messages").get(1).get("content").asText()).isEqualTo("How many tickets are there?");
            JsonNode second = nextRequest();
            JsonNode toolResult = second.get("messages").get(3);
            assertThat(toolResult.get("role").asText()).isEqualTo("tool");
            assertThat(toolResult.get("tool_call_id").asText()).isEqualTo("call_1");
            assertThat(JSON.readTree(toolResult.get("content").asText()).get("total").asLong()).isEqualTo(2);
        });
    }

    @Test
    void should_refuse_tool_calls_past_the_limit_and_tell_the_model_to_answer() throws Exception {
        openai.enqueue(toolCall("call_1", "ticketStats", "{}"));
        openai.enqueue(toolCall("call_2", "listTickets", "{}"));
        openai.enqueue(answer("I could only count them."));
        runner.withPropertyValues(modelProperties()).withPropertyValues("ticket-triage.assistant.max-tool-calls=1").run(context -> {
            TicketAssistant.Answer answer = context.getBean(TicketAssistant.class).ask("List every ticket");
            assertThat(answer.toolCalls()).containsExactly("ticketStats");
            nextRequest();
            nextRequest();
            JsonNode third = nextRequest();
            ArrayNode messages = (ArrayNode) third.get("messages");
            assertThat(messages.get(messages.size() - 1).get("content").asText()).startsWith("Error: the limit of 1 tool calls");
        });
    }

    @Test
    void should_stop_a_model_that_never_stops_calling_tools() {
        for (int i = 0; i < 10; i++) openai.enqueue(toolCall("call_" + i, "ticketStats", "{}"));
        runner.withPropertyValues(modelProperties()).withPropertyValues("ticket-triage.assistant.max-tool-calls=1").run(context ->
                assertThatThrownBy(() -> context.getBean(TicketAssistant.class).ask("Count forever"))
                        .isInstanceOf(TicketAssistantException.class).hasMessageContaining("round trips"));
        assertThat(openai.getRequestCount()).isLessThanOrEqualTo(4);
    }

    @Test
    void should_turn_a_failed_model_call_into_an_assistant_exception_without_the_key() {
        openai.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\"}}").build());
        runner.withPropertyValues(modelProperties()).run(context ->
                assertThatThrownBy(() -> context.getBean(TicketAssistant.class).ask("Anything new?"))
                        .isInstanceOf(TicketAssistantException.class).hasMessageContaining("Incorrect API key provided")
                        .hasMessageNotContaining(KEY)
                        .satisfies(e -> assertThat(((TicketAssistantException) e).retryable()).isFalse()));
    }

    @Test
    void should_remember_a_conversation_by_the_id_it_returned() throws Exception {
        openai.enqueue(answer("Hello, how can I help?"));
        openai.enqueue(answer("You asked me to say hello."));
        openai.enqueue(answer("New conversation."));
        runner.withPropertyValues(modelProperties()).withPropertyValues("ticket-triage.assistant.memory=conversation").run(context -> {
            TicketAssistant assistant = context.getBean(TicketAssistant.class);
            TicketAssistant.Answer first = assistant.ask("Say hello");
            assertThat(first.conversationId()).isPresent();
            TicketAssistant.Answer second = assistant.ask("What did I ask?", "assistant:alice", first.conversationId().orElseThrow());
            assertThat(second.conversationId()).isEqualTo(first.conversationId());
            TicketAssistant.Answer third = assistant.ask("Hi", "assistant:alice", "forged-or-forgotten");
            assertThat(third.conversationId()).isPresent().isNotEqualTo(first.conversationId()).isNotEqualTo(java.util.Optional.of("forged-or-forgotten"));

            nextRequest();
            JsonNode followUp = nextRequest();
            assertThat(followUp.get("messages").toString()).contains("Say hello").contains("Hello, how can I help?");
            JsonNode fresh = nextRequest();
            assertThat(fresh.get("messages").toString()).doesNotContain("Say hello");
        });
    }

    @Test
    void should_reject_blank_and_overlong_questions_before_calling_the_model() {
        runner.withPropertyValues(modelProperties()).run(context -> {
            TicketAssistant assistant = context.getBean(TicketAssistant.class);
            assertThatThrownBy(() -> assistant.ask("  ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
            assertThatThrownBy(() -> assistant.ask("x".repeat(TicketAssistant.MAX_QUESTION_CHARS + 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 4000");
        });
        assertThat(openai.getRequestCount()).isZero();
    }
}
