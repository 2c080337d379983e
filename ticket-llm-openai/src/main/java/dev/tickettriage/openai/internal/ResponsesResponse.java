package dev.tickettriage.openai.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The parts of the Responses API's {@code Response} object we read; unknown fields and item types are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponsesResponse(@Nullable String id, @Nullable String object, @Nullable String model, @Nullable String status,
                                @JsonProperty("incomplete_details") @Nullable Incomplete incompleteDetails,
                                @Nullable List<Item> output, @Nullable Usage usage) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Incomplete(@Nullable String reason) {
    }

    /** An output item: we read {@code type: message} items (reasoning and tool items are skipped). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(@Nullable String type, @Nullable String role, @Nullable List<Content> content) {
    }

    /** {@code output_text} (text, logprobs) or {@code refusal} (refusal). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Content(@Nullable String type, @Nullable String text, @Nullable String refusal, @Nullable List<Logprob> logprobs) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Logprob(@Nullable String token, @Nullable Double logprob) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Usage(@JsonProperty("input_tokens") long inputTokens, @JsonProperty("output_tokens") long outputTokens) {
    }
}
