package dev.tickettriage.openai.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The parts of {@code CreateChatCompletionResponse} we read; unknown fields (Azure filter results, ...) are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionResponse(@Nullable String id, @Nullable String model, @Nullable List<Choice> choices, @Nullable Usage usage) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Choice(int index, @Nullable Message message, @JsonProperty("finish_reason") @Nullable String finishReason,
                         @Nullable Logprobs logprobs) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(@Nullable String role, @Nullable String content, @Nullable String refusal,
                          @JsonProperty("reasoning_content") @Nullable String reasoningContent) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Logprobs(@Nullable List<TokenLogprob> content) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TokenLogprob(@Nullable String token, @Nullable Double logprob) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(@JsonProperty("prompt_tokens") long promptTokens, @JsonProperty("completion_tokens") long completionTokens) {
    }
}
