package dev.tickettriage.jdbc.internal;

import dev.tickettriage.error.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned scripts {@code dev/tickettriage/jdbc/schema/<dialect>/V<n>__<description>.sql} that are
 * not yet recorded in {@code <prefix>schema_version}, in order, under a lock so that instances starting together
 * apply each script once (PostgreSQL advisory lock, MariaDB GET_LOCK, H2 a row lock in {@code <prefix>schema_lock}).
 * A recorded script whose checksum changed is an error. Scripts are split at semicolons that end a line.
 */
public final class Migrator {

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    /** The scripts this release ships, oldest first. */
    public static final List<String> SCRIPTS = List.of("V1__tickets_audit_outbox_idempotency.sql", "V2__ticket_fields_customer_keys.sql",
            "V3__h2_text_columns.sql");

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final String prefix;
    private final Clock clock;
    private final DataStep dataStep;

    /** Data work that follows a script (filling new columns from the documents); runs under the lock, in a transaction. */
    @FunctionalInterface
    public interface DataStep {
        void afterScript(Connection connection, int version) throws SQLException;
    }

    public Migrator(DataSource dataSource, SqlDialect dialect, String prefix, Clock clock) {
        this(dataSource, dialect, prefix, clock, (connection, version) -> { });
    }

    public Migrator(DataSource dataSource, SqlDialect dialect, String prefix, Clock clock, DataStep dataStep) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.prefix = prefix;
        this.clock = clock;
        this.dataStep = dataStep;
    }

    /** Applies the missing scripts; returns how many were applied (0 when the schema is current). */
    public int migrate() {
        return migrateTo(Integer.MAX_VALUE);
    }

    /** Applies the missing scripts up to version {@code last} (tests of upgrades from an older schema). */
    public int migrateTo(int last) {
        String lockName = prefix + "schema_lock";
        try (Connection lock = dataSource.getConnection()) {
            dialect.lock(lock, lockName);
            try (Connection connection = dataSource.getConnection()) {
                return applyMissing(connection, last);
            } finally {
                dialect.unlock(lock, lockName);
            }
        } catch (SQLException e) {
            throw new StorageException("Could not migrate the ticket-triage schema (" + e.getSQLState() + "); check the database"
                    + " user may create tables", e);
        }
    }

    private int applyMissing(Connection connection, int last) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + prefix + "schema_version (version INT NOT NULL PRIMARY KEY,"
                    + " description VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at VARCHAR(40) NOT NULL)");
        }
        Map<Integer, String> applied = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, checksum FROM " + prefix + "schema_version")) {
            while (rows.next()) applied.put(rows.getInt(1), rows.getString(2));
        }
        int count = 0;
        for (String script : SCRIPTS) {
            int version = Integer.parseInt(script.substring(1, script.indexOf("__")));
            if (version > last) break;
            String text = read(script);
            String checksum = sha256(text);
            String recorded = applied.get(version);
            if (recorded != null) {
                if (!recorded.equals(checksum)) {
                    throw new StorageException("Schema script " + script + " changed after it was applied (checksum differs);"
                            + " restore it or fix " + prefix + "schema_version by hand", null);
                }
                continue;
            }
            apply(connection, script, text, version, checksum);
            count++;
        }
        return count;
    }

    private void apply(Connection connection, String script, String text, int version, String checksum) throws SQLException {
        // PostgreSQL and H2 run DDL inside the transaction; MariaDB commits each DDL statement itself
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements(text.replace("${prefix}", prefix))) statement.execute(sql);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + prefix
                    + "schema_version (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                insert.setInt(1, version);
                insert.setString(2, script.substring(script.indexOf("__") + 2, script.length() - 4));
                insert.setString(3, checksum);
                insert.setString(4, clock.instant().toString());
                insert.executeUpdate();
            }
            connection.commit();
            dataStep.afterScript(connection, version);
            connection.commit();
            LOG.info("Applied schema script {} ({} tables prefix '{}')", script, dialect.kind(), prefix);
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private String read(String script) {
        String path = "/dev/tickettriage/jdbc/schema/" + dialect.scriptFolder() + "/" + script;
        try (InputStream in = Migrator.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("schema script " + path + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StorageException("Could not read schema script " + path, e);
        }
    }

    static List<String> statements(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) continue;
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) statements.add(current.toString().strip());
        return statements;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }
}
