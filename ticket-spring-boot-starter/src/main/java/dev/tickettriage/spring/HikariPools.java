package dev.tickettriage.spring;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tickettriage.spring.TicketTriageProperties.Jdbc;
import javax.sql.DataSource;

/** The store's own HikariCP pool; loaded only when HikariCP is on the classpath. */
final class HikariPools {

    private HikariPools() {
    }

    static DataSource open(Jdbc jdbc) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbc.getUrl());
        if (jdbc.getUsername() != null) config.setUsername(jdbc.getUsername());
        if (jdbc.getPassword() != null) config.setPassword(jdbc.getPassword());
        config.setMaximumPoolSize(jdbc.getMaximumPoolSize());
        config.setPoolName("ticket-triage");
        return new HikariDataSource(config);
    }

    static void close(DataSource pool) {
        ((HikariDataSource) pool).close();
    }
}
