package dev.tickettriage.spring;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.tickettriage.spring.TicketTriageProperties.Assistant;

/** The assistant's LangChain4j OpenAI chat model; loaded only when langchain4j-open-ai is on the classpath. */
final class OpenAiChatModels {

    /** OpenAI's Chat Completions base URL, where no base-url is set. */
    static final String OPENAI_BASE_URL = "https://api.openai.com/v1";

    private OpenAiChatModels() {
    }

    static ChatModel create(Assistant settings) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .baseUrl(baseUrl(settings))
                .modelName(settings.getModel())
                .timeout(settings.getTimeout())
                .maxRetries(1)
                // request and response logs would carry the Authorization header's neighbours and ticket text
                .logRequests(false).logResponses(false);
        String key = settings.getApiKey();
        if (key != null && !key.isBlank()) builder.apiKey(key.strip());
        return builder.build();
    }

    static String baseUrl(Assistant settings) {
        return settings.getBaseUrl() != null ? settings.getBaseUrl().toString() : OPENAI_BASE_URL;
    }
}
