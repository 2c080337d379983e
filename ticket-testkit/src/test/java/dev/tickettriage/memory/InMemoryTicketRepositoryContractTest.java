package dev.tickettriage.memory;

import dev.tickettriage.port.TicketRepository;
import dev.tickettriage.testkit.TicketRepositoryContract;
import java.time.Clock;

class InMemoryTicketRepositoryContractTest extends TicketRepositoryContract {

    @Override
    protected TicketRepository newRepository(Clock clock) {
        return InMemoryTicketRepository.builder().clock(clock).build();
    }
}
