package dev.tickettriage.pipeline;

import dev.tickettriage.pipeline.WorkerConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.testkit.RecordingNotifier;
import dev.tickettriage.testkit.ScriptedClassifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {

    @Test
    void should_leave_no_ticket_claimed_and_lose_none_when_closed_mid_work() {
        // given: a slow classifier and more work than the workers can finish before close()
        InMemoryTicketRepository repository = InMemoryTicketRepository.create();
        ScriptedClassifier slow = ScriptedClassifier.builder().latency(Duration.ofMillis(20)).build();
        List<Ticket> submitted = new ArrayList<>();
        TicketTriage first = TicketTriage.builder().repository(repository).classifier(slow).defaultNotifier(new RecordingNotifier())
                .workers(WorkerConfig.ofDefaults().withWorkers(2).withLimits(0, 4).withPollInterval(Duration.ofMillis(10))).build().start();
        for (int i = 0; i < 200; i++) submitted.add(first.submit(NewTicket.of("Where is my parcel " + i)));

        // when
        first.close();

        // then: every ticket is finished or back in the queue, none is left under a dead lease
        assertThat(repository.stats(TicketQuery.all()).count(ProcessingState.PROCESSING)).isZero();
        assertThat(repository.stats(TicketQuery.all()).total()).isEqualTo(200);
        try (TicketTriage second = TicketTriage.builder().repository(repository).classifier(slow).workers(WorkerConfig.ofDefaults().withWorkers(0)).build()) {
            second.drainBacklog();
        }
        assertThat(submitted).allSatisfy(ticket -> assertThat(repository.findById(ticket.id()).orElseThrow().processingState())
                .isEqualTo(ProcessingState.PROCESSED));
    }
}
