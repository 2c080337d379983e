package dev.tickettriage.benchmarks.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.llm.LlmClassifier;
import dev.tickettriage.llm.LlmReply;
import dev.tickettriage.openai.internal.ChatCompletionsApi;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Per-response CPU of the OpenAI classifier on the 77-label BANKING77 taxonomy, no network:
 *
 * <ul>
 *   <li>{@code parseWire}: the HTTP body of a chat completion read into an {@code LlmReply} (Jackson);</li>
 *   <li>{@code parseAndValidate}: wire parse, then the classifier's whole answer path (JSON extraction, schema and
 *       taxonomy validation, label resolution, confidence, provenance, the Classification built) — and, because it
 *       goes through {@code LlmClassifier.classify}, also the request side (PII redaction, prompt, request object), so
 *       it is an upper bound of the parse + validate overhead (target &lt; 50 µs);</li>
 *   <li>{@code parseAndValidateNoRedaction}: the same with PII redaction off.</li>
 * </ul>
 *
 * {@code java -cp ... org.openjdk.jmh.Main OpenAiParseBenchmark -f1 -wi 3 -i 5 -w 2s -r 2s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class OpenAiParseBenchmark {

    private ChatCompletionsApi api;
    private String wireBody;
    private LlmClassifier classifier;
    private LlmClassifier withoutRedaction;
    private Taxonomy taxonomy;
    private Ticket ticket;

    @Setup
    public void setUp() throws Exception {
        Banking77 data = Banking77.load();
        taxonomy = data.taxonomy();
        ObjectMapper json = new ObjectMapper();
        api = new ChatCompletionsApi(json);
        ObjectNode answer = json.createObjectNode();
        answer.put("category", "card_arrival").put("category_confidence", 0.93).put("sentiment", "NEGATIVE").put("sentiment_confidence", 0.8)
                .put("priority", "MEDIUM").put("priority_confidence", 0.7).put("language", "en")
                .put("summary", "Customer has not received the new card ordered a week ago")
                .put("suggested_reply", "Sorry for the wait: cards arrive within 7 working days; we are checking the delivery now.");
        answer.putArray("key_topics").add("card delivery").add("order status");
        answer.putArray("action_items").add("check the card dispatch");
        answer.put("rationale", "Asks where the ordered card is");
        ObjectNode root = json.createObjectNode();
        root.put("id", "chatcmpl-bench").put("object", "chat.completion").put("created", 1_767_225_600L).put("model", "gpt-4o-mini-2024-07-18");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", answer.toString()).putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        root.putObject("usage").put("prompt_tokens", 1_900).put("completion_tokens", 90).put("total_tokens", 1_990);
        wireBody = root.toString();
        classifier = LlmClassifier.builder(request -> {
            try {
                return CompletableFuture.completedFuture(api.reply(wireBody, "req_bench"));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }).name("openai").model("gpt-4o-mini").build();
        withoutRedaction = LlmClassifier.builder(request -> {
            try {
                return CompletableFuture.completedFuture(api.reply(wireBody, "req_bench"));
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }).name("openai").model("gpt-4o-mini").redactPii(false).build();
        ticket = Ticket.builder().id(TicketId.of(new UUID(0, 1))).createdAt(Instant.EPOCH)
                .body("I still have not received my new card, I ordered over a week ago. Can you mail me at jane@example.com?").build();
    }

    @Benchmark
    public LlmReply parseWire() throws Exception {
        return api.reply(wireBody, "req_bench");
    }

    /** The same without PII redaction (on by default): what the request side's redaction costs. */
    @Benchmark
    public Classification parseAndValidateNoRedaction() {
        return withoutRedaction.classify(ticket, taxonomy);
    }

    @Benchmark
    public Classification parseAndValidate() {
        return classifier.classify(ticket, taxonomy);
    }
}
