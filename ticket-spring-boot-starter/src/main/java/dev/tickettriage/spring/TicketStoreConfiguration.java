package dev.tickettriage.spring;

import dev.tickettriage.jdbc.JdbcTicketRepository;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.port.TicketRepository;
import dev.tickettriage.spring.TicketTriageProperties.Jdbc;
import dev.tickettriage.spring.TicketTriageProperties.StoreType;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * The ticket store: JDBC (ticket-store-jdbc) on {@code ticket-triage.store.jdbc.url} (its own HikariCP pool) or on the
 * context's {@code DataSource}, else in memory.
 */
@Configuration(proxyBeanMethods = false)
class TicketStoreConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TicketStoreConfiguration.class);

    /** The store when ticket-store-jdbc is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.tickettriage.jdbc.JdbcTicketRepository")
    static class JdbcStore {

        @Bean
        @ConditionalOnMissingBean(TicketRepository.class)
        TicketStore ticketStore(TicketTriageProperties properties, ObjectProvider<DataSource> dataSources) {
            StoreType type = properties.getStore().getType();
            TicketTriageProperties.Jdbc jdbc = properties.getStore().getJdbc();
            boolean hasUrl = jdbc.getUrl() != null && !jdbc.getUrl().isBlank();
            if (type == StoreType.MEMORY) return TicketStore.memory();
            if (hasUrl) {
                DataSource pool = pool(jdbc);
                try {
                    return new TicketStore(repository(pool, jdbc), (AutoCloseable) pool);
                } catch (RuntimeException e) {
                    HikariPools.close(pool);
                    throw e;
                }
            }
            @Nullable DataSource dataSource = dataSources.getIfUnique();
            if (dataSource != null) return new TicketStore(repository(dataSource, jdbc), null);
            if (type == StoreType.JDBC) {
                throw new IllegalStateException("ticket-triage.store.type=jdbc needs ticket-triage.store.jdbc.url "
                        + "or exactly one DataSource bean in the context");
            }
            return TicketStore.memory();
        }

        private static DataSource pool(Jdbc jdbc) {
            if (!ClassUtils.isPresent("com.zaxxer.hikari.HikariDataSource", JdbcStore.class.getClassLoader())) {
                throw new IllegalStateException("ticket-triage.store.jdbc.url needs com.zaxxer:HikariCP on the classpath "
                        + "(or define a DataSource bean instead)");
            }
            return HikariPools.open(jdbc);
        }

        private static TicketRepository repository(DataSource dataSource, Jdbc jdbc) {
            JdbcTicketRepository repository = JdbcTicketRepository.builder(dataSource)
                    .tablePrefix(jdbc.getTablePrefix()).migrate(jdbc.isMigrate()).build();
            LOG.info("Ticket store: JDBC ({}), tables {}*", repository.dialect(), repository.tablePrefix());
            return repository;
        }
    }

    /** Without ticket-store-jdbc: memory, or a clear failure when JDBC was asked for. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("dev.tickettriage.jdbc.JdbcTicketRepository")
    static class MemoryStore {

        @Bean
        @ConditionalOnMissingBean(TicketRepository.class)
        TicketStore ticketStore(TicketTriageProperties properties) {
            StoreType type = properties.getStore().getType();
            String url = properties.getStore().getJdbc().getUrl();
            if (type == StoreType.JDBC || (type == StoreType.AUTO && url != null && !url.isBlank())) {
                throw new IllegalStateException("ticket-triage.store.jdbc needs dev.tickettriage:ticket-store-jdbc on the classpath");
            }
            return TicketStore.memory();
        }
    }

    /** The repository and the pool it owns (closed with it); a holder, so the pool is no DataSource bean of the host's. */
    static final class TicketStore implements AutoCloseable {
        private final TicketRepository repository;
        private final @Nullable AutoCloseable pool;

        TicketStore(TicketRepository repository, @Nullable AutoCloseable pool) {
            this.repository = repository;
            this.pool = pool;
        }

        static TicketStore memory() {
            LOG.info("Ticket store: in memory (tickets are lost on restart; set ticket-triage.store.jdbc.url to keep them)");
            return new TicketStore(InMemoryTicketRepository.builder().build(), null);
        }

        TicketRepository repository() {
            return repository;
        }

        @Override
        public void close() throws Exception {
            if (pool != null) pool.close();
        }
    }
}
