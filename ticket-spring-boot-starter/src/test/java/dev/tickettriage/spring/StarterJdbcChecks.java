package dev.tickettriage.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.jdbc.JdbcDialect;
import dev.tickettriage.jdbc.JdbcTicketRepository;
import dev.tickettriage.port.TicketRepository;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter on a real database URL: the context boots the JDBC store, a ticket is created, classified and read back. */
abstract class StarterJdbcChecks {

    abstract ExternalDatabase database();

    abstract JdbcDialect dialect();

    /** This class's own table prefix, so runs of different classes never share tables. */
    abstract String tablePrefix();

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(TicketTriageAutoConfiguration.class))
                .withPropertyValues("ticket-triage.store.jdbc.url=" + database().url(),
                        "ticket-triage.store.jdbc.username=" + database().username(), "ticket-triage.store.jdbc.password=",
                        "ticket-triage.store.jdbc.table-prefix=" + tablePrefix(), "ticket-triage.store.jdbc.maximum-pool-size=4");
    }

    @Test
    void should_boot_on_the_url_store_a_ticket_and_read_it_back_after_a_restart() {
        AtomicReference<TicketId> id = new AtomicReference<>();
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            JdbcTicketRepository repository = (JdbcTicketRepository) context.getBean(TicketRepository.class);
            assertThat(repository.dialect()).isEqualTo(dialect());
            assertThat(repository.tablePrefix()).isEqualTo(tablePrefix());
            TicketTriage triage = context.getBean(TicketTriage.class);
            Ticket ticket = triage.submit(NewTicket.builder().subject("Charged twice")
                    .body("You charged my card twice for one invoice. Please refund me.").customerEmail("ana@example.com").build());
            await().atMost(Duration.ofSeconds(30)).until(() -> triage.find(ticket.id()).orElseThrow().processingState() == ProcessingState.PROCESSED);
            id.set(ticket.id());
        });
        runner().run(context -> {   // a new context and pool: what it reads came from the database
            Ticket stored = context.getBean(TicketTriage.class).find(id.get()).orElseThrow();
            assertThat(stored.subject()).contains("Charged twice");
            assertThat(stored.customer().email()).contains("ana@example.com");
            assertThat(stored.processingState()).isEqualTo(ProcessingState.PROCESSED);
            assertThat(stored.classification()).hasValueSatisfying(classification ->
                    assertThat(classification.category().id()).isEqualTo("billing"));
        });
    }
}
