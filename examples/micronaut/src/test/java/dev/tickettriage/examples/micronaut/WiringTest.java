package dev.tickettriage.examples.micronaut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.jdbc.JdbcTicketRepository;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.ntfy.NtfyNotifier;
import dev.tickettriage.openai.OpenAiClassifier;
import dev.tickettriage.port.TicketRepository;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** The {@code @Factory} wiring: each property switches one part, the facade starts with the context and closes with it. */
class WiringTest {

    private static final NewTicket ANGRY = NewTicket.builder().subject("Charged twice")
            .body("This is outrageous, you charged me twice and nobody answers! I am furious.").build();

    @StartStop
    final MockWebServer server = new MockWebServer();

    @Test
    void embedded_defaults_are_the_in_memory_store_rules_and_console_alerts() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(), "test")) {
            assertThat(context.getBean(TicketRepository.class)).isInstanceOf(InMemoryTicketRepository.class);
            assertThat(context.containsBean(OpenAiClassifier.class)).isFalse();
            assertThat(context.containsBean(NtfyNotifier.class)).isFalse();
            assertThat(context.getBean(TicketTriage.class).toString()).contains("classifier=rules");
        }
    }

    @Test
    void the_facade_is_started_with_the_context_and_closed_with_it() {
        TicketTriage triage;
        try (ApplicationContext context = ApplicationContext.run(Map.of(), "test")) {
            triage = context.getBean(TicketTriage.class);
            Ticket ticket = triage.submit(ANGRY);
            // classified by the background workers: nobody calls process() or drainBacklog()
            await().atMost(Duration.ofSeconds(20)).until(() -> triage.find(ticket.id()).orElseThrow().processingState(),
                    state -> state == ProcessingState.PROCESSED);
        }
        assertThatThrownBy(() -> triage.submit(ANGRY)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_jdbc_url_selects_the_jdbc_store_and_creates_its_tables() {
        String url = "jdbc:h2:mem:wiring" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        HikariDataSource dataSource;
        try (ApplicationContext context = ApplicationContext.run(Map.of("triage.store.jdbc-url", url), "test")) {
            assertThat(context.getBean(TicketRepository.class)).isInstanceOf(JdbcTicketRepository.class);
            dataSource = context.getBean(HikariDataSource.class);
            TicketTriage triage = context.getBean(TicketTriage.class);

            Ticket ticket = triage.submit(ANGRY);

            Ticket stored = await().atMost(Duration.ofSeconds(20)).until(() -> triage.find(ticket.id()).orElseThrow(),
                    found -> found.processingState() == ProcessingState.PROCESSED);
            assertThat(stored.classification().orElseThrow().sentiment().isNegative()).isTrue();
        }
        assertThat(dataSource.isClosed()).isTrue();
    }

    @Test
    void an_openai_key_selects_the_openai_classifier_and_is_never_shown() {
        Map<String, Object> properties = Map.of("triage.openai.api-key", "sk-test-secret",
                "triage.openai.base-url", server.url("/v1/").toString(), "triage.openai.model", "gpt-4o-mini");
        try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
            assertThat(context.containsBean(OpenAiClassifier.class)).isTrue();
            assertThat(context.getBean(TicketTriage.class).toString()).contains("classifier=openai");
            assertThat(context.getBean(OpenAiProperties.class).toString()).doesNotContain("sk-test-secret");
            assertThat(context.getBean(OpenAiClassifier.class).toString()).doesNotContain("sk-test-secret");
        }
    }

    @Test
    void a_bad_setting_fails_start_up_naming_the_property() {
        Map<String, Object> properties = Map.of("triage.ntfy.topic", "not a topic!");

        assertThatThrownBy(() -> ApplicationContext.run(properties, "test")).satisfies(failure -> {
            Throwable cause = failure;
            while (cause != null && !(cause instanceof ConfigurationException)) cause = cause.getCause();
            assertThat(cause).as("a ConfigurationException in the causes").isNotNull();
            assertThat(cause.getMessage()).startsWith("triage.ntfy.topic: topic must be");
        });
    }

    @Test
    void an_ntfy_topic_pushes_the_alert_for_an_angry_ticket() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"id\":\"hwQ2YpKdmg\",\"time\":1635528741,\"event\":\"message\",\"topic\":\"support-alerts-7f3k\"}").build());
        Map<String, Object> properties = Map.of("triage.ntfy.topic", "support-alerts-7f3k",
                "triage.ntfy.server", server.url("/").toString(), "triage.ntfy.token", "tk_wiringtest");
        try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
            assertThat(context.getBean(NtfyProperties.class).toString()).doesNotContain("tk_wiringtest").doesNotContain("7f3k");

            context.getBean(TicketTriage.class).submit(ANGRY);

            RecordedRequest push = server.takeRequest(20, TimeUnit.SECONDS);
            assertThat(push).as("the alert reached ntfy").isNotNull();
            assertThat(push.getHeaders().get("Authorization")).isEqualTo("Bearer tk_wiringtest");
            assertThat(push.getBody().utf8()).contains("\"topic\":\"support-alerts-7f3k\"");
        }
    }
}
