package dev.tickettriage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.pipeline.WorkerConfig;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The README's JDBC store example, on an H2 file-less database. */
class JdbcReadmeExampleTest {

    @Test
    void should_store_and_process_a_ticket_when_wired_as_the_readme_shows() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:readme-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(2 + 4);
        Ticket submitted;
        try (HikariDataSource pool = new HikariDataSource(config);
             TicketTriage triage = TicketTriage.builder()
                     .repository(JdbcTicketRepository.builder(pool)
                             .migrate(true)
                             .tablePrefix("triage_")
                             .build())
                     .workers(WorkerConfig.ofDefaults().withInstanceId("web-1"))
                     .build().start()) {
            submitted = triage.submit(NewTicket.of("My card was charged twice"));

            assertThat(triage.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(triage.find(submitted.id()).orElseThrow().processingState()).isEqualTo(ProcessingState.PROCESSED);
        }
    }
}
