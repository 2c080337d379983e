package dev.tickettriage.llm;

import java.util.Objects;

/**
 * One chat message of a prompt: a role and its text. Immutable.
 *
 * <p>{@code toString()} leaves the content out, since user messages carry ticket text.
 */
public record LlmMessage(Role role, String content) {

    /** Who speaks. */
    public enum Role {
        /** The instructions and taxonomy: static, sent first so provider prefix caching applies. */
        SYSTEM,
        /** The ticket data (or a repair request). */
        USER,
        /** An earlier model answer, sent back in a repair request. */
        ASSISTANT;

        /** The OpenAI-style wire name: {@code system}, {@code user}, {@code assistant}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public LlmMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static LlmMessage system(String content) {
        return new LlmMessage(Role.SYSTEM, content);
    }

    public static LlmMessage user(String content) {
        return new LlmMessage(Role.USER, content);
    }

    public static LlmMessage assistant(String content) {
        return new LlmMessage(Role.ASSISTANT, content);
    }

    @Override
    public String toString() {
        return "LlmMessage[role=" + role + ", chars=" + content.length() + "]";
    }
}
