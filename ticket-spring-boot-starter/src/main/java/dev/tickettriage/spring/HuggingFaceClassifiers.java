package dev.tickettriage.spring;

import dev.tickettriage.huggingface.HuggingFaceApi;
import dev.tickettriage.huggingface.HuggingFaceClassifier;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.spring.TicketTriageProperties.HuggingFace;

/** Builds the HuggingFace classifier; loaded only when ticket-llm-huggingface is on the classpath. */
final class HuggingFaceClassifiers {

    private HuggingFaceClassifiers() {
    }

    static Classifier create(HuggingFace settings) {
        HuggingFaceClassifier.Builder builder = HuggingFaceClassifier.builder().limits(settings.getMaxInFlight(), 1)
                .api(switch (settings.getApi()) {
                    case CHAT -> HuggingFaceApi.ROUTER_CHAT;
                    case TASKS -> HuggingFaceApi.TASKS;
                    case TGI -> HuggingFaceApi.TGI_CHAT;
                });
        String token = settings.effectiveToken();
        if (token != null) builder.token(token);
        if (settings.getBaseUrl() != null) builder.baseUrl(settings.getBaseUrl());
        if (settings.getModel() != null && !settings.getModel().isBlank()) builder.model(settings.getModel());
        try {
            return builder.build();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("ticket-triage.classifier.huggingface: " + e.getMessage(), e);
        }
    }
}
