package dev.tickettriage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.CorrectedLabels;
import dev.tickettriage.domain.Correction;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.error.TicketNotFoundException;
import dev.tickettriage.eval.EvaluationReport;
import dev.tickettriage.eval.Evaluator;
import dev.tickettriage.eval.LabelSelector;
import dev.tickettriage.eval.LabeledExample;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.rules.SlaPolicy;
import dev.tickettriage.testkit.MutableClock;
import dev.tickettriage.testkit.RecordingNotifier;
import dev.tickettriage.testkit.ScriptedClassifier;
import dev.tickettriage.testkit.TicketFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Agent commands on the facade: each stored through the pipeline, audited with its actor and published as an event. */
class AgentCommandsTest {

    private static final String AGENT = "agent:ana";
    private static final CorrectedLabels TO_TECHNICAL = CorrectedLabels.builder().category(Category.of("technical")).build();

    private final MutableClock clock = MutableClock.start();
    private final InMemoryTicketRepository repository = InMemoryTicketRepository.builder().clock(clock).build();
    private final List<TicketEvent> events = new CopyOnWriteArrayList<>();
    private TicketTriage triage;

    @BeforeEach
    void build() {
        ScriptedClassifier classifier = ScriptedClassifier.builder()
                .otherwise(TicketFixtures.aClassification().category(Category.of("billing")).sentiment(Sentiment.NEUTRAL)
                        .priority(Priority.MEDIUM).suggestedReply("We will refund you.").build())
                .build();
        triage = TicketTriage.builder().repository(repository).classifier(classifier).clock(clock)
                .slaEscalation(SlaPolicy.ofDefaults(), "team-leads").notifier("team-leads", new RecordingNotifier())
                .workers(WorkerConfig.ofDefaults().withWorkers(0)).listener(events::add).build();
    }

    @AfterEach
    void close() {
        triage.close();
    }

    private Ticket classifiedTicket() {
        clock.advance(Duration.ofSeconds(1));   // distinct creation times: queries return oldest first
        Ticket ticket = triage.submit(NewTicket.builder().subject("Refund").body("I was charged twice").build());
        triage.drainBacklog();
        events.clear();
        return triage.find(ticket.id()).orElseThrow();
    }

    private List<AuditEntry> audit(Ticket ticket, String action) {
        return triage.auditTrail(ticket.id()).stream().filter(entry -> entry.action().equals(action)).toList();
    }

    @Test
    void should_assign_audit_and_publish_when_an_agent_assigns() {
        Ticket ticket = classifiedTicket();
        clock.advance(Duration.ofMinutes(1));

        Ticket assigned = triage.assign(ticket.id(), "finance-team", AGENT);

        assertThat(assigned.assignee()).contains("finance-team");
        assertThat(assigned.updatedAt()).isEqualTo(clock.instant());
        assertThat(triage.find(ticket.id()).orElseThrow()).isEqualTo(assigned);
        assertThat(audit(ticket, "assigned")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(AGENT);
            assertThat(entry.detail()).isEqualTo("nobody -> finance-team");
        });
        assertThat(events).singleElement().isInstanceOfSatisfying(TicketEvent.Assigned.class, event -> {
            assertThat(event.actor()).isEqualTo(AGENT);
            assertThat(event.ticket()).isEqualTo(assigned);
            assertThat(event.at()).isEqualTo(clock.instant());
        });
    }

    @Test
    void should_change_nothing_when_assigning_the_current_assignee() {
        Ticket ticket = classifiedTicket();
        Ticket assigned = triage.assign(ticket.id(), "finance-team", AGENT);

        Ticket again = triage.assign(ticket.id(), "finance-team", "agent:bob");

        assertThat(again.version()).isEqualTo(assigned.version());
        assertThat(audit(ticket, "assigned")).hasSize(1);
        assertThat(events).hasSize(1);
    }

    @Test
    void should_remove_the_assignee_and_publish_when_an_agent_unassigns() {
        Ticket ticket = classifiedTicket();
        triage.assign(ticket.id(), "finance-team", AGENT);

        Ticket unassigned = triage.unassign(ticket.id(), "agent:bob");

        assertThat(unassigned.assignee()).isEmpty();
        assertThat(audit(ticket, "unassigned")).singleElement().satisfies(entry -> assertThat(entry.actor()).isEqualTo("agent:bob"));
        assertThat(events.get(1)).isInstanceOfSatisfying(TicketEvent.Assigned.class,
                event -> assertThat(event.ticket().assignee()).isEmpty());
    }

    @Test
    void should_set_the_priority_in_force_and_keep_the_prediction_when_an_agent_sets_priority() {
        Ticket ticket = classifiedTicket();

        Ticket urgent = triage.setPriority(ticket.id(), Priority.URGENT, AGENT);

        assertThat(urgent.priority()).contains(Priority.URGENT);
        assertThat(urgent.classification().orElseThrow().priority()).isEqualTo(Priority.MEDIUM);
        assertThat(audit(ticket, "priority-changed")).singleElement()
                .satisfies(entry -> assertThat(entry.detail()).endsWith("-> URGENT"));
        assertThat(events).singleElement().isInstanceOfSatisfying(TicketEvent.PriorityChanged.class, event -> {
            assertThat(event.priority()).isEqualTo(Priority.URGENT);
            assertThat(event.actor()).isEqualTo(AGENT);
        });
    }

    @Test
    void should_add_and_remove_tags_with_audit_and_events() {
        Ticket ticket = classifiedTicket();

        Ticket tagged = triage.addTag(ticket.id(), "  vip ", AGENT);
        triage.addTag(ticket.id(), "vip", AGENT);   // already there: nothing happens
        Ticket untagged = triage.removeTag(ticket.id(), "vip", "agent:bob");
        triage.removeTag(ticket.id(), "vip", "agent:bob");

        assertThat(tagged.tags()).containsExactly("vip");
        assertThat(untagged.tags()).isEmpty();
        assertThat(triage.auditTrail(ticket.id())).filteredOn(entry -> entry.action().startsWith("tag-"))
                .extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("tag-added", AGENT, "vip"),
                        org.assertj.core.groups.Tuple.tuple("tag-removed", "agent:bob", "vip"));
        assertThat(events).hasSize(2).allSatisfy(event -> assertThat(event).isInstanceOf(TicketEvent.TagsChanged.class));
        assertThat(((TicketEvent.TagsChanged) events.get(0)).added()).containsExactly("vip");
        assertThat(((TicketEvent.TagsChanged) events.get(1)).removed()).containsExactly("vip");
    }

    @Test
    void should_reject_a_tag_when_the_ticket_has_the_maximum_number() {
        Ticket ticket = classifiedTicket();
        for (int i = 0; i < 50; i++) triage.addTag(ticket.id(), "tag-" + i, AGENT);

        assertThatThrownBy(() -> triage.addTag(ticket.id(), "one-more", AGENT))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tags"));
        assertThat(triage.find(ticket.id()).orElseThrow().tags()).hasSize(50);
    }

    @Test
    void should_replace_the_suggested_reply_cleaned_and_audit_only_its_length_when_an_agent_edits_it() {
        Ticket ticket = classifiedTicket();

        Ticket edited = triage.editSuggestedReply(ticket.id(), "  Dear Ana,\r\nyour refund\u0000 is on its way.  ", AGENT);

        assertThat(edited.classification().orElseThrow().suggestedReply()).contains("Dear Ana,\nyour refund is on its way.");
        assertThat(edited.classification().orElseThrow().category()).isEqualTo(Category.of("billing"));
        assertThat(audit(ticket, "reply-edited")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(AGENT);
            assertThat(entry.detail()).doesNotContain("refund").endsWith("characters");
        });
        assertThat(events).singleElement().isInstanceOf(TicketEvent.ReplyEdited.class);
    }

    @Test
    void should_refuse_to_edit_the_reply_when_the_ticket_is_not_classified() {
        Ticket ticket = triage.submit(NewTicket.of("Hello"));

        assertThatThrownBy(() -> triage.editSuggestedReply(ticket.id(), "Hi", AGENT))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("suggestedReply"));
    }

    static Stream<Arguments> invalidInput() {
        String tooLongReply = "x".repeat(20_001);
        return Stream.of(
                Arguments.of("blank assignee", (Command) (t, id) -> t.assign(id, "   ", AGENT), "assignee"),
                Arguments.of("assignee with a line feed", (Command) (t, id) -> t.assign(id, "bob\nforged audit line", AGENT), "assignee"),
                Arguments.of("blank actor", (Command) (t, id) -> t.setPriority(id, Priority.HIGH, " "), "actor"),
                Arguments.of("invisible actor", (Command) (t, id) -> t.setPriority(id, Priority.HIGH, "\u00A0\u200B"), "actor"),
                Arguments.of("actor with a control character", (Command) (t, id) -> t.addTag(id, "vip", "ana\u0007"), "actor"),
                Arguments.of("actor of 201 characters", (Command) (t, id) -> t.unassign(id, "a".repeat(201)), "actor"),
                Arguments.of("tag with whitespace", (Command) (t, id) -> t.addTag(id, "two words", AGENT), "tag"),
                Arguments.of("tag of 65 characters", (Command) (t, id) -> t.addTag(id, "t".repeat(65), AGENT), "tag"),
                Arguments.of("blank tag to remove", (Command) (t, id) -> t.removeTag(id, "", AGENT), "tag"),
                Arguments.of("blank reply", (Command) (t, id) -> t.editSuggestedReply(id, " \u0000 ", AGENT), "suggestedReply"),
                Arguments.of("reply too long", (Command) (t, id) -> t.editSuggestedReply(id, tooLongReply, AGENT), "suggestedReply"),
                Arguments.of("reply with an unpaired surrogate", (Command) (t, id) -> t.editSuggestedReply(id, "Hi \uD800", AGENT), "suggestedReply"),
                Arguments.of("category outside the taxonomy", (Command) (t, id) -> t.correct(id,
                        CorrectedLabels.builder().category(Category.of("HACKED")).build(), AGENT), "category"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInput")
    void should_reject_with_a_typed_error_and_change_nothing_when_input_is_invalid(String name, Command command, String field) {
        Ticket ticket = classifiedTicket();
        int auditBefore = triage.auditTrail(ticket.id()).size();

        assertThatThrownBy(() -> command.run(triage, ticket.id()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e).hasMessageNotContaining("forged").hasMessageNotContaining("xxxxxxxx");
                });
        assertThat(triage.find(ticket.id()).orElseThrow()).isEqualTo(ticket);
        assertThat(triage.auditTrail(ticket.id())).hasSize(auditBefore);
        assertThat(events).isEmpty();
    }

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("assign", (Command) (t, id) -> t.assign(id, "bob", AGENT)),
                Arguments.of("unassign", (Command) (t, id) -> t.unassign(id, AGENT)),
                Arguments.of("setPriority", (Command) (t, id) -> t.setPriority(id, Priority.HIGH, AGENT)),
                Arguments.of("addTag", (Command) (t, id) -> t.addTag(id, "vip", AGENT)),
                Arguments.of("removeTag", (Command) (t, id) -> t.removeTag(id, "vip", AGENT)),
                Arguments.of("editSuggestedReply", (Command) (t, id) -> t.editSuggestedReply(id, "Hi", AGENT)),
                Arguments.of("correct", (Command) (t, id) -> t.correct(id, TO_TECHNICAL, AGENT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void should_throw_ticket_not_found_when_the_id_is_unknown(String name, Command command) {
        TicketId unknown = TicketId.generate(Instant.EPOCH);

        assertThatThrownBy(() -> command.run(triage, unknown)).isInstanceOf(TicketNotFoundException.class);
        assertThat(events).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void should_refuse_commands_when_closed(String name, Command command) {
        Ticket ticket = classifiedTicket();
        triage.close();

        assertThatThrownBy(() -> command.run(triage, ticket.id())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void should_keep_the_prediction_next_to_the_decision_when_an_agent_corrects() {
        Ticket ticket = classifiedTicket();
        clock.advance(Duration.ofMinutes(5));

        Ticket corrected = triage.correct(ticket.id(),
                CorrectedLabels.builder().category(Category.of("technical")).priority(Priority.HIGH).build(), AGENT);

        Correction correction = corrected.correction().orElseThrow();
        assertThat(correction.predictedCategory()).contains(Category.of("billing"));
        assertThat(correction.predictedSentiment()).contains(Sentiment.NEUTRAL);
        assertThat(correction.predictedPriority()).contains(Priority.MEDIUM);
        assertThat(correction.decided().category()).contains(Category.of("technical"));
        assertThat(correction.decided().sentiment()).isEmpty();
        assertThat(correction.decided().priority()).contains(Priority.HIGH);
        assertThat(correction.actor()).isEqualTo(AGENT);
        assertThat(correction.at()).isEqualTo(clock.instant());
        assertThat(corrected.classification()).isEqualTo(ticket.classification());
        assertThat(corrected.effectiveCategory()).contains(Category.of("technical"));
        assertThat(corrected.effectiveSentiment()).contains(Sentiment.NEUTRAL);
        assertThat(corrected.priority()).contains(Priority.HIGH);
        assertThat(triage.find(ticket.id()).orElseThrow()).isEqualTo(corrected);
        assertThat(audit(ticket, "corrected")).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(AGENT);
            assertThat(entry.detail()).isEqualTo("category billing -> technical; priority MEDIUM -> HIGH");
        });
        assertThat(events).singleElement().isInstanceOfSatisfying(TicketEvent.Corrected.class, event -> {
            assertThat(event.correction()).isEqualTo(correction);
            assertThat(event.actor()).isEqualTo(AGENT);
        });
    }

    @Test
    void should_override_decided_labels_and_keep_the_others_when_corrected_twice() {
        Ticket ticket = classifiedTicket();
        triage.correct(ticket.id(), TO_TECHNICAL, AGENT);

        Ticket again = triage.correct(ticket.id(), CorrectedLabels.builder().sentiment(Sentiment.NEGATIVE).build(), "agent:bob");

        CorrectedLabels decided = again.correction().orElseThrow().decided();
        assertThat(decided.category()).contains(Category.of("technical"));
        assertThat(decided.sentiment()).contains(Sentiment.NEGATIVE);
        assertThat(again.correction().orElseThrow().actor()).isEqualTo("agent:bob");
        assertThat(audit(ticket, "corrected")).hasSize(2);
    }

    @Test
    void should_record_a_correction_without_prediction_when_the_ticket_was_never_classified() {
        Ticket ticket = triage.submit(NewTicket.of("Hello"));

        Ticket corrected = triage.correct(ticket.id(), TO_TECHNICAL, AGENT);

        assertThat(corrected.correction().orElseThrow().predictedCategory()).isEmpty();
        assertThat(corrected.effectiveCategory()).contains(Category.of("technical"));
    }

    @Test
    void should_export_decided_labels_as_examples_the_evaluator_reads_when_tickets_were_corrected() {
        Ticket first = classifiedTicket();
        Ticket second = classifiedTicket();
        classifiedTicket();   // not corrected
        triage.correct(first.id(), TO_TECHNICAL, AGENT);
        triage.correct(second.id(), CorrectedLabels.builder().category(Category.of("billing")).sentiment(Sentiment.NEGATIVE).build(), AGENT);

        List<LabeledExample> categories = triage.exportCorrections(ClassificationField.CATEGORY);
        List<LabeledExample> sentiments = triage.exportCorrections(ClassificationField.SENTIMENT);
        List<LabeledExample> priorities = triage.exportCorrections(ClassificationField.PRIORITY);

        assertThat(categories).containsExactly(new LabeledExample("Refund\n\nI was charged twice", "technical"),
                new LabeledExample("Refund\n\nI was charged twice", "billing"));
        assertThat(sentiments).containsExactly(new LabeledExample("Refund\n\nI was charged twice", "NEGATIVE"));
        assertThat(priorities).isEmpty();
        EvaluationReport report = Evaluator.builder(scriptedBilling(), dev.tickettriage.domain.Taxonomy.defaultSupport())
                .labels(LabelSelector.category()).build().evaluate(categories);
        assertThat(report.examples()).isEqualTo(2);
        assertThat(report.accuracy()).isEqualTo(0.5);
        assertThatThrownBy(() -> triage.exportCorrections(ClassificationField.SUMMARY)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ScriptedClassifier scriptedBilling() {
        return ScriptedClassifier.builder().otherwise(TicketFixtures.aClassification().category(Category.of("billing")).build()).build();
    }

    @Test
    void should_filter_queries_and_stats_by_correction_when_asked() {
        Ticket corrected = classifiedTicket();
        Ticket plain = classifiedTicket();
        triage.correct(corrected.id(), TO_TECHNICAL, AGENT);

        assertThat(triage.query(TicketQuery.builder().corrected(true).build()).items()).extracting(Ticket::id)
                .containsExactly(corrected.id());
        assertThat(triage.query(TicketQuery.builder().corrected(false).build()).items()).extracting(Ticket::id)
                .containsExactly(plain.id());
        assertThat(triage.stats(TicketQuery.builder().corrected(true).build()).total()).isEqualTo(1);
        assertThat(triage.exportCorrections(ClassificationField.CATEGORY,
                TicketQuery.builder().createdFrom(plain.createdAt().plusNanos(1)).build())).isEmpty();
    }

    @Test
    void should_publish_requeued_with_the_actor_when_a_finished_ticket_is_requeued() {
        Ticket ticket = classifiedTicket();

        triage.requeue(ticket.id(), AGENT);

        assertThat(events).singleElement().isInstanceOfSatisfying(TicketEvent.Requeued.class, event -> {
            assertThat(event.actor()).isEqualTo(AGENT);
            assertThat(event.ticketId()).isEqualTo(ticket.id());
        });
    }

    @Test
    void should_publish_sla_escalated_when_the_sweep_escalates_a_ticket() {
        Ticket ticket = classifiedTicket();
        clock.advance(Duration.ofHours(25));

        assertThat(triage.checkSla()).isEqualTo(1);

        assertThat(events).filteredOn(event -> event instanceof TicketEvent.SlaEscalated).singleElement()
                .isInstanceOfSatisfying(TicketEvent.SlaEscalated.class, event -> {
                    assertThat(event.ticketId()).isEqualTo(ticket.id());
                    assertThat(event.firedRules()).isNotEmpty();
                    assertThat(event.at()).isEqualTo(clock.instant());
                });
    }

    /** One agent command against a ticket id. */
    @FunctionalInterface
    interface Command {
        Ticket run(TicketTriage triage, TicketId id);
    }
}
