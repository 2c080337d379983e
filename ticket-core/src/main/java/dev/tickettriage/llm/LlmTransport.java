package dev.tickettriage.llm;

import java.util.concurrent.CompletionStage;

/**
 * Sends one {@link LlmRequest} to a model and completes with its {@link LlmReply}; the provider-specific part of an
 * LLM classifier (HTTP, auth, wire format, status mapping). Implementations must not block the caller: they complete
 * the stage from their own I/O threads. A failed call completes exceptionally with a {@link
 * dev.tickettriage.error.ClassificationException} (retryable or not; a {@link
 * dev.tickettriage.error.RateLimitedException} when throttled). Thread-safe.
 */
@FunctionalInterface
public interface LlmTransport {

    /** Sends {@code request}; never throws, failures complete the stage exceptionally. */
    CompletionStage<LlmReply> send(LlmRequest request);
}
