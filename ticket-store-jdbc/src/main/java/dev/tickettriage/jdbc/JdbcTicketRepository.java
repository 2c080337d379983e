package dev.tickettriage.jdbc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.domain.IdempotencyKey;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.StorageException;
import dev.tickettriage.jdbc.internal.Database;
import dev.tickettriage.jdbc.internal.Migrator;
import dev.tickettriage.jdbc.internal.OutboxStore;
import dev.tickettriage.jdbc.internal.SqlDialect;
import dev.tickettriage.jdbc.internal.TextGuard;
import dev.tickettriage.jdbc.internal.TicketCodec;
import dev.tickettriage.jdbc.internal.TicketStore;
import dev.tickettriage.jdbc.internal.WakeUps;
import dev.tickettriage.port.WorkAvailable;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.NotificationOutbox;
import dev.tickettriage.port.Page;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.port.TicketRepository;
import dev.tickettriage.port.TicketStats;
import dev.tickettriage.port.FieldStats;
import dev.tickettriage.port.UpdateOutcome;
import dev.tickettriage.port.BacklogStats;
import dev.tickettriage.port.CustomerKey;
import dev.tickettriage.port.ErasureReport;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.HashMap;
import java.util.EnumMap;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Category;
import java.util.ArrayList;
import dev.tickettriage.port.PageCursor;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable {@link TicketRepository} and its {@link NotificationOutbox} in a relational database (H2 2.x,
 * PostgreSQL 12+, MariaDB 10.6+) over plain JDBC: the store is the queue, so several service instances sharing
 * one database split the work through leases claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED}.
 *
 * <pre>{@code
 * HikariDataSource pool = new HikariDataSource(config);          // the host owns and closes the pool
 * TicketRepository repository = JdbcTicketRepository.builder(pool)
 *         .migrate(true)                                          // create or upgrade the tables at start-up
 *         .build();
 * }</pre>
 *
 * <p>Every ticket change, its outbox notifications and its audit entries are written in one transaction. "Now"
 * always comes from the builder's clock (never the database's {@code NOW()}), so instances and tests agree;
 * times are stored in UTC. Text the database could not return byte for byte (an unpaired UTF-16 surrogate, or
 * U+0000 on PostgreSQL) is rejected with {@link dev.tickettriage.error.InvalidInputException} naming the field.
 * Database failures are {@link StorageException}s (retryable for lost connections, deadlocks and lock
 * timeouts).
 *
 * <p>Immutable and thread-safe. It does not own the {@link DataSource}: closing the pool is the host's job.
 */
public final class JdbcTicketRepository implements TicketRepository {

    /** Default table prefix: tables are {@code triage_tickets}, {@code triage_outbox}, and so on. */
    public static final String DEFAULT_TABLE_PREFIX = "triage_";

    private static final Logger DIALECT_LOG = LoggerFactory.getLogger("dev.tickettriage.jdbc.dialect");
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,29}");

    private final JdbcDialect dialect;
    private final String tablePrefix;
    private final TicketStore tickets;
    private final OutboxStore outbox;
    private final WakeUps wakeUps;

    private JdbcTicketRepository(Builder builder, JdbcDialect dialect) {
        this.dialect = dialect;
        this.tablePrefix = builder.tablePrefix;
        SqlDialect sql = SqlDialect.of(dialect);
        Database database = new Database(builder.dataSource, sql);
        TextGuard guard = new TextGuard(sql.storesNul());
        TicketCodec codec = new TicketCodec(new ObjectMapper(), guard);
        this.outbox = new OutboxStore(database, codec, guard, builder.clock, tablePrefix);
        this.wakeUps = new WakeUps(builder.dataSource, sql, tablePrefix, builder.crossInstanceWakeUp);
        this.tickets = new TicketStore(database, codec, guard, outbox, builder.clock, tablePrefix, wakeUps);
    }

    /**
     * A builder for a repository on {@code dataSource} (use a pool such as HikariCP).
     *
     * @throws NullPointerException when dataSource is null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /** The database this repository speaks. */
    public JdbcDialect dialect() {
        return dialect;
    }

    /** The prefix of this repository's table names. */
    public String tablePrefix() {
        return tablePrefix;
    }

    @Override
    public InsertResult insert(Ticket ticket, @Nullable IdempotencyKey key) {
        return tickets.insert(Objects.requireNonNull(ticket, "ticket"), key);
    }

    @Override
    public Optional<Ticket> findById(TicketId id) {
        return tickets.findById(Objects.requireNonNull(id, "id"));
    }

    @Override
    public Ticket update(TicketChange change) {
        return tickets.update(Objects.requireNonNull(change, "change"));
    }

    @Override
    public Page<Ticket> query(TicketQuery query) {
        return tickets.query(Objects.requireNonNull(query, "query"));
    }

    @Override
    public TicketStats stats(TicketQuery query) {
        return tickets.stats(Objects.requireNonNull(query, "query"));
    }

    @Override
    public FieldStats fieldStats(TicketQuery query, String field) {
        return tickets.fieldStats(Objects.requireNonNull(query, "query"), Objects.requireNonNull(field, "field"));
    }

    @Override
    public List<Ticket> insertAll(List<Ticket> batch) {
        Objects.requireNonNull(batch, "tickets");
        batch.forEach(ticket -> Objects.requireNonNull(ticket, "ticket"));
        return tickets.insertAll(batch);
    }

    /** Two SQL queries: a count with MIN(created_at), and the newest classified tickets with their first CLASSIFIED audit time. */
    @Override
    public BacklogStats backlogStats(TicketQuery query, java.time.Instant now, int sample) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(now, "now");
        if (sample < 1) throw new IllegalArgumentException("sample must be >= 1, was " + sample);
        return tickets.backlogStats(query, now, sample);
    }

    /** One transaction: the customer's tickets are found by the indexed e-mail (lower case) or external id column. */
    @Override
    public ErasureReport eraseCustomer(CustomerKey customer, String actor) {
        return tickets.eraseCustomer(Objects.requireNonNull(customer, "customer"), Objects.requireNonNull(actor, "actor"));
    }

    /** One transaction per call; rows locked by another purge are skipped ({@code SKIP LOCKED}). */
    @Override
    public int purgeFinished(java.time.Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (limit < 1) throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        return tickets.purgeFinished(cutoff, limit);
    }

    @Override
    public List<UpdateOutcome> updateAll(List<TicketChange> changes) {
        Objects.requireNonNull(changes, "changes");
        changes.forEach(change -> Objects.requireNonNull(change, "change"));
        return tickets.updateAll(changes);
    }

    @Override
    public List<AuditEntry> auditTrail(TicketId id) {
        return tickets.auditTrail(Objects.requireNonNull(id, "id"));
    }

    @Override
    public List<Ticket> claim(String owner, int limit, Duration leaseDuration) {
        Objects.requireNonNull(owner, "owner");
        requirePositive(limit, leaseDuration);
        return tickets.claim(owner, limit, leaseDuration);
    }

    @Override
    public boolean extendLease(TicketId id, String owner, Duration leaseDuration) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        requirePositive(1, leaseDuration);
        return tickets.extendLease(id, owner, leaseDuration);
    }

    @Override
    public boolean release(TicketId id, String owner) {
        return tickets.release(Objects.requireNonNull(id, "id"), Objects.requireNonNull(owner, "owner"));
    }

    /**
     * On PostgreSQL (unless switched off in the builder): LISTENs on one dedicated connection from the pool for the
     * {@code pg_notify} that inserts, requeues and queued notifications send in their transactions, and tells
     * {@code listener} at once; after a lost connection it reconnects and tells both kinds. Elsewhere: nothing (instances
     * poll). Size the pool one connection larger per subscribed pipeline.
     */
    @Override
    public WorkSubscription onWorkAvailable(java.util.function.Consumer<WorkAvailable> listener) {
        return wakeUps.subscribe(Objects.requireNonNull(listener, "listener"));
    }

    /** The outbox in this repository's {@code <prefix>outbox} table, shared by every instance using the database. */
    @Override
    public NotificationOutbox outbox() {
        return outbox;
    }

    private static void requirePositive(int limit, Duration leaseDuration) {
        if (limit < 1) throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        if (leaseDuration.isNegative() || leaseDuration.isZero()) {
            throw new IllegalArgumentException("leaseDuration must be positive, was " + leaseDuration);
        }
    }

    @Override
    public String toString() {
        return "JdbcTicketRepository[dialect=" + dialect + ", tablePrefix=" + tablePrefix + "]";
    }

    /** Builds a {@link JdbcTicketRepository}; not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private Clock clock = Clock.systemUTC();
        private String tablePrefix = DEFAULT_TABLE_PREFIX;
        private boolean migrate;
        private boolean crossInstanceWakeUp = true;
        private @Nullable JdbcDialect dialect;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /** The clock for every "now" (timestamps, leases, due times); default {@link Clock#systemUTC()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The prefix of every table and index name: a lower-case letter, then up to 29 lower-case letters, digits or
         * underscores; default {@value #DEFAULT_TABLE_PREFIX}. Use one prefix per application sharing a schema.
         *
         * @throws IllegalArgumentException when the prefix is not such an identifier
         */
        public Builder tablePrefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("tablePrefix must match [a-z][a-z0-9_]{0,29}, was '"
                        + (prefix.length() > 40 ? prefix.substring(0, 40) + "..." : prefix) + "'");
            }
            this.tablePrefix = prefix;
            return this;
        }

        /**
         * Whether {@link #build()} creates or upgrades the tables by applying the shipped migration scripts (under a
         * database lock, so instances starting together are safe); default false: the schema must already exist.
         */
        public Builder migrate(boolean migrate) {
            this.migrate = migrate;
            return this;
        }

        /**
         * Whether, on PostgreSQL, writes that make work available send {@code pg_notify} and {@link #onWorkAvailable}
         * listens for them, so idle instances wake at once (one more statement in those transactions, one pooled
         * connection per subscription); default true. Other databases ignore it.
         */
        public Builder crossInstanceWakeUp(boolean enabled) {
            this.crossInstanceWakeUp = enabled;
            return this;
        }

        /** The database dialect; default: detected from the connection's metadata. */
        public Builder dialect(JdbcDialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * Detects the dialect (one connection), applies migrations when asked, and builds the repository.
         *
         * @throws StorageException when the database cannot be reached, is not supported, or migration fails
         */
        public JdbcTicketRepository build() {
            JdbcDialect chosen = dialect != null ? dialect : detect();
            JdbcTicketRepository repository = new JdbcTicketRepository(this, chosen);
            if (migrate) {
                new Migrator(dataSource, SqlDialect.of(chosen), tablePrefix, clock, (connection, version) -> {
                    if (version == 2) repository.tickets.backfillVersion2(connection);
                }).migrate();
            }
            return repository;
        }

        private JdbcDialect detect() {
            try (Connection connection = dataSource.getConnection()) {
                DatabaseMetaData metaData = connection.getMetaData();
                JdbcDialect detected = SqlDialect.detect(metaData);
                if (detected == null) {
                    throw new StorageException("Unsupported database " + metaData.getDatabaseProductName()
                            + "; the JDBC store supports H2 2.x, PostgreSQL 12+ and MariaDB 10.6+", null);
                }
                DIALECT_LOG.info("ticket-triage JDBC store: dialect {} for {} {} (tables '{}*')", detected,
                        metaData.getDatabaseProductName(), metaData.getDatabaseProductVersion(), tablePrefix);
                return detected;
            } catch (SQLException e) {
                throw Database.failure("detect the database dialect", e);
            }
        }

        @Override
        public String toString() {
            return "JdbcTicketRepository.Builder[tablePrefix=" + tablePrefix + ", migrate=" + migrate + ", dialect=" + dialect + "]";
        }
    }
}
