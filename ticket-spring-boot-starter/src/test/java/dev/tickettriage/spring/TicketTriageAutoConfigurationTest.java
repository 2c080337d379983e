package dev.tickettriage.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.jdbc.JdbcTicketRepository;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.notify.AlertAcknowledgements;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.TicketRepository;
import dev.tickettriage.rules.RoutingRules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class TicketTriageAutoConfigurationTest {

    private static final String ANGRY = "This is outrageous, I was charged twice for my invoice and nobody answers. Refund me now!";

    @StartStop
    private final MockWebServer ntfy = new MockWebServer();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TicketTriageAutoConfiguration.class));

    private static Ticket classified(TicketTriage triage, String body) {
        Ticket ticket = triage.submit(NewTicket.builder().subject("Help").body(body).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> triage.find(ticket.id()).orElseThrow().processingState() == ProcessingState.PROCESSED);
        return triage.find(ticket.id()).orElseThrow();
    }

    @Test
    void should_wire_embedded_defaults_and_start_the_pipeline_on_refresh() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(TicketRepository.class)).isInstanceOf(InMemoryTicketRepository.class);
            assertThat(context.getBean(Classifier.class).name()).isEqualTo("rules");
            assertThat(context.getBean(Taxonomy.class)).isEqualTo(Taxonomy.defaultSupport());
            assertThat(context.getBean(RoutingRules.class)).isSameAs(RoutingRules.defaults());
            assertThat(context).doesNotHaveBean(AlertAcknowledgements.class);
            // no drainBacklog: the background workers started with the context classify it
            Ticket ticket = classified(context.getBean(TicketTriage.class), ANGRY);
            assertThat(ticket.classification()).map(Classification::category).map(c -> c.id()).contains("billing");
            assertThat(context.getBean(TriageActivity.class).classified()).isEqualTo(1);
        });
    }

    @Test
    void should_bound_submits_by_the_configured_backlog() {
        runner.withPropertyValues("ticket-triage.workers=0", "ticket-triage.backlog-capacity=1", "ticket-triage.submit-timeout=50ms")
                .run(context -> {
                    TicketTriage triage = context.getBean(TicketTriage.class);
                    triage.submit(NewTicket.of("first, waits for a worker"));   // takes the only place in the backlog
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> triage.submit(NewTicket.of("second")))
                            .isInstanceOf(dev.tickettriage.error.TriageOverloadedException.class);
                });
    }

    @Test
    void should_close_the_pipeline_when_the_context_closes() {
        TicketTriage[] triage = new TicketTriage[1];
        runner.run(context -> triage[0] = context.getBean(TicketTriage.class));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> triage[0].submit(NewTicket.of("late")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void should_back_off_when_disabled_or_when_the_host_brings_its_own_beans() {
        runner.withPropertyValues("ticket-triage.enabled=false").run(context -> assertThat(context).doesNotHaveBean(TicketTriage.class));
        Classifier own = dev.tickettriage.testkit.ScriptedClassifier.instant(dev.tickettriage.domain.Category.of("billing"));
        runner.withBean("ownClassifier", Classifier.class, () -> own).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Classifier.class)).isSameAs(own);
            assertThat(context).doesNotHaveBean(ClassifierChoice.class);
        });
    }

    @Test
    void should_use_the_jdbc_store_on_a_url_with_its_own_pool() {
        runner.withPropertyValues("ticket-triage.store.jdbc.url=jdbc:h2:mem:starter-url;DB_CLOSE_DELAY=-1",
                        "ticket-triage.store.jdbc.table-prefix=app_")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    JdbcTicketRepository repository = (JdbcTicketRepository) context.getBean(TicketRepository.class);
                    assertThat(repository.tablePrefix()).isEqualTo("app_");
                    assertThat(context).doesNotHaveBean(DataSource.class);   // the pool is not offered to the host
                    Ticket ticket = classified(context.getBean(TicketTriage.class), ANGRY);
                    assertThat(repository.findById(ticket.id())).isPresent();
                });
    }

    @Test
    void should_use_the_hosts_data_source_and_fall_back_to_memory_without_one() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:starter-ds;DB_CLOSE_DELAY=-1");
        runner.withBean(DataSource.class, () -> h2).run(context ->
                assertThat(context.getBean(TicketRepository.class)).isInstanceOf(JdbcTicketRepository.class));
        runner.withBean(DataSource.class, () -> h2).withPropertyValues("ticket-triage.store.type=memory").run(context ->
                assertThat(context.getBean(TicketRepository.class)).isInstanceOf(InMemoryTicketRepository.class));
        runner.withPropertyValues("ticket-triage.store.type=jdbc").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("ticket-triage.store.type=jdbc needs ticket-triage.store.jdbc.url"));
    }

    @Test
    void should_fail_clearly_when_jdbc_is_asked_for_without_the_module() {
        runner.withClassLoader(new FilteredClassLoader(JdbcTicketRepository.class))
                .withPropertyValues("ticket-triage.store.jdbc.url=jdbc:h2:mem:nomodule")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("needs dev.tickettriage:ticket-store-jdbc"));
        runner.withClassLoader(new FilteredClassLoader(JdbcTicketRepository.class)).run(context ->
                assertThat(context.getBean(TicketRepository.class)).isInstanceOf(InMemoryTicketRepository.class));
    }

    @Test
    void should_pick_the_llm_by_key_and_fall_back_to_rules_without_one() {
        runner.withPropertyValues("ticket-triage.classifier.openai.api-key=sk-test").run(context ->
                assertThat(context.getBean(Classifier.class).name()).isEqualTo("openai"));
        runner.withPropertyValues("ticket-triage.classifier.huggingface.token=hf_test").run(context ->
                assertThat(context.getBean(Classifier.class).name()).isEqualTo("huggingface"));
        runner.withPropertyValues("ticket-triage.classifier.huggingface.api-key=hf_test").run(context ->   // the deprecated name
                assertThat(context.getBean(Classifier.class).name()).isEqualTo("huggingface"));
        runner.withPropertyValues("ticket-triage.classifier.openai.api-key=sk-test", "ticket-triage.classifier.cascade.enabled=true")
                .run(context -> assertThat(context.getBean(Classifier.class).name()).isEqualTo("rules>openai"));
        runner.withPropertyValues("ticket-triage.classifier.openai.api-key=").run(context ->
                assertThat(context.getBean(Classifier.class).name()).isEqualTo("rules"));
    }

    @Test
    void should_fail_naming_the_property_when_a_named_llm_has_no_key() {
        runner.withPropertyValues("ticket-triage.classifier.provider=openai").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("ticket-triage.classifier.openai.api-key"));
        runner.withPropertyValues("ticket-triage.classifier.provider=huggingface").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("ticket-triage.classifier.huggingface.token"));
        runner.withClassLoader(new FilteredClassLoader("dev.tickettriage.openai"))
                .withPropertyValues("ticket-triage.classifier.provider=openai", "ticket-triage.classifier.openai.api-key=sk-test")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("needs dev.tickettriage:ticket-llm-openai"));
    }

    @Test
    void should_push_alerts_to_ntfy_with_an_acknowledge_button_that_works() throws Exception {
        ntfy.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"id\":\"abc\",\"time\":1700000000,\"event\":\"message\",\"topic\":\"support-test\"}").build());
        runner.withPropertyValues("ticket-triage.notify.ntfy.topic=support-test",
                        "ticket-triage.notify.ntfy.server-url=" + ntfy.url("/").uri(),
                        "ticket-triage.acknowledgements.secret=0123456789abcdef0123456789abcdef",
                        "ticket-triage.acknowledgements.public-url=https://support.example.com/")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    TicketTriage triage = context.getBean(TicketTriage.class);
                    Ticket ticket = classified(triage, ANGRY);
                    RecordedRequest request = ntfy.takeRequest(20, TimeUnit.SECONDS);
                    assertThat(request).isNotNull();
                    JsonNode body = new ObjectMapper().readTree(request.getBody().utf8());
                    assertThat(body.get("topic").asText()).isEqualTo("support-test");
                    String url = body.get("actions").get(0).get("url").asText();
                    assertThat(url).startsWith("https://support.example.com/api/acknowledgements/");
                    String token = url.substring(url.lastIndexOf('/') + 1);
                    assertThat(triage.acknowledge(token, "phone").tags()).contains(RoutingRules.ACKNOWLEDGED_TAG);
                    assertThat(triage.find(ticket.id()).orElseThrow().tags()).contains(RoutingRules.ACKNOWLEDGED_TAG);
                });
    }

    @Test
    void should_refuse_two_notifiers_on_one_target_and_bad_notifier_settings() {
        runner.withPropertyValues("ticket-triage.notify.ntfy.topic=support-test", "ticket-triage.notify.webhook.url=https://hooks.example.com/x")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("'support-alerts' is served twice")
                        .hasMessageContaining("ticket-triage.notify.ntfy").hasMessageContaining("ticket-triage.notify.webhook"));
        runner.withPropertyValues("ticket-triage.notify.ntfy.topic=support-test", "ticket-triage.notify.webhook.url=https://hooks.example.com/x",
                        "ticket-triage.notify.webhook.target=ops")
                .run(context -> assertThat(context).hasNotFailed().getBeans(NotifierRegistration.class).hasSize(2));
        runner.withPropertyValues("ticket-triage.notify.smtp.host=smtp.example.com", "ticket-triage.notify.smtp.from=triage@example.com")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("ticket-triage.notify.smtp.to"));
        runner.withPropertyValues("ticket-triage.acknowledgements.secret=short").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("ticket-triage.acknowledgements.secret must be at least 32 bytes"));
    }

    @Test
    void should_read_rules_and_taxonomy_from_files() {
        runner.withPropertyValues("ticket-triage.rules-file=classpath:test-rules.json", "ticket-triage.taxonomy-file=classpath:test-taxonomy.json")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Taxonomy.class).version()).isEqualTo("shop-1");
                    assertThat(context.getBean(RoutingRules.class).notificationTargets()).containsExactly("billing-team");
                });
        runner.withPropertyValues("ticket-triage.rules-file=classpath:bad-rules.json").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("rules.rules[0].when.sentimentAtMost"));
        runner.withPropertyValues("ticket-triage.rules-file=classpath:test-rules.json", "ticket-triage.notify.console.enabled=false")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("billing-team"));
    }

    @Test
    void should_report_health_and_metrics() {
        runner.run(context -> {
            TicketTriage triage = context.getBean(TicketTriage.class);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            context.getBean(TriageMetrics.class).bindTo(registry);
            classified(triage, ANGRY);
            await().atMost(Duration.ofSeconds(20)).until(() -> registry.find("triage.notifications").counter() != null);
            assertThat(registry.get("triage.tickets.created").counter().count()).isEqualTo(1);
            assertThat(registry.get("triage.classify.latency").tag("classifier", "rules").timer().count()).isEqualTo(1);
            assertThat(registry.get("triage.tickets").tag("state", "processed").gauge().value()).isEqualTo(1);
            assertThat(registry.get("triage.notifications").tag("outcome", "sent").counter().count()).isEqualTo(1);

            Map<String, HealthIndicator> health = context.getBeansOfType(HealthIndicator.class);
            assertThat(health).containsOnlyKeys("ticketStoreHealthIndicator", "ticketClassifierHealthIndicator", "ticketNotifierHealthIndicator");
            assertThat(health.get("ticketStoreHealthIndicator").health().getDetails()).containsEntry("tickets", 1L);
            assertThat(health.get("ticketClassifierHealthIndicator").health().getStatus()).isEqualTo(Status.UP);
            assertThat(health.get("ticketNotifierHealthIndicator").health().getDetails()).containsEntry("delivered", 1L);
        });
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(HealthIndicator.class));
    }
}
