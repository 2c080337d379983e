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
        config.setJdbcUrl(store.jdbcUrl());
        if (store.username() != null) config.setUsername(store.username());
        if (store.password() != null) config.setPassword(store.password());
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }

    @Singleton
    TicketRepository jdbcRepository(@Named("triage") HikariDataSource dataSource) {
        return JdbcTicketRepository.builder(dataSource).migrate(true).build();
    }
}
