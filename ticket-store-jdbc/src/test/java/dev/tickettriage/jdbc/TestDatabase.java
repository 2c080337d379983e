package dev.tickettriage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database for one test class: its own PostgreSQL schema, MariaDB database or H2 in-memory database, dropped
 * afterwards, behind a small HikariCP pool. PostgreSQL (127.0.0.1:5432, user postgres, database test) and MariaDB
 * (127.0.0.1:3306, root, database test) tests skip with a message when the server is down, and fail instead under
 * {@code CI=true}.
 */
final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

    static final List<String> TABLES = List.of("ticket_fields", "tickets", "audit", "outbox", "idempotency");

    private final JdbcDialect kind;
    private String name = "";
    private HikariDataSource pool;
    private String url = "";

    private TestDatabase(JdbcDialect kind) {
        this.kind = kind;
    }

    static TestDatabase h2() {
        return new TestDatabase(JdbcDialect.H2);
    }

    static TestDatabase postgres() {
        return new TestDatabase(JdbcDialect.POSTGRESQL);
    }

    static TestDatabase mariadb() {
        return new TestDatabase(JdbcDialect.MARIADB);
    }

    JdbcDialect kind() {
        return kind;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String owner = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
        name = "tt_" + (owner.length() > 30 ? owner.substring(0, 30) : owner) + "_" + UUID.randomUUID().toString().substring(0, 8);
        String url;
        switch (kind) {
            case H2:
                url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
                break;
            case POSTGRESQL:
                try (Connection admin = serverConnection("jdbc:postgresql://127.0.0.1:5432/test?connectTimeout=3", "postgres");
                     Statement statement = admin.createStatement()) {
                    statement.execute("CREATE SCHEMA " + name);
                }
                url = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + name;
                break;
            case MARIADB:
                try (Connection admin = serverConnection("jdbc:mariadb://127.0.0.1:3306/test?connectTimeout=3000", "root");
                     Statement statement = admin.createStatement()) {
                    statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                }
                url = "jdbc:mariadb://127.0.0.1:3306/" + name;
                break;
            default:
                throw new IllegalStateException("unknown dialect " + kind);
        }
        this.url = url;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(kind == JdbcDialect.MARIADB ? "root" : kind == JdbcDialect.POSTGRESQL ? "postgres" : "sa");
        config.setPassword("");
        config.setMaximumPoolSize(10);
        config.setPoolName(name);
        pool = new HikariDataSource(config);
    }

    private Connection serverConnection(String url, String user) {
        return connectOrSkip(kind, url, user, "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /** A connection to the server, or (server down) a skip on a laptop and a failure under CI. */
    static Connection connectOrSkip(JdbcDialect kind, String url, String user, boolean underCi) {
        try {
            return DriverManager.getConnection(url, user, "");
        } catch (SQLException e) {
            String message = kind + " is not reachable at " + url + " (" + e.getSQLState() + "): start it as .ci/run does";
            if (underCi) {
                throw new IllegalStateException(message + "; under CI=true database tests fail instead of skipping", e);
            }
            Assumptions.abort(message + "; skipping these tests (they fail under CI=true)");
            throw new IllegalStateException("unreachable");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (pool == null) return;
        pool.close();
        switch (kind) {
            case POSTGRESQL:
                try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                     Statement statement = admin.createStatement()) {
                    statement.execute("DROP SCHEMA " + name + " CASCADE");
                }
                break;
            case MARIADB:
                try (Connection admin = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
                     Statement statement = admin.createStatement()) {
                    statement.execute("DROP DATABASE " + name);
                }
                break;
            default:
                break;
        }
    }

    /** The JDBC URL of this class's schema or database (for child processes). */
    String url() {
        return url;
    }

    String user() {
        return kind == JdbcDialect.MARIADB ? "root" : kind == JdbcDialect.POSTGRESQL ? "postgres" : "sa";
    }

    DataSource dataSource() {
        return pool;
    }

    /** Deletes every row of the tables with {@code prefix} that exist. */
    void empty(String prefix) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                if (exists(connection, prefix + table)) statement.executeUpdate("DELETE FROM " + prefix + table);
            }
        }
    }

    static boolean exists(Connection connection, String table) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        for (String candidate : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rows = metaData.getTables(connection.getCatalog(), connection.getSchema(), candidate, null)) {
                if (rows.next()) return true;
            }
        }
        return false;
    }
}
