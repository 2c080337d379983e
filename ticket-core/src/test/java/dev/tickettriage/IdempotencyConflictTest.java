package dev.tickettriage;

import dev.tickettriage.pipeline.WorkerConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.IdempotencyConflictException;
import dev.tickettriage.memory.InMemoryTicketRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A reused idempotency key with another ticket is a typed conflict, whatever repository is plugged in. */
class IdempotencyConflictTest {

    private final InMemoryTicketRepository repository = InMemoryTicketRepository.create();
    private final TicketTriage triage = TicketTriage.builder().repository(repository).workers(WorkerConfig.ofDefaults().withWorkers(0)).build();

    @AfterEach
    void close() {
        triage.close();
    }

    @Test
    void should_throw_idempotency_conflict_when_the_key_is_reused_with_a_different_body() {
        Ticket first = triage.submit(NewTicket.builder().body("My card was stolen").idempotencyKey("form-42").build());

        assertThatThrownBy(() -> triage.submit(NewTicket.builder().body("Refund order XQZW").idempotencyKey("form-42").build()))
                .isInstanceOfSatisfying(IdempotencyConflictException.class, e -> {
                    assertThat(e.field()).isEqualTo("idempotencyKey");
                    assertThat(e.existingTicket()).isEqualTo(first.id());
                    assertThat(e.getMessage()).doesNotContain("stolen", "Refund", "XQZW");
                });
        assertThat(repository.size()).isEqualTo(1);
    }

    @Test
    void should_return_the_stored_ticket_when_a_retry_differs_only_before_normalisation() {
        Ticket first = triage.submit(NewTicket.builder().body("caf\u00E9 bill\r\n").idempotencyKey("form-43").build());

        Ticket retried = triage.submit(NewTicket.builder().body("  cafe\u0301 bill\n").idempotencyKey("form-43").build());

        assertThat(retried.id()).isEqualTo(first.id());
        assertThat(repository.size()).isEqualTo(1);
    }
}
