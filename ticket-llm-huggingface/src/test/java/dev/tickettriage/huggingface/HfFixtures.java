package dev.tickettriage.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.testkit.LlmAnswers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Test data written from the specs in ../shared/protocols/specs: HF task outputs ({@code [{label, score}]}, the
 * legacy zero-shot {@code {sequence, labels, scores}}, text-classification's {@code [[...]]}), HF chat-completion and
 * TGI {@code ChatCompletion} bodies, and HF/TGI error bodies.
 */
final class HfFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "hf_test_secret_0123456789";
    static final String ZERO_SHOT = "facebook/bart-large-mnli";
    static final String SENTIMENT = "cardiffnlp/twitter-roberta-base-sentiment-latest";

    static final Taxonomy TAXONOMY = Taxonomy.builder().version("support-test-1")
            .category("billing", "Charges, refunds, invoices", List.of("I was charged twice"), List.of("payments"))
            .category("technical", "Bugs, errors, outages", List.of("The app crashes"), List.of())
            .category("account_access", "Login, password, profile", List.of(), List.of())
            .category("other", "Anything else")
            .fallback("other")
            .build();

    private HfFixtures() {
    }

    static Ticket ticket(long number, String body) {
        return Ticket.builder().id(TicketId.of(new UUID(0, number))).createdAt(Instant.parse("2026-01-01T00:00:00Z")).body(body).build();
    }

    /** The current zero-shot shape: {@code [{label, score}]}, best first. */
    static String zeroShot(List<String> labels, List<Double> scores) {
        ArrayNode root = JSON.createArrayNode();
        for (int i = 0; i < labels.size(); i++) root.addObject().put("label", labels.get(i)).put("score", scores.get(i));
        return root.toString();
    }

    /** The legacy zero-shot shape: {@code {sequence, labels, scores}}. */
    static String legacyZeroShot(String sequence, List<String> labels, List<Double> scores) {
        ObjectNode root = JSON.createObjectNode().put("sequence", sequence);
        ArrayNode labelArray = root.putArray("labels");
        labels.forEach(labelArray::add);
        ArrayNode scoreArray = root.putArray("scores");
        scores.forEach(scoreArray::add);
        return root.toString();
    }

    /** Text-classification as the hosted API answers: one list per input, {@code [[{label, score}]]}. */
    static String sentiment(String negative, double neg, String neutral, double neu, String positive, double pos) {
        ArrayNode outer = JSON.createArrayNode();
        outer.add(read(zeroShot(List.of(negative, neutral, positive), List.of(neg, neu, pos))));
        return outer.toString();
    }

    static String loading(double estimatedSeconds) {
        return JSON.createObjectNode().put("error", "Model " + ZERO_SHOT + " is currently loading").put("estimated_time", estimatedSeconds).toString();
    }

    static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    static ObjectNode answer(String category) {
        return LlmAnswers.answer(category);
    }

    /**
     * A chat completion with {@code content}: valid for HF's chat-completion output spec and for TGI's
     * {@code ChatCompletion} (which requires {@code system_fingerprint}).
     */
    static String completion(String content) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-hf").put("object", "chat.completion").put("created", 1_767_225_600L)
                .put("model", "mistralai/Mistral-7B-Instruct-v0.2").put("system_fingerprint", "3.3.6-sha-db931fc");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        root.putObject("usage").put("prompt_tokens", 420).put("completion_tokens", 80).put("total_tokens", 500);
        return root.toString();
    }

    static MockResponse ok(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").addHeader("x-request-id", "req_ok_1").body(body).build();
    }

    static MockResponse status(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").addHeader("x-request-id", "req_" + code).body(body).build();
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
}
