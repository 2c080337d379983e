/**
 * {@link dev.tickettriage.openai.OpenAiClassifier}: classifies tickets with OpenAI Chat Completions (strict
 * Structured Outputs) or any OpenAI-compatible server (vLLM, Ollama, llama.cpp server, LM Studio, the HuggingFace
 * router), on the shared {@code dev.tickettriage.llm} logic. Wire DTOs and HTTP calls live in {@code .internal}.
 */
@NullMarked
package dev.tickettriage.openai;

import org.jspecify.annotations.NullMarked;
