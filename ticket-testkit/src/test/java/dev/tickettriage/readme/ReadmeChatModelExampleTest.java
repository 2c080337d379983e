package dev.tickettriage.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.llm.ChatModelClassifier;
import dev.tickettriage.llm.TokenPrice;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import dev.tickettriage.testkit.LlmAnswers;
import dev.tickettriage.testkit.TicketFixtures;
import org.junit.jupiter.api.Test;

/** The ChatModel example of README.md, compiled and run over a stand-in ChatModel. */
class ReadmeChatModelExampleTest {

    @Test
    void should_classify_through_any_chat_model() {
        String label = Taxonomy.defaultSupport().categories().get(0).id();
        String json = LlmAnswers.answer(label).toString();
        ChatModel anthropicOrAnyChatModel = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return ChatResponse.builder().aiMessage(AiMessage.from(json)).tokenUsage(new TokenUsage(1_000, 100)).build();
            }
        };

        // --- README.md: "LLM classifiers: HuggingFace and any LangChain4j ChatModel" ---
        ChatModel model = anthropicOrAnyChatModel;                            // built with LangChain4j as usual (maxRetries(0))
        Classifier claude = ChatModelClassifier.builder(model)
                .name("anthropic")                                            // provenance name
                .price(TokenPrice.of("3", "15"))                              // optional: USD per million input/output tokens
                .limits(ClassifierLimits.remote(8, 1))                        // calls in flight, tickets per call (defaults)
                .build();
        // --- end of README code ---

        Classification result = claude.classify(TicketFixtures.aTicket().build(), Taxonomy.defaultSupport());
        assertThat(result.category().id()).isEqualTo(label);
        assertThat(result.provenance().classifier()).isEqualTo("anthropic");
        assertThat(result.provenance().cost()).hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("0.0045"));
    }
}
