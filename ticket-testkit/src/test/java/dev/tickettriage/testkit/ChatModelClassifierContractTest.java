package dev.tickettriage.testkit;

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
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;

/** The classifier contract for {@link ChatModelClassifier} over a fake LangChain4j ChatModel, with and without JSON-schema support, single and batched. */
class ChatModelClassifierContractTest {

    static final String POISON = "poisoned ticket 7f3a";

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
            String answer = LlmAnswers.answerFor(user, ticket -> ticket.path("body").asText().contains(POISON) ? PromptInjection.FOREIGN_LABEL : label);
            if (!jsonSchema) answer = "```json\n" + answer + "\n```";   // prompt-only models wrap their JSON
            return ChatResponse.builder().aiMessage(AiMessage.from(answer)).tokenUsage(new TokenUsage(300, 50)).build();
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
