package dev.tickettriage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

/** Pools and clean-up for the harnesses (loopback databases only). */
final class HarnessDatabases {

    static final List<String> TABLES = List.of("ticket_fields", "tickets", "audit", "outbox", "idempotency", "schema_version");

    private HarnessDatabases() {
    }

    /** A HikariCP pool on the local h2 (in memory), postgresql or mariadb test database; {@code urlOptions} is appended to the URL. */
    static HikariDataSource pool(String db, String urlOptions, int size) {
        HikariConfig config = new HikariConfig();
        switch (db) {
            case "h2": config.setJdbcUrl("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1"); config.setUsername("sa"); break;
            case "postgresql": config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test"); config.setUsername("postgres"); break;
            case "mariadb": config.setJdbcUrl("jdbc:mariadb://127.0.0.1:3306/test"); config.setUsername("root"); break;
            default: throw new IllegalArgumentException("database must be h2, postgresql or mariadb, was " + db);
        }
        config.setJdbcUrl(config.getJdbcUrl() + urlOptions);
        config.setPassword("");
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    static void drop(HikariDataSource pool, String prefix) throws Exception {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) statement.execute("DROP TABLE IF EXISTS " + prefix + table);
        }
    }
}
