package dev.tickettriage.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.domain.TokenUsage;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.RateLimitedException;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.ClassifierLimits;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LlmClassifierTest {

    static final String VALID = AnswerParserTest.VALID;

    /** Answers requests from a script, recording them. */
    static final class ScriptedTransport implements LlmTransport {
        final List<LlmRequest> requests = new ArrayList<>();
        final Deque<Function<LlmRequest, CompletionStage<LlmReply>>> script = new ArrayDeque<>();

        ScriptedTransport then(LlmReply reply) {
            script.add(request -> CompletableFuture.completedFuture(reply));
            return this;
        }

        ScriptedTransport thenFail(RuntimeException failure) {
            script.add(request -> CompletableFuture.failedFuture(failure));
            return this;
        }

        @Override
        public synchronized CompletionStage<LlmReply> send(LlmRequest request) {
            requests.add(request);
            Function<LlmRequest, CompletionStage<LlmReply>> next = script.poll();
            if (next == null) throw new AssertionError("unexpected request " + requests.size());
            return next.apply(request);
        }
    }

    static Ticket ticket(long number, String body) {
        return Ticket.builder().id(TicketId.of(new UUID(0, number))).createdAt(Instant.parse("2026-01-01T00:00:00Z")).body(body).build();
    }

    static LlmReply reply(String content, long in, long out) {
        return LlmReply.of(content, null, FinishReason.STOP, new TokenUsage(in, out), List.of(), "gpt-test", "req_1");
    }

    private static LlmClassifier classifier(ScriptedTransport transport, int batch) {
        return LlmClassifier.builder(transport).name("test-llm").limits(ClassifierLimits.remote(4, batch))
                .price(TokenPrice.of("1", "2")).build();
    }

    @Test
    void should_classify_and_record_usage_cost_model_and_self_reported_confidence() {
        ScriptedTransport transport = new ScriptedTransport().then(reply(VALID, 1_000, 100));

        Classification result = classifier(transport, 1).classify(ticket(1, "I was charged twice"), AnswerParserTest.TAXONOMY);

        assertThat(result.category()).isEqualTo(Category.of("billing"));
        assertThat(result.confidence(ClassificationField.CATEGORY)).hasValueSatisfying(c -> {
            assertThat(c.value()).isEqualTo(0.9);
            assertThat(c.source()).isEqualTo(ConfidenceSource.MODEL);
        });
        assertThat(result.provenance().tokenUsage()).isEqualTo(new TokenUsage(1_000, 100));
        assertThat(result.provenance().cost()).contains(new BigDecimal("0.0012"));
        assertThat(result.provenance().modelName()).contains("gpt-test");
        assertThat(result.provenance().prompt()).contains(TriagePrompt.VERSION);
        assertThat(result.sentimentScore()).isNegative();
    }

    @Test
    void should_repair_a_wrong_label_once_with_the_validation_error() {
        ScriptedTransport transport = new ScriptedTransport().then(reply(VALID.replace("\"billing\"", "\"refunds\""), 10, 5)).then(reply(VALID, 20, 5));

        Classification result = classifier(transport, 1).classify(ticket(1, "charged twice"), AnswerParserTest.TAXONOMY);

        assertThat(result.category().id()).isEqualTo("billing");
        assertThat(transport.requests).hasSize(2);
        assertThat(transport.requests.get(1).repair()).isTrue();
        assertThat(transport.requests.get(1).messages().get(3).content()).contains("category 'refunds' is not one of the allowed labels");
        assertThat(result.provenance().tokenUsage()).isEqualTo(new TokenUsage(30, 10));
    }

    @Test
    void should_fail_typed_with_the_raw_output_when_the_repair_is_invalid_too() {
        ScriptedTransport transport = new ScriptedTransport().then(reply("not json at all", 1, 1)).then(reply("{still: not, valid", 1, 1));

        ClassificationResult result = classifier(transport, 1).classifyAll(List.of(ticket(1, "secret body text")), AnswerParserTest.TAXONOMY).get(0);

        assertThat(result.error()).hasValueSatisfying(error -> {
            assertThat(error).isInstanceOfSatisfying(ModelOutputException.class, e -> {
                assertThat(e.kind()).isEqualTo(ModelOutputException.Kind.INVALID_JSON);
                assertThat(e.rawOutput()).contains("{still: not, valid");
                assertThat(e.retryable()).isTrue();
            });
            assertThat(error.getMessage()).doesNotContain("secret body text", "still: not").contains("req_1");
        });
    }

    @Test
    void should_repair_a_refusal_and_fail_permanently_when_refused_again() {
        LlmReply refusal = LlmReply.of(null, "I can't help with that", FinishReason.STOP, TokenUsage.NONE, List.of(), null, null);
        ScriptedTransport transport = new ScriptedTransport().then(refusal).then(refusal);

        ClassificationResult result = classifier(transport, 1).classifyAll(List.of(ticket(1, "x")), AnswerParserTest.TAXONOMY).get(0);

        assertThat(transport.requests).hasSize(2);
        assertThat(result.error()).hasValueSatisfying(e -> {
            assertThat(((ModelOutputException) e).kind()).isEqualTo(ModelOutputException.Kind.REFUSAL);
            assertThat(e.retryable()).isFalse();
        });
    }

    @Test
    void should_repair_a_truncated_answer() {
        LlmReply truncated = LlmReply.of("{\"category\":\"bill", null, FinishReason.LENGTH, new TokenUsage(5, 50), List.of(), null, null);
        ScriptedTransport transport = new ScriptedTransport().then(truncated).then(reply(VALID, 5, 5));

        Classification result = classifier(transport, 1).classify(ticket(1, "x"), AnswerParserTest.TAXONOMY);

        assertThat(result.category().id()).isEqualTo("billing");
        assertThat(transport.requests.get(1).messages().get(3).content()).contains("cut at the token limit");
    }

    @Test
    void should_classify_a_batch_in_one_request_and_fall_back_to_one_request_for_the_bad_item() {
        String item = VALID.substring(1);
        String batch = "{\"results\":[{\"ticket_id\":\"T1\"," + item + ",{\"ticket_id\":\"T2\"," + item.replace("\"billing\"", "\"HACKED\"")
                + ",{\"ticket_id\":\"T3\"," + item.replace("\"billing\"", "\"technical\"") + "]}";
        ScriptedTransport transport = new ScriptedTransport().then(reply(batch, 300, 90)).then(reply(VALID.replace("\"billing\"", "\"card_arrival\""), 100, 30));
        List<Ticket> tickets = List.of(ticket(1, "a"), ticket(2, "b"), ticket(3, "c"));

        List<ClassificationResult> results = classifier(transport, 8).classifyAll(tickets, AnswerParserTest.TAXONOMY);

        assertThat(transport.requests).hasSize(2);
        assertThat(transport.requests.get(0).ticketCount()).isEqualTo(3);
        assertThat(transport.requests.get(1).ticketCount()).isEqualTo(1);
        assertThat(results).extracting(ClassificationResult::ticketId).containsExactly(tickets.get(0).id(), tickets.get(1).id(), tickets.get(2).id());
        assertThat(results).extracting(r -> r.value().orElseThrow().category().id()).containsExactly("billing", "card_arrival", "technical");
        assertThat(results.get(0).value().orElseThrow().provenance().tokenUsage()).isEqualTo(new TokenUsage(100, 30));
        assertThat(results.get(1).value().orElseThrow().provenance().tokenUsage()).isEqualTo(new TokenUsage(200, 60));
    }

    @Test
    void should_fall_back_to_single_requests_when_the_whole_batch_answer_is_unusable() {
        ScriptedTransport transport = new ScriptedTransport().then(reply("oops", 1, 1)).then(reply(VALID, 1, 1)).then(reply(VALID, 1, 1));

        List<ClassificationResult> results = classifier(transport, 8).classifyAll(List.of(ticket(1, "a"), ticket(2, "b")), AnswerParserTest.TAXONOMY);

        assertThat(results).allSatisfy(r -> assertThat(r.isSuccess()).isTrue());
        assertThat(transport.requests).hasSize(3);
    }

    @Test
    void should_fail_every_ticket_of_a_batch_with_the_transport_failure() {
        RateLimitedException limited = new RateLimitedException("throttled", Instant.parse("2026-01-01T00:00:07Z"), Instant.parse("2026-01-01T00:00:00Z"));
        ScriptedTransport transport = new ScriptedTransport().thenFail(limited);

        List<ClassificationResult> results = classifier(transport, 8).classifyAll(List.of(ticket(1, "a"), ticket(2, "b")), AnswerParserTest.TAXONOMY);

        assertThat(results).allSatisfy(r -> assertThat(r.error()).containsSame(limited));
    }

    @Test
    void should_turn_an_unexpected_transport_exception_into_a_classification_exception() {
        ScriptedTransport transport = new ScriptedTransport().thenFail(new IllegalStateException("boom with ticket text"));

        ClassificationResult result = classifier(transport, 1).classifyAll(List.of(ticket(1, "a")), AnswerParserTest.TAXONOMY).get(0);

        assertThat(result.error()).hasValueSatisfying(e -> {
            assertThat(e).isInstanceOf(ClassificationException.class);
            assertThat(e.getMessage()).doesNotContain("boom with ticket text");
        });
    }

    @Test
    void should_derive_category_confidence_from_logprobs_and_keep_the_self_report() {
        String content = "{\"category\":\"billing\",\"category_confidence\":0.9,\"sentiment\":\"NEGATIVE\",\"priority\":\"HIGH\"}";
        List<TokenLogprob> tokens = List.of(new TokenLogprob("{\"category\":\"", -0.01), new TokenLogprob("bill", Math.log(0.5)),
                new TokenLogprob("ing", Math.log(0.8)), new TokenLogprob(content.substring("{\"category\":\"billing".length()), -0.2));
        LlmReply reply = LlmReply.of(content, null, FinishReason.STOP, TokenUsage.NONE, tokens, null, null);
        ScriptedTransport transport = new ScriptedTransport().then(reply);

        Classification result = classifier(transport, 1).classify(ticket(1, "a"), AnswerParserTest.TAXONOMY);

        assertThat(result.confidence(ClassificationField.CATEGORY)).hasValueSatisfying(c -> {
            assertThat(c.source()).isEqualTo(ConfidenceSource.LOGPROB);
            assertThat(c.value()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
        });
        assertThat(result.rationale()).hasValueSatisfying(r -> assertThat(r).contains("self-reported category confidence 0.90"));
    }

    @Test
    void should_redact_personal_data_before_sending_and_restore_it_in_the_reply() {
        String answer = VALID.replace("\"Sorry\"", "\"We wrote to [EMAIL_1]\"");
        ScriptedTransport transport = new ScriptedTransport().then(reply(answer, 1, 1));

        Classification result = classifier(transport, 1).classify(ticket(1, "Refund to jane@example.com please, card 4111111111111111"), AnswerParserTest.TAXONOMY);

        String sent = transport.requests.get(0).messages().get(1).content();
        assertThat(sent).doesNotContain("jane@example.com", "4111111111111111").contains("[EMAIL_1]", "[CARD_1]");
        assertThat(result.suggestedReply()).contains("We wrote to jane@example.com");
    }

    @Test
    void should_send_personal_data_as_is_when_redaction_is_off() {
        ScriptedTransport transport = new ScriptedTransport().then(reply(VALID, 1, 1));

        LlmClassifier.builder(transport).redactPii(false).build().classify(ticket(1, "jane@example.com"), AnswerParserTest.TAXONOMY);

        assertThat(transport.requests.get(0).messages().get(1).content()).contains("jane@example.com");
    }

    @Test
    void should_split_usage_so_the_shares_add_up() {
        assertThat(LlmClassifier.split(new TokenUsage(10, 7), 3)).containsExactly(new TokenUsage(4, 3), new TokenUsage(3, 2), new TokenUsage(3, 2));
    }
}
