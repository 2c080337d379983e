package dev.tickettriage.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.classifier.BudgetLimit;
import dev.tickettriage.classifier.BudgetUsage;
import dev.tickettriage.classifier.BudgetedClassifier;
import dev.tickettriage.classifier.ClassifierBudget;
import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.TokenUsage;
import dev.tickettriage.eval.EvaluationReport;
import dev.tickettriage.eval.Evaluator;
import dev.tickettriage.eval.LabeledExample;
import dev.tickettriage.eval.ShadowClassifier;
import dev.tickettriage.eval.ShadowReport;
import dev.tickettriage.llm.TriagePrompt;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.replay.RecordingClassifier;
import dev.tickettriage.replay.ReplayClassifier;
import dev.tickettriage.testkit.ScriptedClassifier;
import dev.tickettriage.testkit.TicketFixtures;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The code of README.md's "Budgets, record and replay, shadow mode, agent tools" section (the agent tools part is in ticket-agent-tools). */
class ReadmeLlmExtrasExampleTest {

    private static final Logger log = LoggerFactory.getLogger(ReadmeLlmExtrasExampleTest.class);

    private final Taxonomy taxonomy = TicketFixtures.bankingTaxonomy();

    /** Stands in for OpenAiClassifier: refunds by text, card_arrival otherwise, 1,500 tokens and 0.01 USD per call. */
    private final ScriptedClassifier openai = ScriptedClassifier.builder().name("openai")
            .when("refund", ticket -> answer("refund_not_showing_up"))
            .otherwise(ticket -> answer("card_arrival")).build();

    private final List<LabeledExample> examples = List.of(new LabeledExample("Where is my refund?", "refund_not_showing_up"),
            new LabeledExample("My new card has not arrived", "card_arrival"), new LabeledExample("I lost my card", "lost_or_stolen_card"));

    private static dev.tickettriage.domain.Classification answer(String category) {
        return TicketFixtures.aClassification().category(Category.of(category))
                .provenance(Provenance.builder("openai", TicketFixtures.BANKING_TAXONOMY_VERSION).model("gpt-4o-mini")
                        .tokenUsage(new TokenUsage(1_400, 100)).estimatedCostUsd(new BigDecimal("0.01")).build())
                .build();
    }

    @TempDir
    Path directory;

    @Test
    void should_run_the_budget_example() {
        // --- README.md: budgets ---
        ClassifierBudget budget = ClassifierBudget.builder("openai")
                .limit(BudgetLimit.tokensPerDay(2_000_000))
                .limit(BudgetLimit.costPerMonth(new BigDecimal("40")))
                .listener(event -> log.warn("budget event: {}", event))    // BudgetEvent.Exhausted / Restored
                .build();
        Classifier classifier = BudgetedClassifier.withFallback(openai, budget, RuleClassifier.ofDefaults());
        BudgetUsage usage = budget.usage();   // per limit: used, remaining(), resetsAt(); calls, fallbackCalls, heldCalls
        // --- end of README code ---

        classifier.classify(TicketFixtures.aTicket().build(), taxonomy);
        assertThat(usage.spent()).isFalse();
        assertThat(budget.usage().limits().get(0).used()).isEqualByComparingTo("1500");
        assertThat(budget.usage().limits().get(1).remaining()).isEqualByComparingTo("39.99");
    }

    @Test
    void should_run_the_record_and_replay_example() {
        Path answers = directory.resolve("answers.jsonl");

        // --- README.md: record and replay ---
        try (RecordingClassifier recorder = RecordingClassifier.builder(openai, answers)   // answers: a Path, e.g. src/test/resources/answers.jsonl
                .promptVersion(TriagePrompt.VERSION).build()) {
            Evaluator.builder(recorder, taxonomy).build().evaluate(examples);               // real calls, paid once
        }
        // in CI: no key, no network
        ReplayClassifier replay = ReplayClassifier.builder(answers, openai.name()).promptVersion(TriagePrompt.VERSION).build();
        EvaluationReport report = Evaluator.builder(replay, taxonomy).build().evaluate(examples);
        // --- end of README code ---

        assertThat(openai.callCount()).isEqualTo(3);
        assertThat(report.accuracy()).isEqualTo(2.0 / 3);
        assertThat(report.errors()).isZero();
        assertThat(report.totalTokens()).isZero();
    }

    @Test
    void should_run_the_shadow_example() {
        Classifier candidateModel = ScriptedClassifier.builder().name("candidate").otherwise(ticket -> answer("card_arrival")).build();
        double seen;

        // --- README.md: shadow mode ---
        try (ShadowClassifier shadow = ShadowClassifier.builder(openai, candidateModel).maxPending(500).build()) {
            TicketTriage triage = TicketTriage.builder().classifier(shadow).taxonomy(taxonomy).build();   // README: without .taxonomy
            // ... traffic ...
            triage.submit(NewTicket.of("Where is my refund?"));
            triage.submit(NewTicket.of("My card has not arrived"));
            triage.drainBacklog();
            await().atMost(Duration.ofSeconds(10)).until(() -> shadow.report().compared() == 2);
            ShadowReport report = shadow.report();
            double agreement = report.agreement("category");     // report.toText() for a readable summary
            // --- end of README code ---
            seen = agreement;
            triage.close();
        }

        assertThat(seen).isEqualTo(0.5);
    }
}
