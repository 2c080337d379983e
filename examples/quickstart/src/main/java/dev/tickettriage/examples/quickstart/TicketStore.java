package dev.tickettriage.examples.quickstart;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tickettriage.error.StorageException;
import dev.tickettriage.jdbc.JdbcTicketRepository;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.port.TicketRepository;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where the quickstart keeps tickets: in memory (the default; only the chunks being read back), or in a database given
 * by {@code --jdbc-url}/{@code --persist} through the JDBC store (schema created on first use), so several quickstart
 * processes on one database split the work. Closing it closes the pool.
 */
final class TicketStore implements AutoCloseable {

    private final TicketRepository repository;
    private final @Nullable HikariDataSource pool;

    private TicketStore(TicketRepository repository, @Nullable HikariDataSource pool) {
        this.repository = repository;
        this.pool = pool;
    }

    /**
     * @param retainInMemory how many tickets the in-memory store keeps (the chunks being read back)
     * @throws UsageException when the database cannot be reached or set up
     */
    static TicketStore open(Optional<String> jdbcUrl, int workers, Map<String, String> env, int retainInMemory) {
        if (jdbcUrl.isEmpty()) {
            return new TicketStore(InMemoryTicketRepository.builder().retainAtMost(retainInMemory).build(), null);
        }
        String url = jdbcUrl.get();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        String user = env.get("TRIAGE_DB_USER");
        if (user != null) {
            config.setUsername(user);
        } else if (url.startsWith("jdbc:h2:")) {
            config.setUsername("sa");
        }
        String password = env.get("TRIAGE_DB_PASSWORD");
        if (password != null) config.setPassword(password);
        config.setMaximumPoolSize(workers + 4);   // claim threads, dispatcher, LISTEN (PostgreSQL), submits
        config.setPoolName("triage-quickstart");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new UsageException("cannot connect to " + withoutSecrets(url) + ": " + e.getClass().getSimpleName()
                    + " (check the URL, TRIAGE_DB_USER and TRIAGE_DB_PASSWORD)", e);
        }
        try {
            return new TicketStore(JdbcTicketRepository.builder(pool).migrate(true).build(), pool);
        } catch (StorageException e) {
            pool.close();
            throw new UsageException("cannot set up the ticket tables in " + withoutSecrets(url) + ": " + e.getMessage(), e);
        }
    }

    /** The URL without its query string (which may carry a password). */
    static String withoutSecrets(String url) {
        int query = url.indexOf('?');
        int semicolon = url.indexOf(';');
        int cut = query < 0 ? semicolon : semicolon < 0 ? query : Math.min(query, semicolon);
        return cut < 0 ? url : url.substring(0, cut);
    }

    TicketRepository repository() {
        return repository;
    }

    @Override
    public void close() {
        if (pool != null) pool.close();
    }
}
