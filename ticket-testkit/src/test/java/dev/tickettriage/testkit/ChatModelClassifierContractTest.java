package dev.tickettriage.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.llm.ChatModelClassifier;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;

/** The classifier contract for {@link ChatModelClassifier} over a fake LangChain4j ChatModel, with and without JSON-schema support, single and batched. */
class ChatModelClassifierContractTest {

    static final String POISON = "poisoned ticket 7f3a";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Answers every ticket with the first label (poisoned ones with a foreign label), singly or as a batch. */
    static final class FakeChatModel implements ChatModel {
        private final boolean jsonSchema;
        private final String label = Taxonomy.defaultSupport().categories().get(0).id();

        FakeChatModel(boolean jsonSchema) {
            this.jsonSchema = jsonSchema;
        }

        @Override
        public Set<Capability> supportedCapabilities() {
            return jsonSchema ? Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA) : Set.of();
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            String user = ((UserMessage) request.messages().get(1)).singleText();
            JsonNode data = read(PromptInjection.ticketData(user));
            String answer;
            if (data.isArray()) {
                ObjectNode root = JSON.createObjectNode();
                ArrayNode results = root.putArray("results");
                for (JsonNode ticket : data) results.addObject().put("ticket_id", ticket.get("ticket_id").asText()).setAll(answer(ticket));
                answer = root.toString();
            } else {
                answer = jsonSchema ? answer(data).toString() : "```json\n" + answer(data) + "\n```";
            }
            return ChatResponse.builder().aiMessage(AiMessage.from(answer)).tokenUsage(new TokenUsage(300, 50)).build();
        }

        private ObjectNode answer(JsonNode ticket) {
            ObjectNode answer = JSON.createObjectNode();
            answer.put("category", ticket.path("body").asText().contains(POISON) ? PromptInjection.FOREIGN_LABEL : label)
                    .put("category_confidence", 0.9).put("sentiment", "NEUTRAL").put("sentiment_confidence", 0.6)
                    .put("priority", "MEDIUM").put("priority_confidence", 0.6).put("language", "en").put("summary", "s")
                    .put("suggested_reply", "r").put("rationale", "why");
            answer.putArray("key_topics").add("t");
            answer.putArray("action_items").add("a");
            return answer;
        }

        private static JsonNode read(String json) {
            try {
                return JSON.readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    abstract static class Base extends ClassifierContract {
        @Override
        protected Optional<String> failingTicketBody() {
            return Optional.of("Please help: " + POISON);
        }
    }

    @Nested
    class WithJsonSchema extends Base {
        @Override
        protected Classifier newClassifier() {
            return ChatModelClassifier.builder(new FakeChatModel(true)).build();
        }
    }

    @Nested
    class PromptOnlyInBatchesOfFour extends Base {
        @Override
        protected Classifier newClassifier() {
            return ChatModelClassifier.builder(new FakeChatModel(false)).limits(ClassifierLimits.remote(4, 4)).build();
        }
    }
}
