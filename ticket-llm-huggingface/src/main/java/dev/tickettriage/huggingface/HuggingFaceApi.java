package dev.tickettriage.huggingface;

/** Which HuggingFace API a {@link HuggingFaceClassifier} calls. */
public enum HuggingFaceApi {
    /**
     * The Inference Providers router's OpenAI-compatible {@code /v1/chat/completions} with an instruct model
     * ({@code model} or {@code model:provider}); fills every field with the shared prompt and strict JSON schema.
     */
    ROUTER_CHAT,
    /**
     * The hosted task APIs of the hf-inference provider: zero-shot-classification with the taxonomy's labels as
     * candidates for the category, text-classification with a sentiment model for the sentiment; priority, language
     * and summary come from the local rule classifier.
     */
    TASKS,
    /** A self-hosted Text Generation Inference server's {@code /v1/chat/completions}, with TGI's grammar response format. */
    TGI_CHAT
}
