package dev.tickettriage.jdbc.internal;

import dev.tickettriage.error.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work on a connection from the host's {@link DataSource}: one transaction (claims at READ COMMITTED, so
 * MariaDB takes no gap locks and SKIP LOCKED skips only rows really held) or one auto-committed statement, and maps
 * {@link SQLException} to {@link StorageException} (retryable when the database says so). Thread-safe.
 */
public final class Database {

    /** Work on a connection; may throw SQLException, which {@link Database} maps. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final SqlDialect dialect;

    public Database(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one transaction at the connection's isolation; {@code what} names the operation in a failure message. */
    public <T> T inTransaction(String what, Work<T> work) {
        return transaction(what, false, false, work);
    }

    /**
     * Runs a claim ({@code SELECT ... FOR UPDATE SKIP LOCKED} and its update) in one transaction at READ COMMITTED where
     * the database's default is stricter (MariaDB's REPEATABLE READ would take gap locks that block inserts), with the
     * planner steered to the claim's index where the dialect needs it ({@link SqlDialect#steerClaimPlan}).
     */
    public <T> T inClaimTransaction(String what, Work<T> work) {
        return transaction(what, true, dialect.claimNeedsReadCommitted(), work);
    }

    private <T> T transaction(String what, boolean claim, boolean readCommitted, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = readCommitted ? connection.getTransactionIsolation() : Connection.TRANSACTION_READ_COMMITTED;
            if (isolation != Connection.TRANSACTION_READ_COMMITTED) connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            if (autoCommit) connection.setAutoCommit(false);
            try {
                if (claim) dialect.steerClaimPlan(connection);
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                if (autoCommit) connection.setAutoCommit(true);
                if (isolation != Connection.TRANSACTION_READ_COMMITTED) connection.setTransactionIsolation(isolation);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} on an auto-commit connection (single statements and reads). */
    public <T> T read(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) connection.setAutoCommit(true);
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** The message names the operation and the SQL state; the database's own message stays in the cause (it may echo values). */
    public static StorageException failure(String what, SQLException e) {
        String message = "Could not " + what + " (SQL state " + e.getSQLState() + ", " + e.getClass().getSimpleName() + ")";
        return SqlDialect.isTransient(e) ? StorageException.retryable(message + "; try again", e) : new StorageException(message, e);
    }
}
