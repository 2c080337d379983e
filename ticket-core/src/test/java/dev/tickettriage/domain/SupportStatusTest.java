package dev.tickettriage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.error.IllegalStatusTransitionException;
import dev.tickettriage.error.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SupportStatusTest {

    /** The lifecycle as a table, written independently of the enum: from -> allowed targets (self always allowed). */
    private static final List<String> ALLOWED = List.of(
            "OPEN->IN_PROGRESS", "OPEN->PENDING", "OPEN->RESOLVED", "OPEN->CLOSED",
            "IN_PROGRESS->OPEN", "IN_PROGRESS->PENDING", "IN_PROGRESS->RESOLVED", "IN_PROGRESS->CLOSED",
            "PENDING->IN_PROGRESS", "PENDING->RESOLVED", "PENDING->CLOSED",
            "RESOLVED->CLOSED", "RESOLVED->OPEN",
            "CLOSED->OPEN");

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (SupportStatus from : SupportStatus.values()) {
            for (SupportStatus to : SupportStatus.values()) {
                pairs.add(Arguments.of(from, to, from == to || ALLOWED.contains(from + "->" + to)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void should_allow_exactly_the_lifecycle_transitions(SupportStatus from, SupportStatus to, boolean allowed) {
        assertThat(from.canTransitionTo(to)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @MethodSource("everyPair")
    void should_change_status_or_throw_when_ticket_moves(SupportStatus from, SupportStatus to, boolean allowed) {
        Ticket ticket = Ticket.builder().id(TicketId.generate(Instant.EPOCH)).createdAt(Instant.EPOCH).body("b").status(from).build();
        Instant later = Instant.EPOCH.plusSeconds(60);

        if (allowed) {
            Ticket moved = ticket.withStatus(to, later);
            assertThat(moved.status()).isEqualTo(to);
            assertThat(moved.updatedAt()).isEqualTo(later);
            assertThat(ticket.status()).as("original unchanged").isEqualTo(from);
        } else {
            assertThatThrownBy(() -> ticket.withStatus(to, later))
                    .isInstanceOfSatisfying(IllegalStatusTransitionException.class, e -> {
                        assertThat(e.field()).isEqualTo("status");
                        assertThat(e.getMessage()).contains(from.name()).contains(to.name());
                    })
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void should_exclude_self_from_allowed_next() {
        for (SupportStatus status : SupportStatus.values()) {
            assertThat(status.allowedNext()).doesNotContain(status);
        }
    }

    @Test
    void should_treat_resolved_and_closed_as_done() {
        assertThat(Set.of(SupportStatus.values())).filteredOn(SupportStatus::isDone)
                .containsExactlyInAnyOrder(SupportStatus.RESOLVED, SupportStatus.CLOSED);
    }
}
