package dev.tickettriage.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.agent.TicketTools;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.AuditEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code POST /api/assistant} against a MockWebServer that replays OpenAI Chat Completions answers: a tool call, then
 * the final answer. Checks what the model was sent (the tools, the untrusted-content notice, the tool's result) and
 * that the API key never reaches the logs, even at DEBUG.
 */
@SpringBootTest(properties = {
        "ticket-triage.store.type=memory",
        "ticket-triage.classifier.openai.api-key=", "ticket-triage.classifier.huggingface.token=",
        "ticket-triage.assistant.api-key=" + AssistantEndpointTest.KEY,
        "ticket-triage.assistant.model=gpt-test-tools",
        "logging.level.dev.langchain4j=DEBUG", "logging.level.dev.tickettriage=DEBUG"})
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class AssistantEndpointTest {

    static final String KEY = "sk-endpoint-test-secret-9876543210";
    static final ObjectMapper JSON = new ObjectMapper();
    static final MockWebServer OPENAI = new MockWebServer();

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) throws Exception {
        OPENAI.start();
        registry.add("ticket-triage.assistant.base-url", () -> OPENAI.url("/v1").toString());
    }

    @AfterAll
    static void stop() {
        OPENAI.close();
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    TicketTriage triage;

    /** Performs {@code call}, checks that the model call left the request thread, and returns its outcome. */
    ResultActions ask(MockHttpServletRequestBuilder call) throws Exception {
        MvcResult started = mvc.perform(call).andExpect(request().asyncStarted()).andReturn();
        return mvc.perform(asyncDispatch(started));
    }

    static MockResponse completion(ObjectNode message, String finishReason) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-test").put("object", "chat.completion")
                .put("created", 1_767_225_600L).put("model", "gpt-test-tools");
        root.putArray("choices").addObject().put("index", 0).put("finish_reason", finishReason).set("message", message);
        root.putObject("usage").put("prompt_tokens", 200).put("completion_tokens", 20).put("total_tokens", 220);
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(root.toString()).build();
    }

    static MockResponse toolCall(String tool, String arguments) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").putNull("content");
        ObjectNode call = message.putArray("tool_calls").addObject().put("id", "call_search").put("type", "function");
        call.putObject("function").put("name", tool).put("arguments", arguments);
        return completion(message, "tool_calls");
    }

    static MockResponse answer(String text) {
        return completion(JSON.createObjectNode().put("role", "assistant").put("content", text), "stop");
    }

    RecordedRequest take() throws InterruptedException {
        RecordedRequest request = OPENAI.takeRequest(10, TimeUnit.SECONDS);
        assertThat(request).as("a chat completions request").isNotNull();
        return request;
    }

    @Test
    void should_answer_with_the_ticket_tools_and_send_the_tool_result_back_to_the_model(CapturedOutput output) throws Exception {
        // given
        Ticket refund = triage.submit(NewTicket.builder().subject("Refund").body("Where is my refund for order 1182?").build());
        triage.submit(NewTicket.of("The app crashes when I open settings"));
        OPENAI.enqueue(toolCall("searchTickets", "{\"text\":\"refund\",\"limit\":5}"));
        OPENAI.enqueue(answer("One ticket mentions a refund: " + refund.id() + "."));

        // when
        ask(post("/api/assistant").contentType(MediaType.APPLICATION_JSON).header("X-Actor", "alice")
                        .content("{\"question\":\"Which tickets are about refunds?\"}"))
                // then
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.answer").value("One ticket mentions a refund: " + refund.id() + "."))
                .andExpect(jsonPath("$.toolCalls.length()").value(1))
                .andExpect(jsonPath("$.toolCalls[0]").value("searchTickets"));

        RecordedRequest first = take();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode sent = JSON.readTree(first.getBody().utf8());
        assertThat(sent.get("model").asText()).isEqualTo("gpt-test-tools");
        List<String> tools = new ArrayList<>();
        sent.get("tools").forEach(tool -> tools.add(tool.get("function").get("name").asText()));
        assertThat(tools).contains("searchTickets", "ticketStats", "getTicket", "listTickets");
        assertThat(sent.get("messages").get(0).get("role").asText()).isEqualTo("system");
        assertThat(sent.get("messages").get(0).get("content").asText()).contains(TicketTools.DATA_NOTICE);
        assertThat(sent.get("messages").get(1).get("content").asText()).isEqualTo("Which tickets are about refunds?");

        JsonNode second = JSON.readTree(take().getBody().utf8());
        JsonNode toolMessage = second.get("messages").get(3);
        assertThat(toolMessage.get("role").asText()).isEqualTo("tool");
        assertThat(toolMessage.get("tool_call_id").asText()).isEqualTo("call_search");
        JsonNode result = JSON.readTree(toolMessage.get("content").asText());
        assertThat(result.get("count").asInt()).isEqualTo(1);
        assertThat(result.get("tickets").get(0).get("id").asText()).isEqualTo(refund.id().toString());

        assertThat(output.getAll()).doesNotContain(KEY);
    }

    @Test
    void should_record_changes_the_model_makes_under_the_agents_actor() throws Exception {
        Ticket ticket = triage.submit(NewTicket.of("Please close my old ticket, it is solved"));
        OPENAI.enqueue(toolCall("assignTicket", "{\"ticketId\":\"" + ticket.id() + "\",\"assignee\":\"billing\"}"));
        OPENAI.enqueue(answer("Assigned to billing."));

        ask(post("/api/assistant").contentType(MediaType.APPLICATION_JSON).header("X-Actor", "bob")
                        .content("{\"question\":\"Assign " + ticket.id() + " to billing\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.toolCalls[0]").value("assignTicket"));

        take();
        take();
        assertThat(triage.find(ticket.id()).orElseThrow().assignee()).contains("billing");
        assertThat(triage.auditTrail(ticket.id())).extracting(AuditEntry::actor).contains("assistant:bob");
    }

    @Test
    void should_answer_502_problem_when_the_model_call_fails() throws Exception {
        OPENAI.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}").build());
        OPENAI.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}").build());

        ask(post("/api/assistant").contentType(MediaType.APPLICATION_JSON).content("{\"question\":\"Anything urgent?\"}"))
                .andExpect(status().isBadGateway())
                .andExpect(jsonPath("$.type").value("urn:ticket-triage:problem:assistant-failed"))
                .andExpect(jsonPath("$.retryable").value(true));
        take();
        take();   // one retry (maxRetries 1), then the failure
    }
}
