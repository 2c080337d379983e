package dev.tickettriage.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Model answers in the shape of {@code dev.tickettriage.llm.OutputSchema}, for fake LLM servers and fake chat models
 * in tests: one ticket's answer, a batch answer, and the answer to a whole triage request (single or batch, read
 * from its {@code <ticket_data>}). Stateless.
 */
public final class LlmAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LlmAnswers() {
    }

    /** A complete, valid answer with {@code category}: NEGATIVE (0.8), HIGH (0.7), English, category confidence 0.91. */
    public static ObjectNode answer(String category) {
        Objects.requireNonNull(category, "category");
        ObjectNode answer = JSON.createObjectNode();
        answer.put("category", category).put("category_confidence", 0.91).put("sentiment", "NEGATIVE").put("sentiment_confidence", 0.8)
                .put("priority", "HIGH").put("priority_confidence", 0.7).put("language", "en").put("summary", "Customer was charged twice")
                .put("suggested_reply", "Sorry about that, we are refunding you.");
        answer.putArray("key_topics").add("refund");
        answer.putArray("action_items").add("issue refund");
        answer.put("rationale", "Mentions a double charge");
        return answer;
    }

    /** A batch answer {@code {"results": [{"ticket_id": ref, ...answer(category)}]}}, item i for {@code refs.get(i)}. */
    public static String batchAnswer(List<String> refs, List<String> categories) {
        if (refs.size() != categories.size()) throw new IllegalArgumentException("refs and categories must have the same size");
        ObjectNode root = JSON.createObjectNode();
        ArrayNode results = root.putArray("results");
        for (int i = 0; i < refs.size(); i++) results.addObject().put("ticket_id", refs.get(i)).setAll(answer(categories.get(i)));
        return root.toString();
    }

    /**
     * The answer to a triage request whose user message is {@code userMessage}: one answer when it carries one ticket,
     * a batch answer when it carries several; {@code labelFor} picks each ticket's category from its data
     * ({@code body}, {@code subject}, {@code ticket_id} ...).
     */
    public static String answerFor(String userMessage, Function<JsonNode, String> labelFor) {
        JsonNode data;
        try {
            data = JSON.readTree(PromptInjection.ticketData(userMessage));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!data.isArray()) return answer(labelFor.apply(data)).toString();
        List<String> refs = new java.util.ArrayList<>();
        List<String> labels = new java.util.ArrayList<>();
        for (JsonNode ticket : data) {
            refs.add(ticket.get("ticket_id").asText());
            labels.add(labelFor.apply(ticket));
        }
        return batchAnswer(refs, labels);
    }
}
