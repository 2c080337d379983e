package dev.tickettriage.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.error.MissingRecordingException;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.testkit.MutableClock;
import dev.tickettriage.testkit.ScriptedClassifier;
import dev.tickettriage.testkit.TicketFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReplayTest {

    private static final Taxonomy TAXONOMY = TicketFixtures.bankingTaxonomy();

    @TempDir
    Path directory;

    private final MutableClock clock = MutableClock.start();

    /** The "real" model: refunds by text, card_arrival otherwise; with tokens and cost in provenance. */
    private final ScriptedClassifier model = ScriptedClassifier.builder().name("openai")
            .when("refund", TicketFixtures.aFullClassification().category(Category.of("refund_not_showing_up")).build())
            .otherwise(TicketFixtures.aFullClassification().build())
            .build();

    private static Ticket ticket(String body) {
        return TicketFixtures.aTicket().withSubject("Help").withBody(body).build();
    }

    private Path record(String promptVersion, Taxonomy taxonomy, Ticket... tickets) {
        Path file = directory.resolve("answers.jsonl");
        try (RecordingClassifier recorder = RecordingClassifier.builder(model, file).promptVersion(promptVersion).clock(clock).build()) {
            for (Ticket ticket : tickets) recorder.classify(ticket, taxonomy);
            assertThat(recorder.recorded()).isEqualTo(tickets.length);
        }
        return file;
    }

    @Test
    void should_replay_recorded_answers_offline_as_free_cache_hits() {
        Ticket refund = ticket("Where is my refund?");
        Ticket card = ticket("My card never came");
        Path file = record("p1", TAXONOMY, refund, card);
        long liveCalls = model.callCount();

        ReplayClassifier replay = ReplayClassifier.builder(file, "openai").promptVersion("p1").build();
        Classification replayed = replay.classify(ticket("Where is my refund?"), TAXONOMY);

        assertThat(replayed.category()).isEqualTo(Category.of("refund_not_showing_up"));
        assertThat(replayed.summary()).isEqualTo(TicketFixtures.aFullClassification().build().summary());
        assertThat(replayed.fields()).isEqualTo(TicketFixtures.aFullClassification().build().fields());
        assertThat(replayed.provenance().isCacheHit()).isTrue();
        assertThat(replayed.provenance().tokenUsage().totalTokens()).isZero();
        assertThat(replayed.provenance().modelName()).contains("gpt-4o-mini");
        assertThat(replay.classify(card, TAXONOMY).category()).isEqualTo(Category.of("card_arrival"));
        assertThat(model.callCount()).isEqualTo(liveCalls);
        assertThat(replay.size()).isEqualTo(2);
        assertThat(replay.replayed()).isEqualTo(2);
        assertThat(replay.name()).isEqualTo("openai");
    }

    @Test
    void should_fail_typed_and_say_never_recorded_for_a_new_text() {
        Path file = record("p1", TAXONOMY, ticket("Where is my refund?"));
        ReplayClassifier replay = ReplayClassifier.builder(file, "openai").promptVersion("p1").build();
        Ticket unseen = ticket("A secret body text 4111");

        assertThatThrownBy(() -> replay.classify(unseen, TAXONOMY))
                .isInstanceOfSatisfying(MissingRecordingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MissingRecordingException.Reason.NOT_RECORDED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e).hasMessageContaining(unseen.id().toString()).hasMessageContaining("answers.jsonl")
                            .hasMessageNotContaining("secret");
                });
    }

    @Test
    void should_report_a_changed_taxonomy_prompt_or_classifier_instead_of_replaying_a_stale_answer() {
        Ticket refund = ticket("Where is my refund?");
        Path file = record("p1", TAXONOMY, refund);
        Taxonomy changed = TAXONOMY.toBuilder().version("banking-test-2").build();

        assertThatThrownBy(() -> ReplayClassifier.builder(file, "openai").promptVersion("p1").build().classify(refund, changed))
                .isInstanceOfSatisfying(MissingRecordingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(MissingRecordingException.Reason.TAXONOMY_CHANGED);
                    assertThat(e).hasMessageContaining("banking-test-1").hasMessageContaining("banking-test-2");
                });
        assertThatThrownBy(() -> ReplayClassifier.builder(file, "openai").promptVersion("p2").build().classify(refund, TAXONOMY))
                .isInstanceOfSatisfying(MissingRecordingException.class,
                        e -> assertThat(e.reason()).isEqualTo(MissingRecordingException.Reason.PROMPT_CHANGED));
        assertThatThrownBy(() -> ReplayClassifier.builder(file, "anthropic").promptVersion("p1").build().classify(refund, TAXONOMY))
                .isInstanceOfSatisfying(MissingRecordingException.class,
                        e -> assertThat(e.reason()).isEqualTo(MissingRecordingException.Reason.CLASSIFIER_CHANGED));
    }

    @Test
    void should_fall_through_to_the_live_classifier_when_configured() {
        Path file = record("", TAXONOMY, ticket("Where is my refund?"));
        ScriptedClassifier live = ScriptedClassifier.builder().name("rules").build();
        ReplayClassifier replay = ReplayClassifier.builder(file, "openai").onMissing(live).build();

        Classification answer = replay.classify(ticket("Something new"), TAXONOMY);

        assertThat(answer.provenance().isCacheHit()).isFalse();
        assertThat(live.callCount()).isEqualTo(1);
        assertThat(replay.missed()).isEqualTo(1);
        assertThat(replay.capabilities()).isEqualTo(live.capabilities());
    }

    @Test
    void should_record_batch_and_async_answers_but_not_failures() {
        ScriptedClassifier flaky = ScriptedClassifier.builder().name("flaky")
                .failTimes(1, ClassificationException.retryable("HTTP 503", (Throwable) null)).build();
        Path file = directory.resolve("nested/dir/answers.jsonl");
        List<Ticket> batch = List.of(ticket("one"), ticket("two"), ticket("three"));
        try (RecordingClassifier recorder = RecordingClassifier.builder(flaky, file).build()) {
            List<ClassificationResult> results = recorder.classifyAllAsync(batch, TAXONOMY, ForkJoinPool.commonPool())
                    .toCompletableFuture().join();
            assertThat(results.stream().filter(result -> result.value().isPresent())).hasSize(2);
            assertThat(recorder.recorded()).isEqualTo(2);
        }

        ReplayClassifier replay = ReplayClassifier.builder(file, "flaky").build();

        assertThat(replay.size()).isEqualTo(2);
        assertThatThrownBy(() -> replay.classify(batch.get(0), TAXONOMY)).isInstanceOf(MissingRecordingException.class);
        assertThat(replay.classify(batch.get(2), TAXONOMY)).isNotNull();
    }

    @Test
    void should_replay_the_newest_answer_when_a_ticket_was_recorded_twice() throws IOException {
        Ticket refund = ticket("Where is my refund?");
        Path file = directory.resolve("answers.jsonl");
        ScriptedClassifier first = ScriptedClassifier.builder().name("m").otherwise(TicketFixtures.aClassification().category(Category.of("other")).build()).build();
        ScriptedClassifier second = ScriptedClassifier.builder().name("m").otherwise(TicketFixtures.aClassification().category(Category.of("refund_not_showing_up")).build()).build();
        try (RecordingClassifier recorder = RecordingClassifier.builder(first, file).build()) {
            recorder.classify(refund, TAXONOMY);
        }
        try (RecordingClassifier recorder = RecordingClassifier.builder(second, file).build()) {
            recorder.classify(refund, TAXONOMY);
        }

        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(ReplayClassifier.builder(file, "m").build().classify(refund, TAXONOMY).category()).isEqualTo(Category.of("refund_not_showing_up"));
    }

    @Test
    void should_name_the_line_and_field_of_a_broken_recording() throws IOException {
        Path file = record("", TAXONOMY, ticket("Where is my refund?"), ticket("card"));
        List<String> lines = Files.readAllLines(file);
        Files.write(file, List.of(lines.get(0), lines.get(1).replace("\"priority\":\"HIGH\"", "\"priority\":\"SOON\"")), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ReplayClassifier.builder(file, "openai").build())
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("answers.jsonl:2: classification.priority"));

        Files.writeString(file, "{not json\n");
        assertThatThrownBy(() -> ReplayClassifier.builder(file, "openai").build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("answers.jsonl:1"));

        assertThatThrownBy(() -> ReplayClassifier.builder(directory.resolve("absent.jsonl"), "openai").build())
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("RecordingClassifier");
    }

    @Test
    void should_reject_a_line_whose_key_was_edited_by_hand() throws IOException {
        Path file = record("", TAXONOMY, ticket("Where is my refund?"));
        String line = Files.readAllLines(file).get(0);
        Files.writeString(file, line.replace("\"classifier\":\"openai\"", "\"classifier\":\"other\"") + "\n");

        assertThatThrownBy(() -> ReplayClassifier.builder(file, "other").build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("answers.jsonl:1: key"));
    }
}
