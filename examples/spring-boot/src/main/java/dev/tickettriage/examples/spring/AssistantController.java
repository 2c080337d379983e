package dev.tickettriage.examples.spring;

import dev.tickettriage.spring.TicketAssistant;
import dev.tickettriage.spring.TicketAssistantException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/assistant}: a support agent's question answered by the starter's {@link TicketAssistant} (an LLM
 * calling the ticket tools). 503 problem+json when no model is configured ({@code ticket-triage.assistant.api-key}
 * or {@code base-url}); 400 naming the field for a missing, blank or overlong question; 502 when the model call fails.
 * The request is checked on the request thread; the model call (seconds, several round trips when it calls tools)
 * runs asynchronously on Spring MVC's task executor, so waiting for an LLM never holds one of the few request threads
 * ({@link RequestThreads}); {@code spring.mvc.async.request-timeout} bounds it.
 */
@RestController
class AssistantController {

    /** The longest conversation id accepted (the assistant's own ids are UUIDs). */
    static final int MAX_CONVERSATION_ID_CHARS = 100;

    private final ObjectProvider<TicketAssistant> assistant;

    AssistantController(ObjectProvider<TicketAssistant> assistant) {
        this.assistant = assistant;
    }

    /** The question; {@code conversationId} continues a conversation when the assistant keeps memory. */
    record AssistantRequest(@Nullable String question, @Nullable String conversationId) {
    }

    /** The answer and the names of the tools the model called, in order. */
    record AssistantReply(String answer, List<String> toolCalls, @Nullable String conversationId) {
    }

    @PostMapping("/api/assistant")
    Callable<AssistantReply> ask(@RequestBody AssistantRequest request, @RequestHeader(name = "X-Actor", required = false) @Nullable String actor) {
        RequestParsing parsing = new RequestParsing();
        String question = request.question();
        if (question == null || question.isBlank()) {
            parsing.error("question", "must not be blank");
        } else if (question.length() > TicketAssistant.MAX_QUESTION_CHARS) {
            parsing.error("question", "must be at most " + TicketAssistant.MAX_QUESTION_CHARS + " characters, was " + question.length());
        }
        String conversationId = request.conversationId();
        if (conversationId != null && (conversationId.length() > MAX_CONVERSATION_ID_CHARS || conversationId.isBlank())) {
            parsing.error("conversationId", "must be an id a previous answer returned");
        }
        parsing.check();
        TicketAssistant available = assistant.getIfAvailable();
        if (available == null) throw new NotConfigured();
        String who = actor == null || actor.isBlank() ? TicketAssistant.DEFAULT_ACTOR : TicketAssistant.DEFAULT_ACTOR + ":" + actor.strip();
        return () -> {
            TicketAssistant.Answer answer = available.ask(question, who, conversationId);
            return new AssistantReply(answer.text(), answer.toolCalls(), answer.conversationId().orElse(null));
        };
    }

    @ExceptionHandler(TicketAssistantException.class)
    ResponseEntity<ProblemDetail> failed(TicketAssistantException e) {
        return ApiProblems.problem(HttpStatus.BAD_GATEWAY, "assistant-failed", "The assistant's model call failed", e.getMessage(),
                Map.of("retryable", e.retryable()));
    }

    @ExceptionHandler(NotConfigured.class)
    ResponseEntity<ProblemDetail> notConfigured(NotConfigured e) {
        return ApiProblems.problem(HttpStatus.SERVICE_UNAVAILABLE, "assistant-not-configured", "The assistant is not configured",
                "No LLM is configured: set ticket-triage.assistant.api-key (or base-url for an OpenAI-compatible server)", Map.of());
    }

    /** No {@link TicketAssistant} bean, so no model: answered with a 503 problem. */
    static final class NotConfigured extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotConfigured() {
            super("the assistant is not configured", null, false, false);
        }
    }
}
