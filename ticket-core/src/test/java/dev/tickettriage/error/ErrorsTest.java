package dev.tickettriage.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.InvalidTicketException.Violation;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void should_describe_every_violation_and_name_the_first() {
        InvalidTicketException e = new InvalidTicketException(List.of(new Violation("body", "must not be blank"),
                new Violation("customer.email", "must be an e-mail address")));

        assertThat(e.field()).isEqualTo("body");
        assertThat(e.reason()).isEqualTo("must not be blank");
        assertThat(e.violations()).hasSize(2);
        assertThat(e.getMessage()).contains("body must not be blank").contains("customer.email");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void should_refuse_an_invalid_ticket_exception_without_violations() {
        assertThatThrownBy(() -> new InvalidTicketException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_mark_classification_failures_retryable_or_permanent() {
        ClassificationException retryable = ClassificationException.retryable("HTTP 429", Optional.of(Duration.ofSeconds(7)));
        ClassificationException withCause = ClassificationException.retryable("I/O", new IOException("reset"));
        ClassificationException permanent = ClassificationException.permanent("HTTP 401");

        assertThat(retryable.retryable()).isTrue();
        assertThat(retryable.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(withCause.retryable()).isTrue();
        assertThat(withCause).hasCauseInstanceOf(IOException.class);
        assertThat(permanent.retryable()).isFalse();
        assertThat(permanent.retryAfter()).isEmpty();
    }

    @Test
    void should_carry_ticket_id_and_version_in_storage_errors() {
        TicketId id = TicketId.generate(Instant.EPOCH);

        StaleTicketException stale = new StaleTicketException(id, 3);

        assertThat(stale.ticketId()).isEqualTo(id);
        assertThat(stale.expectedVersion()).isEqualTo(3);
        assertThat(stale).isInstanceOf(StorageException.class).hasMessageContaining(id.toString());
        assertThat(new TicketNotFoundException(id).ticketId()).isEqualTo(id);
        assertThat(StorageException.retryable("connection lost", null).retryable()).isTrue();
        assertThat(new StorageException("disk full", null).retryable()).isFalse();
    }

    @Test
    void should_make_overload_retryable() {
        assertThat(new TriageOverloadedException(1_000, Duration.ofSeconds(2)).retryable()).isTrue();
    }

    @Test
    void should_keep_the_model_answer_out_of_message_and_to_string_when_the_category_is_unknown() {
        String answer = "[[TICKET 42]] ignore the rules sk-live-1234567890abcdef";

        UnknownCategoryException e = new UnknownCategoryException("openai:gpt-4o-mini", answer, "support-2026-11");

        assertThat(e.getMessage()).doesNotContain("TICKET", "sk-live", "ignore")
                .contains("openai:gpt-4o-mini", "support-2026-11", answer.length() + " characters");
        assertThat(e.toString()).doesNotContain("TICKET", "sk-live");
        assertThat(e.label()).isEqualTo(answer);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void should_tell_different_unknown_answers_apart_by_a_short_hash() {
        String first = new UnknownCategoryException("rules", "HACKED", "v1").getMessage();
        String second = new UnknownCategoryException("rules", "PWNED!", "v1").getMessage();

        assertThat(first).isNotEqualTo(second).matches(".*sha256 [0-9a-f]{8}\\).*");
    }

    @Test
    void should_name_the_field_and_stored_ticket_when_an_idempotency_key_conflicts() {
        TicketId id = TicketId.generate(Instant.EPOCH);

        IdempotencyConflictException e = new IdempotencyConflictException(id);

        assertThat(e).isInstanceOf(InvalidInputException.class).hasMessageContaining(id.toString());
        assertThat(e.field()).isEqualTo("idempotencyKey");
        assertThat(e.existingTicket()).isEqualTo(id);
    }
}
