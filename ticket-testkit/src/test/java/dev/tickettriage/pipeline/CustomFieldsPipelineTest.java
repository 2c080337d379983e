package dev.tickettriage.pipeline;

import static dev.tickettriage.rules.Actions.addTag;
import static dev.tickettriage.rules.Conditions.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.FieldChoice;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.FieldStats;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.rules.RoutingRules;
import dev.tickettriage.testkit.MutableClock;
import dev.tickettriage.testkit.ScriptedClassifier;
import dev.tickettriage.testkit.TicketFixtures;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Custom fields through the whole pipeline: validated before storing, routed, queried and counted. */
class CustomFieldsPipelineTest {

    private static final Taxonomy TAXONOMY = TicketFixtures.bankingTaxonomy().toBuilder().version("banking-fields-1")
            .field(FieldDefinition.oneOf("plan", "The customer's plan", FieldChoice.of("free", "Free"),
                    FieldChoice.of("enterprise", "Enterprise")))
            .field(FieldDefinition.bool("refund_requested", "Asks for money back"))
            .field(FieldDefinition.text("product_name", "The product named", 10))
            .build();
    private static final Confidence SURE = Confidence.of(0.9, ConfidenceSource.MODEL);

    private final MutableClock clock = MutableClock.start();

    private TicketTriage triage(Function<Ticket, Classification> answer) {
        return TicketTriage.builder()
                .classifier(ScriptedClassifier.builder().otherwise(answer).build())
                .taxonomy(TAXONOMY)
                .rules(RoutingRules.builder()
                        .rule("refunds").when(field("refund_requested").isTrue()).then(addTag("refund"))
                        .rule("enterprise").when(field("plan").in("enterprise").and(field("plan").confidenceAtLeast(0.7)))
                        .then(addTag("key-account"))
                        .build())
                .clock(clock)
                .workers(WorkerConfig.ofDefaults().withWorkers(0).withRetry(RetryPolicy.noRetry()))
                .build();
    }

    private static Classification.Builder answer() {
        return TicketFixtures.aClassification().provenance(dev.tickettriage.domain.Provenance.of("scripted", "banking-fields-1",
                java.time.Duration.ZERO));
    }

    @Test
    void should_store_route_query_and_count_custom_fields_when_values_fit_their_declarations() {
        try (TicketTriage triage = triage(ticket -> ticket.body().contains("refund")
                ? answer().field("plan", FieldValue.choice("enterprise"), SURE).field("refund_requested", FieldValue.of(true), SURE).build()
                : answer().field("plan", FieldValue.choice("free"), SURE).build())) {
            Ticket refund = triage.submit(TicketFixtures.newTicket().body("Please refund the annual fee").build());
            Ticket other = triage.submit(TicketFixtures.newTicket().body("My card has not arrived").build());

            triage.drainBacklog();

            Ticket stored = triage.find(refund.id()).orElseThrow();
            assertThat(stored.classification().orElseThrow().fieldValue("refund_requested")).contains(FieldValue.of(true));
            assertThat(stored.tags()).contains("refund", "key-account");
            assertThat(triage.find(other.id()).orElseThrow().tags()).doesNotContain("refund", "key-account");
            assertThat(triage.query(TicketQuery.builder().fieldEquals("plan", "enterprise").build()).items())
                    .extracting(Ticket::id).containsExactly(refund.id());
            FieldStats plans = triage.fieldStats(TicketQuery.all(), "plan");
            assertThat(plans.count("enterprise")).isEqualTo(1);
            assertThat(plans.count("free")).isEqualTo(1);
            assertThat(triage.fieldStats(TicketQuery.all(), "refund_requested").notFilled()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"outside-the-set", "wrong-type", "oversize-text", "control-characters", "unpaired-surrogate",
            "undeclared-field"})
    void should_never_store_a_classification_whose_custom_field_breaks_its_declaration(String hostile) {
        Classification bad = switch (hostile) {
            case "outside-the-set" -> answer().field("plan", FieldValue.choice("platinum"), SURE).build();
            case "wrong-type" -> answer().field("refund_requested", FieldValue.text("yes"), SURE).build();
            case "oversize-text" -> answer().field("product_name", FieldValue.text("x".repeat(11)), SURE).build();
            case "control-characters" -> answer().field("product_name", FieldValue.text("Pro\u0000Max"), SURE).build();
            case "unpaired-surrogate" -> answer().field("product_name", FieldValue.text("Pro\uD800"), SURE).build();
            default -> answer().field("secret_field", FieldValue.of(true), SURE).build();
        };
        try (TicketTriage triage = triage(ticket -> bad)) {
            Ticket submitted = triage.submit(TicketFixtures.newTicket().build());

            triage.drainBacklog();

            Ticket stored = triage.find(submitted.id()).orElseThrow();
            assertThat(stored.processingState()).isEqualTo(ProcessingState.FAILED);
            assertThat(stored.classification()).as("the bad answer is never stored").isEmpty();
            assertThat(stored.processing().lastFailure().orElseThrow()).contains("not stored")
                    .doesNotContain("platinum", "Pro", "xxxxxxxxxxx", "secret");
        }
    }

    @Test
    void should_retry_a_bad_custom_field_answer_like_an_unknown_category() {
        List<Classification> answers = List.of(answer().field("plan", FieldValue.choice("platinum"), SURE).build(),
                answer().field("plan", FieldValue.choice("enterprise"), SURE).build());
        int[] call = {0};
        try (TicketTriage triage = TicketTriage.builder()
                .classifier(ScriptedClassifier.builder().otherwise(ticket -> answers.get(Math.min(call[0]++, 1))).build())
                .taxonomy(TAXONOMY).clock(clock)
                // no backoff, so the retry is due at once on the fixed clock
                .workers(WorkerConfig.ofDefaults().withWorkers(0)
                        .withRetry(RetryPolicy.ofDefaults().withBackoff(java.time.Duration.ZERO, java.time.Duration.ZERO)))
                .build()) {
            Ticket submitted = triage.submit(TicketFixtures.newTicket().build());

            triage.drainBacklog();

            assertThat(call[0]).isEqualTo(2);
            assertThat(triage.auditTrail(submitted.id())).extracting(entry -> entry.action()).contains("retry-scheduled", "classified");
            Ticket stored = triage.find(submitted.id()).orElseThrow();
            assertThat(stored.processingState()).isEqualTo(ProcessingState.PROCESSED);
            assertThat(stored.classification().orElseThrow().fieldValue("plan")).contains(FieldValue.choice("enterprise"));
        }
    }
}
