package dev.tickettriage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.UpdateOutcome;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker JVM for the multi-process tests: claims batches from the JDBC store and completes them as PROCESSED with
 * {@code updateAll}, printing {@code done <id>} for each ticket whose completion it stored, until no ticket is left
 * NEW or PROCESSING. With {@code stall}, it completes half of its first batch one by one, prints {@code stalled}, and waits to be
 * killed (the crash test sends it SIGKILL there, mid-batch, with the other half still leased to it).
 * Arguments: url user prefix owner batch leaseSeconds run|stall [start-file].
 */
public final class WorkerProcess {

    private static final TicketQuery UNFINISHED = TicketQuery.builder()
            .processingState(ProcessingState.NEW, ProcessingState.PROCESSING).build();

    private WorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String prefix = args[2];
        String owner = args[3];
        int batch = Integer.parseInt(args[4]);
        Duration lease = Duration.ofSeconds(Long.parseLong(args[5]));
        boolean stall = args.length > 6 && args[6].equals("stall");
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        if (args.length > 7) {   // a start line: wait until the test creates this file, so the workers begin together
            out.println("ready");
            out.flush();
            java.nio.file.Path go = java.nio.file.Path.of(args[7]);
            while (!java.nio.file.Files.exists(go)) Thread.sleep(20);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword("");
        config.setMaximumPoolSize(2);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            JdbcTicketRepository repository = JdbcTicketRepository.builder(pool).tablePrefix(prefix).crossInstanceWakeUp(false).build();
            Clock clock = Clock.systemUTC();
            while (true) {
                List<Ticket> claimed = repository.claim(owner, batch, lease);
                if (claimed.isEmpty()) {
                    // done only when nothing is left unfinished: a dead worker's tickets come back when its lease expires
                    if (repository.stats(UNFINISHED).total() == 0) break;
                    Thread.sleep(200);
                    continue;
                }
                if (stall) {
                    for (Ticket ticket : claimed.subList(0, claimed.size() / 2)) {
                        repository.update(ticket.toBuilder().processing(ticket.processing().processed()).updatedAt(clock.instant()).build());
                        out.println("done " + ticket.id());
                    }
                    out.println("stalled");
                    out.flush();
                    Thread.sleep(Duration.ofMinutes(10).toMillis());   // killed here
                    return;
                }
                List<TicketChange> changes = new ArrayList<>(claimed.size());
                for (Ticket ticket : claimed) {
                    changes.add(TicketChange.of(ticket.toBuilder().processing(ticket.processing().processed()).updatedAt(clock.instant()).build()));
                }
                List<UpdateOutcome> outcomes = repository.updateAll(changes);
                for (UpdateOutcome outcome : outcomes) {
                    if (outcome.isStored()) out.println("done " + outcome.ticket().orElseThrow().id());
                }
                out.flush();
            }
        }
        out.println("finished");
        out.flush();
    }
}
