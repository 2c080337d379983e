package dev.tickettriage.examples.micronaut;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code triage.openai.*}: the rule classifier (offline) unless {@code api-key} is set (application.properties
 * reads it from {@code OPENAI_API_KEY}); {@code base-url} points at any OpenAI-compatible server, {@code model}
 * picks the model.
 */
@ConfigurationProperties("triage.openai")
public record OpenAiProperties(@Nullable String apiKey, @Nullable String baseUrl, @Nullable String model) {

    @Override
    public String toString() {
        return "OpenAiProperties[apiKey=" + Settings.masked(apiKey) + ", baseUrl=" + baseUrl + ", model=" + model + "]";
    }
}
