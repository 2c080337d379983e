package dev.tickettriage.spring;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.agent.TicketTools;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Answers a support agent's question in natural language: a LangChain4j {@link ChatModel} that calls the ticket tools
 * of ticket-agent-tools ({@link TicketTools}: search, list, get, create, change status, assign, stats), every call
 * going through the {@link TicketTriage} facade and audited under the asking agent's actor.
 *
 * <p><b>Bounded.</b> One question may make at most {@code maxToolCalls} tool calls; a call past that is not run, and the
 * model is told to answer with what it has. A model that still keeps calling tools is stopped two round trips later
 * with a {@link TicketAssistantException}.
 *
 * <p><b>Untrusted text.</b> The system message carries {@link TicketTools#DATA_NOTICE}: ticket text reaches the model
 * only inside tool results, marked as customer data, never as instructions.
 *
 * <p><b>Memory.</b> Without conversation memory every question stands alone. With it, the last messages of a
 * conversation are kept under a random id that the first answer returns ({@link Answer#conversationId()}) and the next
 * question sends back; an unknown or forgotten id starts a new conversation with a new id (ids are never chosen by
 * the caller). Questions of one conversation run one at a time.
 *
 * <p>Thread-safe. It holds no secret: the model was built with its key, and {@link #toString()} names only the model.
 */
public final class TicketAssistant {

    /** The longest question accepted, in characters. */
    public static final int MAX_QUESTION_CHARS = 4_000;
    /** Tool calls per question when none is configured. */
    public static final int DEFAULT_MAX_TOOL_CALLS = 6;
    /** The actor recorded in audit entries when the caller names none. */
    public static final String DEFAULT_ACTOR = TicketTools.DEFAULT_ACTOR;

    /** The system message every question is asked under. */
    public static final String SYSTEM_MESSAGE = "You are the assistant of a customer-support team. Answer the support "
            + "agent's question about support tickets using the ticket tools: look tickets up instead of guessing, and never "
            + "invent ticket ids, counts or ticket content that no tool returned. Change tickets (create, change status, assign) "
            + "only when the agent asks for it. Answer briefly, in plain text, in the agent's language, naming ticket ids you "
            + "refer to. " + TicketTools.DATA_NOTICE + " If a tool answers with a line starting with 'Error:', correct the "
            + "call or tell the agent what is missing.";

    private static final Map<ToolSpecification, Method> TOOLS = toolMethods();

    /** The AiServices interface: one question in, the answer and its tool executions out. */
    interface Service {
        Result<String> answer(String question);
    }

    private final TicketTriage triage;
    private final ChatModel model;
    private final int maxToolCalls;
    private final @Nullable Conversations conversations;
    private final String description;

    private TicketAssistant(Builder builder) {
        this.triage = builder.triage;
        this.model = builder.model;
        this.maxToolCalls = builder.maxToolCalls;
        this.conversations = builder.memoryMessages > 0 ? new Conversations(builder.memoryMessages, builder.maxConversations) : null;
        this.description = "TicketAssistant[model=" + builder.modelDescription + ", maxToolCalls=" + maxToolCalls
                + ", memory=" + (conversations == null ? "none" : builder.memoryMessages + " messages x " + builder.maxConversations) + "]";
    }

    /** A builder over {@code triage}'s facade and {@code model}, which must support tool calling. */
    public static Builder builder(TicketTriage triage, ChatModel model) {
        return new Builder(triage, model);
    }

    /** Whether answers carry a conversation id that a follow-up question may send back. */
    public boolean remembersConversations() {
        return conversations != null;
    }

    /** The most tool calls one question may make. */
    public int maxToolCalls() {
        return maxToolCalls;
    }

    /** {@link #ask(String, String, String)} as {@value #DEFAULT_ACTOR}, in a new conversation. */
    public Answer ask(String question) {
        return ask(question, DEFAULT_ACTOR, null);
    }

    /**
     * Answers {@code question}, running the tool calls the model asks for as {@code actor} (for audit entries and events).
     *
     * @param conversationId the id a previous answer returned, or {@code null} for a new conversation; ignored without
     *                       conversation memory
     * @throws IllegalArgumentException when the question is blank or longer than {@value #MAX_QUESTION_CHARS} characters,
     *                                  or the actor is blank
     * @throws TicketAssistantException when the model call fails or the model does not stop calling tools
     */
    public Answer ask(String question, String actor, @Nullable String conversationId) {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(actor, "actor");
        if (question.isBlank()) throw new IllegalArgumentException("question must not be blank");
        if (question.length() > MAX_QUESTION_CHARS) {
            throw new IllegalArgumentException("question must be at most " + MAX_QUESTION_CHARS + " characters, was " + question.length());
        }
        TicketTools tools = new TicketTools(triage, actor);
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger budget = new AtomicInteger(maxToolCalls);
        Map<ToolSpecification, ToolExecutor> executors = new LinkedHashMap<>();
        TOOLS.forEach((specification, method) -> executors.put(specification,
                new BudgetedTool(specification.name(), new DefaultToolExecutor(tools, method), budget, calls, maxToolCalls)));
        AiServices<Service> services = AiServices.builder(Service.class).chatModel(model).systemMessage(SYSTEM_MESSAGE)
                .tools(executors).maxToolCallingRoundTrips(maxToolCalls + 2);
        if (conversations == null) return new Answer(call(services.build(), question), calls, null);
        Conversations.Conversation conversation = conversations.open(conversationId);
        synchronized (conversation) {   // one question at a time per conversation: the memory is a sequence
            services.chatMemory(conversation.memory());
            return new Answer(call(services.build(), question), calls, conversation.id());
        }
    }

    private String call(Service service, String question) {
        Result<String> result;
        try {
            result = service.answer(question);
        } catch (LangChain4jException e) {
            throw new TicketAssistantException("The assistant's model call failed: " + cut(String.valueOf(e.getMessage())),
                    e, e instanceof RetriableException);
        } catch (RuntimeException e) {
            // LangChain4j ends a run-away tool loop with a plain RuntimeException; its message names no secret
            throw new TicketAssistantException("The assistant failed (" + e.getClass().getSimpleName() + "): "
                    + cut(String.valueOf(e.getMessage())), e, false);
        }
        String text = result.content();
        return text == null ? "" : text.strip();
    }

    private static String cut(String message) {
        String line = message.replace('\n', ' ').replace('\r', ' ');
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    private static Map<ToolSpecification, Method> toolMethods() {
        Map<ToolSpecification, Method> tools = new LinkedHashMap<>();
        Arrays.stream(TicketTools.class.getMethods()).filter(method -> method.isAnnotationPresent(Tool.class))
                .sorted(Comparator.comparing(Method::getName))
                .forEach(method -> tools.put(ToolSpecifications.toolSpecificationFrom(method), method));
        return Collections.unmodifiableMap(tools);
    }

    @Override
    public String toString() {
        return description;
    }

    /** One answer: the model's text and the tools it called, in order. */
    public static final class Answer {
        private final String text;
        private final List<String> toolCalls;
        private final @Nullable String conversationId;

        Answer(String text, List<String> toolCalls, @Nullable String conversationId) {
            this.text = Objects.requireNonNull(text, "text");
            synchronized (toolCalls) {
                this.toolCalls = List.copyOf(toolCalls);
            }
            this.conversationId = conversationId;
        }

        /** The model's answer, stripped; empty when it said nothing. */
        public String text() {
            return text;
        }

        /** The names of the tools that ran for this answer, in call order (calls refused past the limit are not listed). */
        public List<String> toolCalls() {
            return toolCalls;
        }

        /** The conversation to continue with the next question; empty without conversation memory. */
        public Optional<String> conversationId() {
            return Optional.ofNullable(conversationId);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Answer answer && text.equals(answer.text) && toolCalls.equals(answer.toolCalls)
                    && Objects.equals(conversationId, answer.conversationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(text, toolCalls, conversationId);
        }

        @Override
        public String toString() {
            return "Answer[toolCalls=" + toolCalls + ", conversationId=" + conversationId + ", chars=" + text.length() + "]";
        }
    }

    /** Runs a tool while the question's budget lasts; past it, tells the model to answer instead. */
    private static final class BudgetedTool implements ToolExecutor {
        private final String name;
        private final ToolExecutor delegate;
        private final AtomicInteger budget;
        private final List<String> calls;
        private final int limit;

        BudgetedTool(String name, ToolExecutor delegate, AtomicInteger budget, List<String> calls, int limit) {
            this.name = name;
            this.delegate = delegate;
            this.budget = budget;
            this.calls = calls;
            this.limit = limit;
        }

        private boolean take() {
            if (budget.getAndDecrement() <= 0) return false;
            calls.add(name);
            return true;
        }

        private String refusal() {
            return "Error: the limit of " + limit + " tool calls for one question is reached; this call was not run. "
                    + "Answer now with what the earlier calls returned, and say what you could not look up.";
        }

        @Override
        public String execute(ToolExecutionRequest request, Object memoryId) {
            return take() ? delegate.execute(request, memoryId) : refusal();
        }

        @Override
        public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
            return take() ? delegate.executeWithContext(request, context) : ToolExecutionResult.builder().resultText(refusal()).build();
        }
    }

    /** Conversation memories by id, least recently used dropped first. */
    private static final class Conversations {
        private final int messages;
        private final Map<String, Conversation> byId;

        record Conversation(String id, ChatMemory memory) {
        }

        Conversations(int messages, int capacity) {
            this.messages = messages;
            this.byId = new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
                    return size() > capacity;
                }
            };
        }

        synchronized Conversation open(@Nullable String id) {
            Conversation known = id == null ? null : byId.get(id);
            if (known != null) return known;
            String fresh = UUID.randomUUID().toString();
            Conversation conversation = new Conversation(fresh, MessageWindowChatMemory.withMaxMessages(messages));
            byId.put(fresh, conversation);
            return conversation;
        }
    }

    /** Builds a {@link TicketAssistant}; not thread-safe. */
    public static final class Builder {
        private final TicketTriage triage;
        private final ChatModel model;
        private int maxToolCalls = DEFAULT_MAX_TOOL_CALLS;
        private int memoryMessages;
        private int maxConversations;
        private String modelDescription;

        private Builder(TicketTriage triage, ChatModel model) {
            this.triage = Objects.requireNonNull(triage, "triage");
            this.model = Objects.requireNonNull(model, "model");
            this.modelDescription = model.getClass().getSimpleName();
        }

        /**
         * Tool calls one question may make (default {@value #DEFAULT_MAX_TOOL_CALLS}).
         *
         * @throws IllegalArgumentException when not 1-50
         */
        public Builder maxToolCalls(int value) {
            if (value < 1 || value > 50) throw new IllegalArgumentException("maxToolCalls must be 1-50, was " + value);
            this.maxToolCalls = value;
            return this;
        }

        /**
         * Keeps the last {@code messages} messages of up to {@code conversations} conversations (default: no memory).
         *
         * @throws IllegalArgumentException when {@code messages} is not 2-1000 or {@code conversations} not 1-1,000,000
         */
        public Builder conversationMemory(int messages, int conversations) {
            if (messages < 2 || messages > 1_000) throw new IllegalArgumentException("messages must be 2-1000, was " + messages);
            if (conversations < 1 || conversations > 1_000_000) {
                throw new IllegalArgumentException("conversations must be 1-1000000, was " + conversations);
            }
            this.memoryMessages = messages;
            this.maxConversations = conversations;
            return this;
        }

        /** How {@link #toString()} names the model, e.g. {@code gpt-4o-mini at https://api.openai.com/v1}; never a key. */
        public Builder modelDescription(String value) {
            this.modelDescription = Objects.requireNonNull(value, "modelDescription");
            return this;
        }

        public TicketAssistant build() {
            return new TicketAssistant(this);
        }
    }
}
