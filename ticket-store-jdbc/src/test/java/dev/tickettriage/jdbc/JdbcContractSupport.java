package dev.tickettriage.jdbc;

import java.time.Clock;
import java.sql.SQLException;

/** Builds a migrated, emptied repository on a {@link TestDatabase}. */
final class JdbcContractSupport {

    private JdbcContractSupport() {
    }

    static JdbcTicketRepository fresh(TestDatabase database, Clock clock) {
        JdbcTicketRepository repository = JdbcTicketRepository.builder(database.dataSource()).clock(clock).migrate(true).build();
        try {
            database.empty(JdbcTicketRepository.DEFAULT_TABLE_PREFIX);
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the test tables", e);
        }
        return repository;
    }
}
