package dev.tickettriage.jdbc.internal;

import dev.tickettriage.port.TicketRepository.WorkSubscription;
import dev.tickettriage.port.WorkAvailable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Cross-instance wake-ups. On PostgreSQL a write that makes work available also sends {@code pg_notify(channel,
 * kind)} in its transaction (delivered at commit, dropped at rollback), and a subscription LISTENs on one dedicated
 * connection; elsewhere both are no-ops and instances find work by polling. Thread-safe.
 */
public final class WakeUps {

    private final DataSource dataSource;
    private final boolean enabled;
    private final String channel;

    public WakeUps(DataSource dataSource, SqlDialect dialect, String prefix, boolean wanted) {
        this.dataSource = dataSource;
        this.enabled = wanted && dialect.kind() == dev.tickettriage.jdbc.JdbcDialect.POSTGRESQL;
        this.channel = prefix + "work";
    }

    public boolean enabled() {
        return enabled;
    }

    /** Queues a notification of {@code kind} in the transaction of {@code connection} (sent at its commit). */
    void send(Connection connection, WorkAvailable kind) throws SQLException {
        if (!enabled) return;
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            statement.setString(1, channel);
            statement.setString(2, kind.name());
            statement.executeQuery().close();
        }
    }

    /** Listens on a dedicated connection from the pool until the subscription is closed. */
    public WorkSubscription subscribe(Consumer<WorkAvailable> listener) {
        if (!enabled) return WorkSubscription.NONE;
        PgListener pg = new PgListener(dataSource, channel, listener);
        pg.start();
        return pg::close;
    }
}
