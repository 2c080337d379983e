package dev.tickettriage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.testkit.TicketFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separate worker JVMs ({@link WorkerProcess}) sharing one database: each ticket completed exactly once, also when a
 * worker is killed with SIGKILL mid-batch. 2,000 tickets in {@code mvn verify}; the 20,000-ticket run of the issue is
 * {@code -Dtriage.multiprocess.tickets=20000} (BENCHMARKS.md records it).
 */
abstract class MultiProcessChecks {

    private static final int TICKETS = Integer.getInteger("triage.multiprocess.tickets", 2_000);

    @TempDir
    Path outputs;

    abstract TestDatabase database();

    private Set<String> insert(String prefix) {
        JdbcTicketRepository repository = JdbcTicketRepository.builder(database().dataSource()).tablePrefix(prefix).migrate(true).build();
        Set<String> ids = new HashSet<>();
        List<Ticket> batch = new ArrayList<>();
        for (int i = 0; i < TICKETS; i++) {
            batch.add(TicketFixtures.aTicket().createdAt(Clock.systemUTC().instant()).withBody("Multi-process ticket " + i).build());
            if (batch.size() == 500 || i == TICKETS - 1) {
                repository.insertAll(batch).forEach(ticket -> ids.add(ticket.id().toString()));
                batch.clear();
            }
        }
        return ids;
    }

    private Process worker(String prefix, String owner, int leaseSeconds, boolean stall) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName(),
                database().url(), database().user(), prefix, owner, "50", Integer.toString(leaseSeconds), stall ? "stall" : "run",
                outputs.resolve("go").toString())
                .redirectOutput(outputs.resolve(owner + ".out").toFile())
                .redirectError(outputs.resolve(owner + ".err").toFile())
                .start();
    }

    /** Waits until every worker is up and waiting at the start line, then lets them go at once. */
    private void startTogether(String... owners) throws IOException {
        for (String owner : owners) {
            await().atMost(Duration.ofMinutes(2)).until(() -> Files.readString(outputs.resolve(owner + ".out")).contains("ready"));
        }
        Files.writeString(outputs.resolve("go"), "go");
    }

    private Map<String, Integer> completions(String... owners) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (String owner : owners) {
            for (String line : Files.readAllLines(outputs.resolve(owner + ".out"), StandardCharsets.UTF_8)) {
                if (line.startsWith("done ")) counts.merge(line.substring(5), 1, Integer::sum);
            }
        }
        return counts;
    }

    private void awaitExit(Process process, String owner) throws Exception {
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(owner + " finished").isTrue();
        assertThat(process.exitValue()).as(owner + " exit code; stderr: " + Files.readString(outputs.resolve(owner + ".err"))).isZero();
    }

    @Test
    void should_complete_each_ticket_exactly_once_when_two_jvms_claim_from_one_database() throws Exception {
        String prefix = "mp" + UUID.randomUUID().toString().substring(0, 6) + "_";
        Set<String> inserted = insert(prefix);

        Process first = worker(prefix, "jvm-a", 60, false);
        Process second = worker(prefix, "jvm-b", 60, false);
        startTogether("jvm-a", "jvm-b");
        awaitExit(first, "jvm-a");
        awaitExit(second, "jvm-b");

        Map<String, Integer> done = completions("jvm-a", "jvm-b");
        assertThat(done.keySet()).isEqualTo(inserted);
        assertThat(done.values()).containsOnly(1);
        assertThat(completions("jvm-a")).isNotEmpty();
        assertThat(completions("jvm-b")).isNotEmpty();
        JdbcTicketRepository reader = JdbcTicketRepository.builder(database().dataSource()).tablePrefix(prefix).build();
        assertThat(reader.stats(TicketQuery.all()).count(ProcessingState.PROCESSED)).isEqualTo(TICKETS);
    }

    @Test
    void should_reclaim_the_tickets_of_a_jvm_killed_mid_batch_once_its_lease_expires() throws Exception {
        String prefix = "mk" + UUID.randomUUID().toString().substring(0, 6) + "_";
        Set<String> inserted = insert(prefix);
        Process doomed = worker(prefix, "jvm-doomed", 3, true);
        startTogether("jvm-doomed");
        await().atMost(Duration.ofMinutes(2)).until(() -> Files.readString(outputs.resolve("jvm-doomed.out")).contains("stalled"));

        doomed.destroyForcibly();   // SIGKILL: no shutdown hook, no release; half of its batch stays leased to it
        assertThat(doomed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Process first = worker(prefix, "jvm-a", 60, false);
        Process second = worker(prefix, "jvm-b", 60, false);
        awaitExit(first, "jvm-a");
        awaitExit(second, "jvm-b");

        Map<String, Integer> doomedDone = completions("jvm-doomed");
        assertThat(doomedDone).hasSize(25);
        Map<String, Integer> done = completions("jvm-doomed", "jvm-a", "jvm-b");
        assertThat(done.keySet()).isEqualTo(inserted);
        assertThat(done.values()).containsOnly(1);
        JdbcTicketRepository reader = JdbcTicketRepository.builder(database().dataSource()).tablePrefix(prefix).build();
        assertThat(reader.stats(TicketQuery.all()).count(ProcessingState.PROCESSED)).isEqualTo(TICKETS);
    }
}
