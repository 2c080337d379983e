package dev.tickettriage.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.jdbc.internal.SqlDialect;
import dev.tickettriage.jdbc.internal.TextGuard;
import dev.tickettriage.jdbc.internal.TicketCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The baseline for insert throughput: a hand-written batched JDBC insert of the same rows the store writes (same
 * columns and values, documents encoded before timing starts), {@code batch} rows per transaction.
 */
final class RawInsert {

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final TicketCodec codec;
    private final String sql;

    RawInsert(DataSource dataSource, JdbcTicketRepository repository, String prefix) {
        this.dataSource = dataSource;
        this.dialect = SqlDialect.of(repository.dialect());
        this.codec = new TicketCodec(new ObjectMapper(), new TextGuard(dialect.storesNul()));
        this.sql = "INSERT INTO " + prefix + "tickets (id, created_at, updated_at, version, status, processing_state, attempts,"
                + " category, sentiment, priority, subject_lc, body_lc, doc) VALUES (?, ?, ?, 1, ?, ?, 0, NULL, NULL, NULL, ?, ?, "
                + dialect.jsonParameter() + ")";
    }

    /** Inserts {@code tickets} (version 0, unclassified, no customer) and returns rows per second. */
    double insert(List<Ticket> tickets, int batch) throws Exception {
        List<String> docs = new ArrayList<>(tickets.size());
        for (Ticket ticket : tickets) docs.add(codec.encode(ticket.toBuilder().version(1).build()));
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < tickets.size(); i++) {
                    Ticket ticket = tickets.get(i);
                    dialect.bindUuid(statement, 1, ticket.id().value());
                    dialect.bindInstant(statement, 2, ticket.createdAt());
                    dialect.bindInstant(statement, 3, ticket.updatedAt());
                    statement.setString(4, ticket.status().name());
                    statement.setString(5, ticket.processingState().name());
                    statement.setString(6, ticket.subject().map(s -> s.toLowerCase(Locale.ROOT)).orElse(null));
                    statement.setString(7, ticket.body().toLowerCase(Locale.ROOT));
                    statement.setString(8, docs.get(i));
                    statement.addBatch();
                    if ((i + 1) % batch == 0 || i == tickets.size() - 1) {
                        statement.executeBatch();
                        connection.commit();
                    }
                }
            }
            connection.setAutoCommit(true);
        }
        return tickets.size() / ((System.nanoTime() - start) / 1e9);
    }
}
