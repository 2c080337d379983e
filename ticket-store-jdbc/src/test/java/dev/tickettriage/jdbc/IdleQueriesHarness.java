package dev.tickettriage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.testkit.RecordingNotifier;
import dev.tickettriage.testkit.ScriptedClassifier;
import dev.tickettriage.testkit.TicketFixtures;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Idle load per instance and cross-instance latency on PostgreSQL: one started {@code TicketTriage} with nothing to do
 * for {@code seconds}, counting the store's database operations (connection checkouts, each one statement or one short
 * transaction) per second, for a poll interval of {@code poll} with and without LISTEN/NOTIFY; then the time from a
 * submit on another instance to the ticket being PROCESSED. Not a unit test; run it as BENCHMARKS.md shows:
 * {@code IdleQueriesHarness [seconds=20]}.
 */
public final class IdleQueriesHarness {

    private IdleQueriesHarness() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (HikariDataSource pool = HarnessDatabases.pool("postgresql", "", 10)) {
            run(pool, seconds, Duration.ofSeconds(1), false);
            run(pool, seconds, Duration.ofSeconds(1), true);
            run(pool, seconds, Duration.ofSeconds(30), true);
        }
    }

    private static void run(HikariDataSource pool, int seconds, Duration poll, boolean notify) throws Exception {
        String prefix = "idle" + UUID.randomUUID().toString().substring(0, 6) + "_";
        CountingDataSource counted = new CountingDataSource(pool);
        ScriptedClassifier classifier = ScriptedClassifier.builder()
                .otherwise(TicketFixtures.aClassification().category(Category.of("billing")).build()).withoutCallRecording().build();
        JdbcTicketRepository watched = JdbcTicketRepository.builder(counted).tablePrefix(prefix).migrate(true).crossInstanceWakeUp(notify).build();
        JdbcTicketRepository other = JdbcTicketRepository.builder(pool).tablePrefix(prefix).crossInstanceWakeUp(notify).build();
        try (TicketTriage idle = TicketTriage.builder().repository(watched).classifier(classifier).defaultNotifier(new RecordingNotifier())
                .workers(WorkerConfig.ofDefaults().withInstanceId("idle").withPollInterval(poll)).build();
             TicketTriage front = TicketTriage.builder().repository(other).classifier(classifier).defaultNotifier(new RecordingNotifier())
                     .workers(WorkerConfig.ofDefaults().withWorkers(0).withInstanceId("front")).build()) {
            idle.start();
            Thread.sleep(3_000);   // settle: start-up claims, the LISTEN connection
            long before = counted.checkouts.get();
            Thread.sleep(seconds * 1_000L);
            double perSecond = (counted.checkouts.get() - before) / (double) seconds;
            long latencyTotal = 0;
            int samples = 5;
            for (int i = 0; i < samples; i++) {
                long start = System.nanoTime();
                Ticket ticket = front.submit(NewTicket.of("Where is my invoice " + i + "?"));
                while (front.find(ticket.id()).orElseThrow().processingState() != ProcessingState.PROCESSED) Thread.sleep(5);
                latencyTotal += System.nanoTime() - start;
                Thread.sleep(500);
            }
            System.out.printf("poll %s, LISTEN/NOTIFY %s: idle %.2f store operations/s per instance (2 claim threads,"
                    + " dispatcher, reconciliation); submit elsewhere -> PROCESSED: mean %.0f ms over %d%n", poll,
                    notify ? "on" : "off", perSecond, latencyTotal / 1e6 / samples, samples);
        }
        HarnessDatabases.drop(pool, prefix);
    }

    /** Counts connection checkouts: every repository operation takes one. */
    private static final class CountingDataSource implements DataSource {
        private final DataSource delegate;
        final AtomicLong checkouts = new AtomicLong();

        CountingDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            checkouts.incrementAndGet();
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            checkouts.incrementAndGet();
            return delegate.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return delegate.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return delegate.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return delegate.isWrapperFor(type);
        }
    }
}
