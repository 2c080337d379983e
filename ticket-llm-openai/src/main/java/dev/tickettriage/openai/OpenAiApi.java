package dev.tickettriage.openai;

/**
 * Which OpenAI wire API {@link OpenAiClassifier} speaks. Both carry the same prompt, strict output schema and
 * validation; they differ on the wire (see the module README):
 *
 * <ul>
 *   <li>{@link #CHAT_COMPLETIONS} (default): {@code POST chat/completions}, {@code response_format.json_schema},
 *       {@code logprobs: true}, {@code seed}, {@code max_completion_tokens}; what every OpenAI-compatible server
 *       (vLLM, Ollama, llama.cpp, LM Studio, OpenRouter, Groq, the HuggingFace router) speaks.</li>
 *   <li>{@link #RESPONSES}: {@code POST responses}, the messages as {@code input} items, structured output under
 *       {@code text.format} (flat), log-probabilities only through {@code include:
 *       ["message.output_text.logprobs"]}, {@code max_output_tokens}, {@code store: false}, no seed; usage as
 *       {@code input_tokens}/{@code output_tokens}. What OpenAI recommends for new work.</li>
 * </ul>
 */
public enum OpenAiApi {
    CHAT_COMPLETIONS,
    RESPONSES
}
