package dev.tickettriage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.testkit.TicketFixtures;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Claim + complete throughput: N tickets inserted (4 threads), then W workers each loop {@code claim(batch)} and
 * one {@code update} per ticket to PROCESSED, each on its own pooled connection. Prints tickets/s and checks every
 * ticket was completed exactly once. Not a unit test (it times things); run it as BENCHMARKS.md shows:
 * {@code ClaimThroughputHarness <h2|postgresql|mariadb> [tickets=20000] [workers=4] [batch=50] [jdbc-url-suffix]}.
 */
public final class ClaimThroughputHarness {

    private ClaimThroughputHarness() {
    }

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "postgresql";
        int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        String urlOptions = args.length > 4 ? args[4] : "";
        String prefix = "bench" + UUID.randomUUID().toString().substring(0, 6) + "_";
        HikariConfig config = new HikariConfig();
        switch (db) {
            case "h2": config.setJdbcUrl("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1"); config.setUsername("sa"); break;
            case "postgresql": config.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test"); config.setUsername("postgres"); break;
            case "mariadb": config.setJdbcUrl("jdbc:mariadb://127.0.0.1:3306/test"); config.setUsername("root"); break;
            default: throw new IllegalArgumentException("database must be h2, postgresql or mariadb, was " + db);
        }
        config.setJdbcUrl(config.getJdbcUrl() + urlOptions);
        config.setPassword("");
        config.setMaximumPoolSize(workers + 2);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            JdbcTicketRepository repository = JdbcTicketRepository.builder(pool).tablePrefix(prefix).migrate(true).build();
            Clock clock = Clock.systemUTC();
            List<Ticket> fresh = new ArrayList<>(tickets);
            for (int i = 0; i < tickets; i++) {
                fresh.add(TicketFixtures.aTicket().createdAt(clock.instant()).withBody("Question about invoice " + i).build());
            }
            long insertStart = System.nanoTime();
            run(4, worker -> {
                for (int i = worker; i < tickets; i += 4) repository.insert(fresh.get(i));
                return 0;
            });
            double insertSeconds = (System.nanoTime() - insertStart) / 1e9;

            Map<TicketId, AtomicInteger> completions = new ConcurrentHashMap<>();
            java.util.concurrent.atomic.AtomicLong claimNanos = new java.util.concurrent.atomic.AtomicLong();
            long start = System.nanoTime();
            run(workers, worker -> {
                String owner = "bench-worker-" + worker;
                List<Ticket> claimed;
                int done = 0;
                while (true) {
                    long claimStart = System.nanoTime();
                    claimed = repository.claim(owner, batch, Duration.ofMinutes(5));
                    claimNanos.addAndGet(System.nanoTime() - claimStart);
                    if (claimed.isEmpty()) break;
                    for (Ticket ticket : claimed) {
                        repository.update(ticket.toBuilder().processing(ticket.processing().processed()).updatedAt(Instant.now(clock)).build());
                        completions.computeIfAbsent(ticket.id(), id -> new AtomicInteger()).incrementAndGet();
                        done++;
                    }
                }
                return done;
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            long twice = completions.values().stream().filter(count -> count.get() != 1).count();
            System.out.printf("%s: insert %d tickets (4 threads, one insert per transaction): %.0f tickets/s%n", db, tickets,
                    tickets / insertSeconds);
            System.out.printf("%s: claim+complete %d tickets, %d workers, batch %d: %.2f s, %.0f tickets/s; completed %d, not exactly once %d%n",
                    db, tickets, workers, batch, seconds, tickets / seconds, completions.size(), twice);
            System.out.printf("%s: time in claim calls %.1f%% of worker time%n", db, 100.0 * claimNanos.get() / (workers * seconds * 1e9));
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                for (String table : List.of("tickets", "audit", "outbox", "idempotency", "schema_version")) {
                    statement.execute("DROP TABLE " + prefix + table);
                }
            }
        }
    }

    interface Task {
        int run(int worker) throws Exception;
    }

    private static void run(int threads, Task task) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int worker = i;
                futures.add(executor.submit(() -> task.run(worker)));
            }
            for (Future<Integer> future : futures) future.get();
        } finally {
            executor.shutdownNow();
        }
    }
}
