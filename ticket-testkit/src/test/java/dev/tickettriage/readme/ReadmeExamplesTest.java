package dev.tickettriage.readme;

import static dev.tickettriage.domain.ClassificationField.CATEGORY;
import static dev.tickettriage.domain.Priority.URGENT;
import static dev.tickettriage.domain.Sentiment.NEGATIVE;
import static dev.tickettriage.rules.Actions.addTag;
import static dev.tickettriage.rules.Actions.assign;
import static dev.tickettriage.rules.Actions.assignTo;
import static dev.tickettriage.rules.Actions.notifyTarget;
import static dev.tickettriage.rules.Actions.setPriority;
import static dev.tickettriage.rules.AssignmentStrategy.byCategory;
import static dev.tickettriage.rules.Conditions.category;
import static dev.tickettriage.rules.Conditions.confidenceAtLeast;
import static dev.tickettriage.rules.Conditions.containsAnyKeyword;
import static dev.tickettriage.rules.Conditions.field;
import static dev.tickettriage.rules.Conditions.sentimentAtMost;
import static dev.tickettriage.testkit.RuleAssertions.assertThatRules;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.CorrectedLabels;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.eval.EvaluationReport;
import dev.tickettriage.eval.Evaluator;
import dev.tickettriage.eval.LabeledExample;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Channel;
import dev.tickettriage.domain.FieldChoice;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.FieldStats;
import dev.tickettriage.port.Page;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.rules.RoutingRules;
import dev.tickettriage.testkit.RecordingNotifier;
import dev.tickettriage.testkit.TicketFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The code shown in README.md, kept compiling and true. */
class ReadmeExamplesTest {

    private static final RoutingRules RULES = RoutingRules.builder()
            .rule("angry-customer").when(sentimentAtMost(NEGATIVE))
            .then(notifyTarget("support-alerts", "Angry customer: {category}", "{summary}", URGENT))
            .rule("outage").when(containsAnyKeyword("outage", "caída", "down for everyone"))
            .then(setPriority(URGENT), addTag("outage"))
            .rule("billing-to-finance").when(category("billing").and(confidenceAtLeast(CATEGORY, 0.7)))
            .then(assign(byCategory(Map.of(Category.of("billing"), "finance-team"), "triage-desk")))
            .build();

    @Test
    void should_triage_the_readme_ticket_with_embedded_defaults_and_alert_on_it() {
        RecordingNotifier push = new RecordingNotifier();
        List<TicketEvent> dashboard = new CopyOnWriteArrayList<>();
        Ticket ticket;
        try (TicketTriage triage = TicketTriage.builder()
                .notifier("support-alerts", push)
                .listener(dashboard::add)
                .build()
                .start()) {
            ticket = triage.submit(NewTicket.builder()
                    .subject("Refund").body("¡Me cobraron dos veces y nadie responde!")
                    .customerEmail("ana@example.com").channel(Channel.EMAIL)
                    .idempotencyKey("webform-123")
                    .build());
            assertThat(triage.awaitIdle(Duration.ofSeconds(30))).isTrue();
            Ticket processed = triage.find(ticket.id()).orElseThrow();
            assertThat(processed.processingState()).isEqualTo(ProcessingState.PROCESSED);
            assertThat(processed.classification().orElseThrow().category()).isEqualTo(Category.of("billing"));
            assertThat(processed.classification().orElseThrow().sentiment().isNegative()).isTrue();
        }
        assertThat(push.notificationsTo("support-alerts")).singleElement()
                .satisfies(notification -> assertThat(notification.ticketId()).isEqualTo(ticket.id()));
        assertThat(dashboard).extracting(TicketEvent::type).contains("created", "classified", "notification-delivered");
    }

    @Test
    void should_route_an_angry_ticket_as_the_readme_rules_say() {
        Ticket angryTicket = TicketFixtures.aTicket().withBody("The service is down for everyone!")
                .classifiedAs("billing", Sentiment.VERY_NEGATIVE, Priority.HIGH).build();

        assertThatRules(RULES).given(angryTicket).notifies("support-alerts").withPriority(URGENT);
        assertThatRules(RULES).given(angryTicket).setsPriority(URGENT).addsTag("outage");
    }

    @Test
    void should_run_the_readme_agent_commands_and_export_the_correction() {
        try (TicketTriage triage = TicketTriage.builder().build()) {
            Ticket ticket = triage.submit(NewTicket.builder().subject("Refund").body("I was charged twice").build());
            triage.drainBacklog();
            Classifier myClassifier = RuleClassifier.ofDefaults();
            Taxonomy taxonomy = Taxonomy.defaultSupport();

            triage.assign(ticket.id(), "ana", "agent:lead");                 // every command is audited with its actor,
            triage.setPriority(ticket.id(), Priority.URGENT, "agent:ana");   // stored through the pipeline and published
            triage.addTag(ticket.id(), "vip", "agent:ana");                  // as an event (Assigned, PriorityChanged ...)
            triage.editSuggestedReply(ticket.id(), "Hi Ana, your refund is on its way.", "agent:ana");
            triage.correct(ticket.id(), CorrectedLabels.builder().category(Category.of("billing")).build(), "agent:ana");

            List<LabeledExample> gold = triage.exportCorrections(ClassificationField.CATEGORY);   // ground truth
            EvaluationReport report = Evaluator.builder(myClassifier, taxonomy).build().evaluate(gold);

            assertThat(gold).singleElement().satisfies(example -> assertThat(example.label()).isEqualTo("billing"));
            assertThat(report.examples()).isEqualTo(1);
            Ticket updated = triage.find(ticket.id()).orElseThrow();
            assertThat(updated.assignee()).contains("ana");
            assertThat(updated.priority()).contains(Priority.URGENT);
            assertThat(updated.tags()).contains("vip");
            assertThat(triage.query(TicketQuery.builder().corrected(true).build()).items()).extracting(Ticket::id)
                    .containsExactly(ticket.id());
        }
    }

    @Test
    void should_fill_route_query_and_count_the_readme_custom_fields() {
        Taxonomy taxonomy = Taxonomy.defaultSupport().toBuilder().version("support-fields-1")
            .field(FieldDefinition.oneOf("plan", "The customer's plan",
                    FieldChoice.of("free", "Free tier"),
                    FieldChoice.of("enterprise", "Enterprise contract", List.of(), List.of("enterprise plan", "plan empresa")))
                .asRequired())
            .field(FieldDefinition.bool("refund_requested", "The customer asks for money back",
                    List.of("refund", "money back", "reembolso"), List.of()))
            .field(FieldDefinition.decimal("churn_risk", "How likely the customer is to leave, 0 to 1", 0, 1))
            .build();

        RoutingRules rules = RoutingRules.builder()
            .rule("refunds").when(field("refund_requested").isTrue()).then(addTag("refund"))
            .rule("key-accounts").when(field("plan").in("enterprise").and(field("plan").confidenceAtLeast(0.6)))
                .then(assignTo("key-account-desk"))
            .build();

        Page<Ticket> refunds;
        FieldStats plans;
        try (TicketTriage triage = TicketTriage.builder().taxonomy(taxonomy).rules(rules).build()) {
            triage.submit(NewTicket.builder().body("I want a refund, we are on the enterprise plan").build());
            triage.drainBacklog();
            refunds = triage.query(TicketQuery.builder().fieldEquals("refund_requested", "true").build());
            plans = triage.fieldStats(TicketQuery.all(), "plan");   // plans.count("enterprise") == 1
        }

        assertThat(plans.count("enterprise")).isEqualTo(1);
        Ticket routed = refunds.items().get(0);
        assertThat(routed.tags()).contains("refund");
        assertThat(routed.assignee()).contains("key-account-desk");
        assertThat(routed.classification().orElseThrow().isFilled("churn_risk")).isFalse();
        assertThat(taxonomy.requireField("plan").parse("Enterprise plan ")).isEqualTo(FieldValue.choice("enterprise"));
        assertThatRules(rules).given(TicketFixtures.aTicket().withField("refund_requested", FieldValue.of(true)).build())
                .fires("refunds").addsTag("refund");
    }
}
