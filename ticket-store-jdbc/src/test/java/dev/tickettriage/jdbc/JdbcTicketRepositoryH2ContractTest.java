package dev.tickettriage.jdbc;

import dev.tickettriage.port.TicketRepository;
import dev.tickettriage.testkit.TicketRepositoryContract;
import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcTicketRepositoryH2ContractTest extends TicketRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    protected TicketRepository newRepository(Clock clock) {
        return JdbcContractSupport.fresh(DB, clock);
    }
}
