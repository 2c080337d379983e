package dev.tickettriage.jdbc.internal;

import dev.tickettriage.jdbc.JdbcDialect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What differs between the databases: how instants and UUIDs are bound and read, the JSON column, the
 * migration lock, and whether NUL characters can be stored. Everything else is the same SQL everywhere
 * ({@code LIMIT ?}, {@code FOR UPDATE SKIP LOCKED}, {@code LIKE ? ESCAPE '!'}). Stateless and thread-safe.
 */
public abstract class SqlDialect {

    private final JdbcDialect kind;

    SqlDialect(JdbcDialect kind) {
        this.kind = kind;
    }

    public static SqlDialect of(JdbcDialect kind) {
        switch (kind) {
            case H2: return new H2();
            case POSTGRESQL: return new Postgres();
            case MARIADB: return new MariaDb();
            default: throw new IllegalArgumentException("unknown dialect " + kind);
        }
    }

    /** The dialect for a database product name as {@link DatabaseMetaData#getDatabaseProductName()} reports it. */
    public static @Nullable JdbcDialect detect(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
        String version = metaData.getDatabaseProductVersion().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) return JdbcDialect.H2;
        if (product.contains("postgres")) return JdbcDialect.POSTGRESQL;
        if (product.contains("mariadb") || version.contains("mariadb")) return JdbcDialect.MARIADB;
        return null;
    }

    public JdbcDialect kind() {
        return kind;
    }

    /** Folder of this dialect's migration scripts under {@code dev/tickettriage/jdbc/schema/}. */
    String scriptFolder() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** Whether text columns can hold U+0000 (PostgreSQL's cannot). */
    public boolean storesNul() {
        return true;
    }

    /** Whether claims must switch the connection to READ COMMITTED (the default isolation is stricter). */
    boolean claimNeedsReadCommitted() {
        return false;
    }

    /** Whether {@code UPDATE ... RETURNING} exists, so a claim locks, leases and reads its rows in one statement. */
    boolean updateReturning() {
        return false;
    }

    /**
     * Called first in every claim transaction (tickets and outbox). A claim must walk its partial index oldest first and
     * stop after {@code limit} rows, whatever the planner's statistics say; the default does nothing.
     */
    public void steerClaimPlan(Connection connection) throws SQLException {
        // the other databases plan the claim from their index statistics, which they keep up to date themselves
    }

    /** The placeholder for a JSON document parameter. */
    public String jsonParameter() {
        return "?";
    }

    /** The smallest time step the timestamp columns keep; bound instants are truncated to it. */
    ChronoUnit timePrecision() {
        return ChronoUnit.MICROS;
    }

    public Instant truncate(Instant instant) {
        return instant.truncatedTo(timePrecision());
    }

    public void bindInstant(PreparedStatement statement, int index, @Nullable Instant instant) throws SQLException {
        statement.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(truncate(instant), ZoneOffset.UTC));
    }

    public @Nullable Instant readInstant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public void bindUuid(PreparedStatement statement, int index, UUID id) throws SQLException {
        statement.setObject(index, id);
    }

    public UUID readUuid(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, UUID.class);
    }

    /** Takes the migration lock on {@code connection} (reserved for it), waiting for another instance to finish. */
    abstract void lock(Connection connection, String name) throws SQLException;

    abstract void unlock(Connection connection, String name) throws SQLException;

    /** Whether the failure is a unique-key violation (an idempotency key or id seen before). */
    public static boolean isUniqueViolation(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("23");
    }

    /** Whether the store says trying again may succeed: lost connection, deadlock, serialization failure, lock timeout. */
    public static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        if (state == null) return false;
        return state.startsWith("08") || state.startsWith("40") || state.equals("HYT00") || state.equals("55P03");
    }

    static long lockKey(String name) {
        long hash = 1125899906842597L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) hash = 31 * hash + b;
        return hash;
    }

    private static final class H2 extends SqlDialect {
        H2() {
            super(JdbcDialect.H2);
        }

        @Override
        ChronoUnit timePrecision() {
            return ChronoUnit.NANOS;
        }

        /** A row lock held by an open transaction on the reserved connection; DDL runs on another connection. */
        @Override
        void lock(Connection connection, String name) throws SQLException {
            for (int attempt = 0; ; attempt++) {
                try {
                    connection.setAutoCommit(true);
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("CREATE TABLE IF NOT EXISTS " + name + " (id INT PRIMARY KEY)");
                        statement.execute("MERGE INTO " + name + " KEY(id) VALUES (1)");
                    }
                    connection.setAutoCommit(false);
                    try (Statement statement = connection.createStatement()) {
                        statement.executeQuery("SELECT id FROM " + name + " WHERE id = 1 FOR UPDATE").close();
                    }
                    return;
                } catch (SQLException e) {
                    connection.setAutoCommit(true);
                    if (attempt >= 120 || !(isTransient(e) || isUniqueViolation(e) || "42S01".equals(e.getSQLState()))) throw e;
                }
            }
        }

        @Override
        void unlock(Connection connection, String name) throws SQLException {
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    private static final class Postgres extends SqlDialect {
        Postgres() {
            super(JdbcDialect.POSTGRESQL);
        }

        @Override
        public boolean storesNul() {
            return false;
        }

        @Override
        public String jsonParameter() {
            return "CAST(? AS jsonb)";
        }

        @Override
        boolean updateReturning() {
            return true;
        }

        /**
         * Without fresh statistics (a table just filled, or autovacuum off, as on this project's CI machine) PostgreSQL
         * underestimates the claimable rows and plans a bitmap scan of every one of them plus a sort: each claim then
         * costs O(backlog), 47 ms for 50 of 48,000 waiting tickets. Forbidding sequential scans, bitmap scans and sorts
         * for this transaction only ({@code set_config(..., true)} is {@code SET LOCAL}; the pooled connection keeps its
         * settings) leaves the ordered scan of the partial index, which stops after {@code limit} rows.
         */
        @Override
        public void steerClaimPlan(Connection connection) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('enable_seqscan', 'off', true),"
                    + " set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true)")) {
                statement.executeQuery().close();
            }
        }

        @Override
        void lock(Connection connection, String name) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                statement.setLong(1, lockKey(name));
                statement.executeQuery().close();
            }
        }

        @Override
        void unlock(Connection connection, String name) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                statement.setLong(1, lockKey(name));
                statement.executeQuery().close();
            }
        }
    }

    private static final class MariaDb extends SqlDialect {
        MariaDb() {
            super(JdbcDialect.MARIADB);
        }

        @Override
        boolean claimNeedsReadCommitted() {
            return true;
        }

        /** DATETIME(6) holds UTC wall time: bind and read LocalDateTime so no session time zone applies. */
        @Override
        public void bindInstant(PreparedStatement statement, int index, @Nullable Instant instant) throws SQLException {
            statement.setObject(index, instant == null ? null : LocalDateTime.ofInstant(truncate(instant), ZoneOffset.UTC));
        }

        @Override
        public @Nullable Instant readInstant(ResultSet rows, String column) throws SQLException {
            LocalDateTime value = rows.getObject(column, LocalDateTime.class);
            return value == null ? null : value.toInstant(ZoneOffset.UTC);
        }

        /** CHAR(36) ascii_bin: the lower-case text form sorts as TicketId compares (unsigned, most significant first). */
        @Override
        public void bindUuid(PreparedStatement statement, int index, UUID id) throws SQLException {
            statement.setString(index, id.toString());
        }

        @Override
        public UUID readUuid(ResultSet rows, String column) throws SQLException {
            return UUID.fromString(rows.getString(column));
        }

        @Override
        void lock(Connection connection, String name) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, 120)")) {
                statement.setString(1, name);
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next() || rows.getInt(1) != 1) throw new SQLException("timed out waiting for lock " + name, "HYT00");
                }
            }
        }

        @Override
        void unlock(Connection connection, String name) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                statement.setString(1, name);
                statement.executeQuery().close();
            }
        }
    }
}
