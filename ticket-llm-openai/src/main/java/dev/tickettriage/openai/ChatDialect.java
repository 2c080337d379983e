package dev.tickettriage.openai;

/**
 * The flavour of Chat Completions a server speaks, where OpenAI-compatible servers differ from OpenAI itself: the
 * name of the output token limit and the shape of {@code response_format}. Everything else (messages, temperature,
 * seed, logprobs, the response) is the same.
 */
public enum ChatDialect {
    /** OpenAI today: {@code max_completion_tokens}, {@code response_format: {type: json_schema, json_schema: {name, strict, schema}}}. */
    OPENAI,
    /**
     * Servers whose schema predates {@code max_completion_tokens} (the HuggingFace router's chat-completion spec, many
     * compatible servers): {@code max_tokens}, and the same {@code json_schema} response format as OpenAI.
     */
    OPENAI_MAX_TOKENS,
    /**
     * HuggingFace Text Generation Inference: {@code max_tokens}, and TGI's own grammar shape {@code response_format:
     * {type: json, value: <schema>}} (TGI 2.1 and later; an OpenAI-shaped {@code response_format} is rejected there).
     */
    TGI
}
