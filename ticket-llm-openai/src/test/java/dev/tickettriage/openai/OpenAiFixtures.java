package dev.tickettriage.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.testkit.LlmAnswers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** Test data: taxonomy, answers and chat.completion bodies written from the spec's CreateChatCompletionResponse. */
final class OpenAiFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String API_KEY = "sk-test-secret-0123456789";

    static final Taxonomy TAXONOMY = Taxonomy.builder().version("support-test-1")
            .category("billing", "Charges, refunds, invoices", List.of("I was charged twice"), List.of("payments"))
            .category("technical", "Bugs, errors, outages", List.of("The app crashes"), List.of())
            .category("account", "Login, password, profile", List.of(), List.of())
            .category("other", "Anything else")
            .fallback("other")
            .build();

    private OpenAiFixtures() {
    }

    static Ticket ticket(long number, String body) {
        return Ticket.builder().id(TicketId.of(new UUID(0, number))).createdAt(Instant.parse("2026-01-01T00:00:00Z")).body(body).build();
    }

    static ObjectNode answer(String category) {
        return LlmAnswers.answer(category);
    }

    static String batchAnswer(List<String> refs, List<String> categories) {
        return LlmAnswers.batchAnswer(refs, categories);
    }

    /** A chat.completion body with {@code content} as the assistant message. */
    static String completion(String content) {
        return completion(content, "stop", null);
    }

    static String completion(String content, String finishReason, ArrayNode logprobs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 1_767_225_600L).put("model", "gpt-4o-mini-2024-07-18");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (content == null) message.putNull("content"); else message.put("content", content);
        message.putNull("refusal");
        if (logprobs == null) choice.putNull("logprobs");
        else {
            ObjectNode lp = choice.putObject("logprobs");
            lp.set("content", logprobs);
            lp.putNull("refusal");
        }
        choice.put("finish_reason", finishReason);
        root.putObject("usage").put("prompt_tokens", 420).put("completion_tokens", 80).put("total_tokens", 500);
        return root.toString();
    }

    static String refusal(String text) {
        ObjectNode root = (ObjectNode) read(completion(null));
        ObjectNode message = (ObjectNode) root.at("/choices/0/message");
        message.put("refusal", text);
        return root.toString();
    }

    static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").addHeader("x-request-id", "req_ok_1").body(body).build();
    }

    static MockResponse error(int code, String type, String errorCode, String message) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error").put("message", message).put("type", type);
        error.putNull("param");
        if (errorCode == null) error.putNull("code"); else error.put("code", errorCode);
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").addHeader("x-request-id", "req_err_" + code)
                .body(root.toString()).build();
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode body(RecordedRequest request) {
        return read(request.getBody().utf8());
    }

    static String resource(String path) {
        try (InputStream in = OpenAiFixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) throw new IllegalStateException("missing test resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Responses API {@code response} object (written from the spec's {@code Response}) with {@code text} as output_text. */
    static String response(String text, String status, String incompleteReason, ArrayNode logprobs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "resp_test").put("object", "response").put("created_at", 1_767_225_600L).put("status", status);
        root.putNull("error");
        if (incompleteReason == null) root.putNull("incomplete_details");
        else root.putObject("incomplete_details").put("reason", incompleteReason);
        root.putNull("instructions");
        root.putObject("metadata");
        root.put("model", "gpt-4o-mini-2024-07-18");
        ArrayNode output = root.putArray("output");
        ObjectNode reasoning = output.addObject().put("type", "reasoning").put("id", "rs_1");
        reasoning.putArray("summary");
        ObjectNode message = output.addObject().put("type", "message").put("id", "msg_1").put("status", "completed").put("role", "assistant");
        ArrayNode content = message.putArray("content");
        if (text != null) {
            ObjectNode part = content.addObject().put("type", "output_text").put("text", text);
            part.putArray("annotations");
            if (logprobs != null) part.set("logprobs", logprobs); else part.putArray("logprobs");
        }
        root.put("parallel_tool_calls", true).put("temperature", 0).put("top_p", 1.0).putNull("tool_choice").putArray("tools");
        root.put("tool_choice", "auto");
        ObjectNode usage = root.putObject("usage").put("input_tokens", 410).put("output_tokens", 70).put("total_tokens", 480);
        usage.putObject("input_tokens_details").put("cached_tokens", 384).put("cache_write_tokens", 0);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        return root.toString();
    }

    /** A Responses API object whose assistant message is a refusal. */
    static String responseRefusal(String refusal) {
        ObjectNode root = (ObjectNode) read(response(null, "completed", null, null));
        ObjectNode part = ((ArrayNode) root.at("/output/1/content")).addObject();
        part.put("type", "refusal").put("refusal", refusal);
        return root.toString();
    }
}
