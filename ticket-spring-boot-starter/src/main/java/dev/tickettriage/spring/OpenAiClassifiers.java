package dev.tickettriage.spring;

import dev.tickettriage.openai.OpenAiClassifier;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.spring.TicketTriageProperties.Llm;

/** Builds the OpenAI-compatible classifier; loaded only when ticket-llm-openai is on the classpath. */
final class OpenAiClassifiers {

    /** The HuggingFace router's OpenAI-compatible endpoint. */
    static final String HUGGINGFACE_ROUTER = "https://router.huggingface.co/v1";
    static final String HUGGINGFACE_DEFAULT_MODEL = "mistralai/Mistral-7B-Instruct-v0.2";

    private OpenAiClassifiers() {
    }

    static Classifier create(boolean openai, Llm llm) {
        OpenAiClassifier.Builder builder = OpenAiClassifier.builder().limits(llm.getMaxInFlight(), 1);
        String key = llm.getApiKey();
        if (key != null && !key.isBlank()) builder.apiKey(key);
        if (openai) {
            if (llm.getBaseUrl() != null) builder.baseUrl(llm.getBaseUrl());
            builder.model(llm.getModel() != null ? llm.getModel() : OpenAiClassifier.DEFAULT_MODEL.id());
        } else {
            builder.baseUrl(llm.getBaseUrl() != null ? llm.getBaseUrl().toString() : HUGGINGFACE_ROUTER)
                    .name("huggingface", "HuggingFace")
                    .model(llm.getModel() != null ? llm.getModel() : HUGGINGFACE_DEFAULT_MODEL);
        }
        return builder.build();
    }
}
