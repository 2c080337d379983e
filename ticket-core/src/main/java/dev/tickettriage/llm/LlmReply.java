package dev.tickettriage.llm;

import dev.tickettriage.domain.TokenUsage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A model's answer as a transport received it: the text content, a refusal (structured-output providers put a
 * safety refusal there instead of the content), why generation stopped, tokens used, token log-probabilities when
 * the provider returned them, the model that answered, and the provider's request id. Immutable.
 */
public final class LlmReply {

    private final @Nullable String content;
    private final @Nullable String refusal;
    private final FinishReason finishReason;
    private final TokenUsage usage;
    private final List<TokenLogprob> logprobs;
    private final @Nullable String model;
    private final @Nullable String requestId;

    private LlmReply(@Nullable String content, @Nullable String refusal, FinishReason finishReason, TokenUsage usage,
                     List<TokenLogprob> logprobs, @Nullable String model, @Nullable String requestId) {
        this.content = content;
        this.refusal = refusal;
        this.finishReason = Objects.requireNonNull(finishReason, "finishReason");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.logprobs = List.copyOf(logprobs);
        this.model = model;
        this.requestId = requestId;
    }

    /**
     * A reply.
     *
     * @param content  the answer text, or {@code null} when there is none
     * @param refusal  the refusal text, or {@code null}
     * @param logprobs per-token log-probabilities, empty when the provider returned none
     * @param model    the model that answered, or {@code null} when not reported
     * @param requestId the provider's request id, or {@code null}
     */
    public static LlmReply of(@Nullable String content, @Nullable String refusal, FinishReason finishReason, TokenUsage usage,
                              List<TokenLogprob> logprobs, @Nullable String model, @Nullable String requestId) {
        return new LlmReply(content, refusal, finishReason, usage, logprobs, model, requestId);
    }

    /** A plain text answer that ended normally, with no usage, logprobs, model or request id (tests, simple transports). */
    public static LlmReply ofText(String content) {
        return new LlmReply(Objects.requireNonNull(content, "content"), null, FinishReason.STOP, TokenUsage.NONE, List.of(), null, null);
    }

    public Optional<String> content() { return Optional.ofNullable(content); }

    public Optional<String> refusal() { return Optional.ofNullable(refusal); }

    public FinishReason finishReason() { return finishReason; }

    public TokenUsage usage() { return usage; }

    /** Token log-probabilities of the content, in order; empty when the provider returned none. */
    public List<TokenLogprob> logprobs() { return logprobs; }

    public Optional<String> model() { return Optional.ofNullable(model); }

    public Optional<String> requestId() { return Optional.ofNullable(requestId); }

    @Override
    public String toString() {
        return "LlmReply[finish=" + finishReason + ", chars=" + (content == null ? 0 : content.length()) + ", refused="
                + (refusal != null) + ", usage=" + usage + ", requestId=" + requestId + "]";
    }
}
