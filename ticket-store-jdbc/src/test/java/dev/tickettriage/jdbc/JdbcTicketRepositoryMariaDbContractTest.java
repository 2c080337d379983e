package dev.tickettriage.jdbc;

import dev.tickettriage.port.TicketRepository;
import dev.tickettriage.testkit.TicketRepositoryContract;
import java.time.Clock;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcTicketRepositoryMariaDbContractTest extends TicketRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @Override
    protected TicketRepository newRepository(Clock clock) {
        return JdbcContractSupport.fresh(DB, clock);
    }
}
