package dev.tickettriage.spring;

import dev.tickettriage.openai.OpenAiClassifier;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.spring.TicketTriageProperties.Llm;

/** Builds the OpenAI (or OpenAI-compatible) classifier; loaded only when ticket-llm-openai is on the classpath. */
final class OpenAiClassifiers {

    private OpenAiClassifiers() {
    }

    static Classifier create(Llm llm) {
        OpenAiClassifier.Builder builder = OpenAiClassifier.builder().limits(llm.getMaxInFlight(), 1);
        String key = llm.getApiKey();
        if (key != null && !key.isBlank()) builder.apiKey(key);
        if (llm.getBaseUrl() != null) builder.baseUrl(llm.getBaseUrl());
        builder.model(llm.getModel() != null ? llm.getModel() : OpenAiClassifier.DEFAULT_MODEL.id());
        return builder.build();
    }
}
