package dev.tickettriage.agent;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link ChatModel} that answers from a script: each turn either calls one tool (name and JSON arguments, which
 * may be computed from the tool results so far) or answers with text. Records every request and every tool result
 * it was sent, so tests see exactly what a real model would see.
 */
final class ScriptedChatModel implements ChatModel {

    private final Deque<Function<List<ToolExecutionResultMessage>, AiMessage>> turns = new ArrayDeque<>();
    private final List<ChatRequest> requests = new ArrayList<>();
    private final List<ToolExecutionResultMessage> toolResults = new ArrayList<>();
    private int calls;

    /** Next turn: call {@code tool} with {@code arguments} (a JSON object). */
    ScriptedChatModel callTool(String tool, String arguments) {
        return callTool(tool, results -> arguments);
    }

    /** Next turn: call {@code tool} with arguments computed from the tool results so far. */
    ScriptedChatModel callTool(String tool, Function<List<ToolExecutionResultMessage>, String> arguments) {
        turns.add(results -> AiMessage.from(ToolExecutionRequest.builder().id("call-" + (++calls)).name(tool)
                .arguments(arguments.apply(results)).build()));
        return this;
    }

    /** Next turn: answer with {@code text}, which ends the assistant's turn. */
    ScriptedChatModel answer(String text) {
        turns.add(results -> AiMessage.from(text));
        return this;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        toolResults.clear();
        for (ChatMessage message : request.messages()) {
            if (message instanceof ToolExecutionResultMessage result) toolResults.add(result);
        }
        Function<List<ToolExecutionResultMessage>, AiMessage> turn = turns.poll();
        if (turn == null) throw new IllegalStateException("the script has no turn left for request " + requests.size());
        return ChatResponse.builder().aiMessage(turn.apply(List.copyOf(toolResults))).build();
    }

    /** Every tool result in the last request, in order. */
    List<ToolExecutionResultMessage> toolResults() {
        return List.copyOf(toolResults);
    }

    /** The text of the last tool result sent to the model. */
    String lastToolResult() {
        return toolResults.get(toolResults.size() - 1).text();
    }

    List<ChatRequest> requests() {
        return List.copyOf(requests);
    }
}
