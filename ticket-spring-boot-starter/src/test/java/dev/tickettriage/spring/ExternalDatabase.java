package dev.tickettriage.spring;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL schema or MariaDB database of one test class's own (127.0.0.1:5432, user postgres, database test;
 * 127.0.0.1:3306, root, no password), dropped afterwards. When the server is down the class is skipped with a message,
 * and under {@code CI=true} it fails instead.
 */
final class ExternalDatabase implements BeforeAllCallback, AfterAllCallback {

    enum Kind { POSTGRESQL, MARIADB }

    private final Kind kind;
    private String name = "";
    private boolean created;

    private ExternalDatabase(Kind kind) {
        this.kind = kind;
    }

    static ExternalDatabase postgres() {
        return new ExternalDatabase(Kind.POSTGRESQL);
    }

    static ExternalDatabase mariadb() {
        return new ExternalDatabase(Kind.MARIADB);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        String owner = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
        name = "st_" + (owner.length() > 30 ? owner.substring(0, 30) : owner) + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute(kind == Kind.POSTGRESQL ? "CREATE SCHEMA " + name
                    : "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            created = true;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (!created) return;
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute(kind == Kind.POSTGRESQL ? "DROP SCHEMA " + name + " CASCADE" : "DROP DATABASE " + name);
        }
    }

    /** The JDBC URL of this class's schema or database. */
    String url() {
        return kind == Kind.POSTGRESQL ? "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + name
                : "jdbc:mariadb://127.0.0.1:3306/" + name;
    }

    String username() {
        return kind == Kind.POSTGRESQL ? "postgres" : "root";
    }

    private Connection admin() {
        String url = kind == Kind.POSTGRESQL ? "jdbc:postgresql://127.0.0.1:5432/test?connectTimeout=3"
                : "jdbc:mariadb://127.0.0.1:3306/test?connectTimeout=3000";
        try {
            return DriverManager.getConnection(url, username(), "");
        } catch (SQLException e) {
            String message = kind + " is not reachable at " + url + " (" + e.getSQLState() + "): start it as .ci/run does";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + "; under CI=true database tests fail instead of skipping", e);
            }
            Assumptions.abort(message + "; skipping these tests (they fail under CI=true)");
            throw new IllegalStateException("unreachable", e);
        }
    }
}
