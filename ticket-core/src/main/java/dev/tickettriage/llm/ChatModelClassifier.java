package dev.tickettriage.llm;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Classifier} over any LangChain4j {@link ChatModel} (OpenAI, Anthropic, Gemini, Ollama, Bedrock, Azure,
 * Mistral ...), with the same prompt, strict schema, robust parser, one repair attempt, batching with per-ticket
 * fallback and PII redaction as the HTTP adapters ({@link LlmClassifier}).
 *
 * <pre>{@code
 * ChatModel model = AnthropicChatModel.builder().apiKey(key).modelName("claude-sonnet-4-5").build();
 * Classifier classifier = ChatModelClassifier.builder(model).name("anthropic").build();
 * }</pre>
 *
 * <p>When the model lists {@link Capability#RESPONSE_FORMAT_JSON_SCHEMA} in {@code supportedCapabilities()}, each
 * request carries the output schema as a {@code ResponseFormat} JSON schema; otherwise the prompt alone asks for JSON
 * and the parser copes with fences, preambles and {@code <think>} blocks. Tokens come from the response's
 * {@code TokenUsage} (and a cost when a {@link TokenPrice} is set); the model name and response id from its metadata.
 * A plain-text apology instead of JSON counts as a refusal. LangChain4j's {@code RateLimitException} pauses the
 * classifier ({@link dev.tickettriage.error.RateLimitedException}, 1 s: LangChain4j does not pass on Retry-After),
 * its retriable exceptions are retryable and its non-retriable ones permanent.
 *
 * <p>A {@code ChatModel} blocks: {@link #classifyAllAsync} runs the calls on the pipeline's executor (one task per
 * ticket with a batch size of 1), so the pipeline's in-flight limit is the number of concurrent model calls. Retries
 * belong to the pipeline: configure the model with {@code maxRetries(0)} to avoid retrying twice. Immutable and
 * thread-safe when the model is.
 */
public final class ChatModelClassifier implements Classifier {

    public static final String DEFAULT_NAME = "chat-model";
    /** 8 calls in flight, one ticket per call. */
    public static final ClassifierLimits DEFAULT_LIMITS = ClassifierLimits.remote(8, 1);

    private final LlmClassifier delegate;
    private final ChatModelTransport transport;
    private final String description;

    private ChatModelClassifier(Builder builder) {
        this.transport = new ChatModelTransport(builder.model, builder.structuredOutput, builder.temperature, builder.clock);
        this.delegate = builder.llm.clock(builder.clock).build(transport);
        this.description = "ChatModelClassifier[name=" + delegate.name() + ", model=" + builder.model.getClass().getSimpleName()
                + ", structuredOutput=" + transport.sendsStructuredOutput() + ", limits=" + delegate.limits() + "]";
    }

    /** A builder over {@code model}. */
    public static Builder builder(ChatModel model) {
        return new Builder(model);
    }

    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        return delegate.classify(ticket, taxonomy);
    }

    @Override
    public List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
        return delegate.classifyAll(tickets, taxonomy);
    }

    /** Runs the blocking model calls on {@code executor}, one task per ticket when the batch size is 1. */
    @Override
    public CompletionStage<List<ClassificationResult>> classifyAllAsync(List<Ticket> tickets, Taxonomy taxonomy, Executor executor) {
        return Classifier.super.classifyAllAsync(tickets, taxonomy, executor);
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public ClassifierLimits limits() {
        return delegate.limits();
    }

    /** Whether requests carry the JSON-schema response format (the model supports it and has not rejected it). */
    public boolean sendsStructuredOutput() {
        return transport.sendsStructuredOutput();
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * Builds a {@link ChatModelClassifier}; not thread-safe. The shared options (name, model name, limits, redaction,
     * price, body length) are {@link LlmClassifier.Builder}'s, with the same defaults except the name and limits.
     */
    public static final class Builder {
        private final ChatModel model;
        private final LlmClassifier.Builder llm = LlmClassifier.builder().name(DEFAULT_NAME).limits(DEFAULT_LIMITS);
        private boolean structuredOutput = true;
        private @Nullable Double temperature;
        private Clock clock = Clock.systemUTC();

        private Builder(ChatModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** The name in provenance and logs (default {@value #DEFAULT_NAME}), such as {@code anthropic}. */
        public Builder name(String value) {
            llm.name(value);
            return this;
        }

        /** The model name recorded when the response names none (default none). */
        public Builder modelName(String value) {
            llm.model(value);
            return this;
        }

        /** Calls in flight and tickets per call (default {@link #DEFAULT_LIMITS}). */
        public Builder limits(ClassifierLimits value) {
            llm.limits(value);
            return this;
        }

        /** Whether to replace e-mails, phone, card numbers and IBANs before sending (default true). */
        public Builder redactPii(boolean value) {
            llm.redactPii(value);
            return this;
        }

        /** The price used to estimate each call's cost (default none: cost unknown). */
        public Builder price(TokenPrice value) {
            llm.price(value);
            return this;
        }

        /** Ticket body characters sent at most (default {@value TriagePrompt#DEFAULT_MAX_BODY_CHARS}). */
        public Builder maxBodyChars(int value) {
            llm.maxBodyChars(value);
            return this;
        }

        /** Whether to send the JSON-schema response format when the model supports it (default true). */
        public Builder structuredOutput(boolean value) {
            this.structuredOutput = value;
            return this;
        }

        /**
         * The sampling temperature sent with each request (default none: the model's own setting; some reasoning
         * models reject any).
         *
         * @throws IllegalArgumentException outside [0, 2]
         */
        public Builder temperature(double value) {
            if (!(value >= 0 && value <= 2)) throw new IllegalArgumentException("temperature must be in [0, 2], was " + value);
            this.temperature = value;
            return this;
        }

        /** The clock for latencies and rate-limit pauses (default UTC system clock). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public ChatModelClassifier build() {
            return new ChatModelClassifier(this);
        }
    }
}
