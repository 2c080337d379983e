package dev.tickettriage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.UpdateOutcome;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Insert and claim + complete throughput of the JDBC store. Not a unit test (it times things); run it as BENCHMARKS.md
 * shows: {@code ClaimThroughputHarness <h2|postgresql|mariadb> [tickets=20000] [workers=4] [batch=50] [batched|single]
 * [jdbc-url-suffix]}.
 *
 * <ol>
 *   <li>Insert, side by side in the same run: a hand-written batched JDBC insert of the same rows (documents encoded
 *       before the clock starts) against {@code insertAll} (which encodes and checks them), 500 rows per transaction,
 *       one thread, alternating twice; then the rest of the tickets with {@code insertAll}.</li>
 *   <li>Claim + complete: W workers, each on its own pooled connection, loop {@code claim(batch)} and complete the
 *       claimed tickets as PROCESSED with one {@code updateAll} (batched) or one {@code update} each (single).</li>
 * </ol>
 * Checks every ticket was completed exactly once and prints the figures.
 */
public final class ClaimThroughputHarness {

    private static final int INSERT_BATCH = 500;

    private ClaimThroughputHarness() {
    }

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "postgresql";
        int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        boolean batched = !(args.length > 4 && args[4].equals("single"));
        String urlOptions = args.length > 5 ? args[5] : "";
        String prefix = "bench" + UUID.randomUUID().toString().substring(0, 6) + "_";
        try (HikariDataSource pool = HarnessDatabases.pool(db, urlOptions, workers + 2)) {
            JdbcTicketRepository repository = JdbcTicketRepository.builder(pool).tablePrefix(prefix).migrate(true).build();
            Clock clock = Clock.systemUTC();
            List<Ticket> fresh = new ArrayList<>(tickets);
            for (int i = 0; i < tickets; i++) {
                fresh.add(TicketFixtures.aTicket().createdAt(clock.instant()).withBody("Question about invoice " + i).build());
            }

            // ---- insert: raw batched JDBC vs insertAll, same rows, same batch size, one thread, alternating ----
            RawInsert raw = new RawInsert(pool, repository, prefix);
            int slice = Math.min(tickets / 5, 4_000);
            double[] rawRates = new double[2];
            double[] storeRates = new double[2];
            int next = 0;
            for (int round = 0; round < 2; round++) {
                List<Ticket> a = fresh.subList(next, next + slice);
                next += slice;
                List<Ticket> b = fresh.subList(next, next + slice);
                next += slice;
                rawRates[round] = raw.insert(a, INSERT_BATCH);
                long start = System.nanoTime();
                for (int i = 0; i < b.size(); i += INSERT_BATCH) repository.insertAll(b.subList(i, Math.min(b.size(), i + INSERT_BATCH)));
                storeRates[round] = b.size() / ((System.nanoTime() - start) / 1e9);
            }
            List<Ticket> rest = fresh.subList(next, tickets);
            for (int i = 0; i < rest.size(); i += INSERT_BATCH) repository.insertAll(rest.subList(i, Math.min(rest.size(), i + INSERT_BATCH)));
            double rawBest = Math.max(rawRates[0], rawRates[1]);
            double storeBest = Math.max(storeRates[0], storeRates[1]);
            System.out.printf("%s: insert %d rows, batches of %d, 1 thread: raw JDBC %.0f/%.0f rows/s, insertAll %.0f/%.0f rows/s;"
                    + " best insertAll / best raw = %.0f%%%n", db, slice, INSERT_BATCH, rawRates[0], rawRates[1], storeRates[0],
                    storeRates[1], 100 * storeBest / rawBest);

            // ---- claim + complete ----
            Map<TicketId, AtomicInteger> completions = new ConcurrentHashMap<>();
            AtomicLong claimNanos = new AtomicLong();
            CpuMeter cpu = CpuMeter.start();
            long start = System.nanoTime();
            run(workers, worker -> {
                String owner = "bench-worker-" + worker;
                int done = 0;
                while (true) {
                    long claimStart = System.nanoTime();
                    List<Ticket> claimed = repository.claim(owner, batch, Duration.ofMinutes(5));
                    claimNanos.addAndGet(System.nanoTime() - claimStart);
                    if (claimed.isEmpty()) break;
                    Instant now = clock.instant();
                    if (batched) {
                        List<TicketChange> changes = new ArrayList<>(claimed.size());
                        for (Ticket ticket : claimed) {
                            changes.add(TicketChange.of(ticket.toBuilder().processing(ticket.processing().processed()).updatedAt(now).build()));
                        }
                        List<UpdateOutcome> outcomes = repository.updateAll(changes);
                        for (UpdateOutcome outcome : outcomes) {
                            Ticket stored = outcome.ticket().orElseThrow(() -> new IllegalStateException("a complete failed: " + outcome));
                            completions.computeIfAbsent(stored.id(), id -> new AtomicInteger()).incrementAndGet();
                            done++;
                        }
                    } else {
                        for (Ticket ticket : claimed) {
                            repository.update(ticket.toBuilder().processing(ticket.processing().processed()).updatedAt(now).build());
                            completions.computeIfAbsent(ticket.id(), id -> new AtomicInteger()).incrementAndGet();
                            done++;
                        }
                    }
                }
                return done;
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            long wrong = completions.values().stream().filter(count -> count.get() != 1).count();
            System.out.printf("%s: claim+complete %d tickets, %d workers, claim batch %d, %s: %.2f s, %.0f tickets/s; completed %d,"
                    + " not exactly once %d%n", db, tickets, workers, batch, batched ? "updateAll per batch" : "update per ticket",
                    seconds, tickets / seconds, completions.size(), wrong);
            double jvmCpu = cpu.jvmSeconds();
            double serverCpu = cpu.serverSecondsSinceStart();
            System.out.printf("%s: CPU per ticket: JVM %.0f us, database server %.0f us; 2 cores / that = %.0f tickets/s if the"
                    + " machine were ours alone%n", db, 1e6 * jvmCpu / tickets, 1e6 * serverCpu / tickets,
                    2 * tickets / (jvmCpu + serverCpu));
            System.out.printf("%s: time in claim calls %.1f%% of worker time%n", db, 100.0 * claimNanos.get() / (workers * seconds * 1e9));
            if (completions.size() != tickets || wrong != 0) throw new IllegalStateException("not every ticket completed exactly once");
            HarnessDatabases.drop(pool, prefix);
        }
    }

    interface Task {
        int run(int worker) throws Exception;
    }

    static void run(int threads, Task task) throws Exception {
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
