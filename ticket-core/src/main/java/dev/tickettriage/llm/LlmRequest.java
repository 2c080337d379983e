package dev.tickettriage.llm;

import java.util.List;
import java.util.Objects;

/**
 * What an {@link LlmTransport} sends: the messages (static system content first, the ticket data last), the name
 * and JSON text of the strict output schema the answer must follow, and how many tickets the request carries (so a
 * transport can size its output token limit). Immutable.
 *
 * @param messages       the chat messages in order
 * @param schemaName     the schema's name ({@code a-z A-Z 0-9 _ -}, at most 64 characters)
 * @param schemaJson     the JSON Schema the answer must follow, strict-mode compatible
 * @param ticketCount    how many tickets the request classifies (at least 1)
 * @param repair         whether this request re-asks after an invalid answer
 */
public record LlmRequest(List<LlmMessage> messages, String schemaName, String schemaJson, int ticketCount, boolean repair) {

    public LlmRequest {
        messages = List.copyOf(messages);
        Objects.requireNonNull(schemaName, "schemaName");
        Objects.requireNonNull(schemaJson, "schemaJson");
        if (messages.isEmpty()) throw new IllegalArgumentException("messages must not be empty");
        if (ticketCount < 1) throw new IllegalArgumentException("ticketCount must be >= 1, was " + ticketCount);
    }

    @Override
    public String toString() {
        return "LlmRequest[messages=" + messages.size() + ", schema=" + schemaName + ", tickets=" + ticketCount + ", repair=" + repair + "]";
    }
}
