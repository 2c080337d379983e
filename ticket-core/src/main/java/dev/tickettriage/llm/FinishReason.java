package dev.tickettriage.llm;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Why the model stopped writing. */
public enum FinishReason {
    /** A natural end. */
    STOP,
    /** The token limit was hit: the answer is truncated. */
    LENGTH,
    /** The provider's content filter removed the answer. */
    CONTENT_FILTER,
    /** Anything else (tool calls, unknown values, none given). */
    OTHER;

    /** Maps an OpenAI-style {@code finish_reason} ({@code stop}, {@code length}, {@code content_filter}, ...). */
    public static FinishReason fromWire(@Nullable String value) {
        if (value == null) return OTHER;
        switch (value.toLowerCase(Locale.ROOT)) {
            case "stop":
            case "eos":
            case "end_turn":
                return STOP;
            case "length":
            case "max_tokens":
                return LENGTH;
            case "content_filter":
                return CONTENT_FILTER;
            default:
                return OTHER;
        }
    }
}
