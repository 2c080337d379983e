package dev.tickettriage.examples.micronaut;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tickettriage.jdbc.JdbcTicketRepository;
import dev.tickettriage.port.TicketRepository;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Objects;

/**
 * The JDBC store, when {@code triage.store.jdbc-url} is set and ticket-store-jdbc is on the classpath: a small
 * HikariCP pool for the URL and a {@link JdbcTicketRepository} that creates or upgrades its tables on start-up.
 */
@Factory
@Requires(classes = JdbcTicketRepository.class)
@Requires(property = "triage.store.jdbc-url")
final class JdbcStoreFactory {

    @Singleton
    @Named("triage")
    @Bean(preDestroy = "close")
    HikariDataSource triageDataSource(StoreProperties store) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("triage");
        config.setJdbcUrl(jdbcUrl(Objects.requireNonNull(store.jdbcUrl(), "triage.store.jdbc-url")));
        if (store.username() != null) config.setUsername(store.username());
        if (store.password() != null) config.setPassword(store.password());
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }

    /**
     * H2 closes a database from its own JVM shutdown hook, racing the context's shutdown, where the facade still
     * releases its tickets and flushes the outbox; the context closes the pool instead.
     */
    static String jdbcUrl(String url) {
        boolean h2 = url.regionMatches(true, 0, "jdbc:h2:", 0, 8);
        return h2 && !url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_ON_EXIT") ? url + ";DB_CLOSE_ON_EXIT=FALSE" : url;
    }

    @Singleton
    TicketRepository jdbcRepository(@Named("triage") HikariDataSource dataSource) {
        return JdbcTicketRepository.builder(dataSource).migrate(true).build();
    }
}
