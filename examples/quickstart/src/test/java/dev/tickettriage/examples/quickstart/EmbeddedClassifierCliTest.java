package dev.tickettriage.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --classifier embedded}, end to end: train on a small labelled CSV with its own column names, classify stdin,
 * save the model and classify again from the saved file. Uses the smaller in-jar encoder (minilm) to stay quick.
 */
class EmbeddedClassifierCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Six phrasings for each of three labels the default taxonomy does not have, plus a mood column. */
    private static final String TRAINING = """
            message,intent,mood
            My new card has not arrived yet,card_arrival,negative
            When will my card be delivered?,card_arrival,neutral
            Still waiting for the card you posted two weeks ago,card_arrival,negative
            How long does card delivery take?,card_arrival,neutral
            The card never came in the mail,card_arrival,negative
            "Thanks, the card arrived quickly!",card_arrival,positive
            I want my money back for this purchase,refund,negative
            How do I request a refund?,refund,neutral
            The refund still has not reached my account,refund,negative
            Please refund the duplicate charge,refund,negative
            "Great, I got my refund, thank you",refund,positive
            Can I get reimbursed for the cancelled order?,refund,neutral
            I forgot my password,password,neutral
            Cannot log in to the app,password,negative
            How do I reset my password?,password,neutral
            My account is locked after three attempts,password,negative
            The login page rejects my password,password,negative
            "Thanks, I can sign in again",password,positive
            """;

    private static final String TICKETS = """
            message
            my card still isn't here
            I would like a reimbursement of my payment
            "can't sign in, credentials rejected"
            """;

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) if (!line.isBlank()) lines.add(JSON.readTree(line));
        return lines;
    }

    @Test
    void should_train_on_a_labelled_file_classify_and_reuse_the_saved_model(@TempDir Path directory) throws Exception {
        Path training = directory.resolve("labelled.csv");
        Files.writeString(training, TRAINING);
        Path model = directory.resolve("triage.model");

        AppRun trained = AppRun.run(TICKETS, "--classifier", "embedded", "--encoder", "minilm", "--train", training.toString(),
                "--text-column", "message", "--category-column", "intent", "--sentiment-column", "mood",
                "--save-model", model.toString(), "--format", "jsonl", "--workers", "0", "-q", "-");

        assertThat(trained.exitCode()).as(trained.err()).isZero();
        assertThat(trained.err()).contains("training the embedded classifier").contains("18 examples").contains("model saved to");
        List<JsonNode> first = lines(trained.out());
        assertThat(first).extracting(node -> node.get("category").asText()).containsExactly("card_arrival", "refund", "password");
        assertThat(first).allSatisfy(node -> assertThat(node.get("classifier").asText()).isEqualTo("embedded"));
        assertThat(first.get(2).get("sentiment").asText()).isIn("NEGATIVE", "NEUTRAL", "VERY_NEGATIVE");
        assertThat(model).isRegularFile();

        AppRun reused = AppRun.run(TICKETS, "--classifier", "embedded", "--model", model.toString(), "--text-column", "message",
                "--format", "jsonl", "--workers", "0", "-q", "-");

        assertThat(reused.exitCode()).as(reused.err()).isZero();
        assertThat(reused.err()).contains("loaded embedded model").doesNotContain("training");
        List<JsonNode> second = lines(reused.out());
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).get("category")).isEqualTo(first.get(i).get("category"));
            assertThat(second.get(i).get("category_confidence")).isEqualTo(first.get(i).get("category_confidence"));
        }
    }

    @Test
    void should_list_the_embedded_flags_in_help() {
        AppRun help = AppRun.run("", "--help");

        assertThat(help.out()).contains("--classifier", "--train", "--category-column", "--sentiment-column", "--save-model",
                "--model FILE", "--llm-model", "--cascade-threshold");
    }

    @Test
    void should_reject_inconsistent_embedded_flags_with_a_usage_error(@TempDir Path directory) throws Exception {
        Path notAModel = directory.resolve("labels.csv");
        Files.writeString(notAModel, TRAINING);

        assertThat(AppRun.run("", "--train", "x.csv").err()).contains("--train needs --classifier embedded");
        assertThat(AppRun.run("", "--classifier", "embedded", "--train", "a.csv", "--model", "b.model").err()).contains("not both");
        assertThat(AppRun.run("", "--classifier", "neural").exitCode()).isEqualTo(QuickstartApp.USAGE);
        AppRun badModel = AppRun.run("", "--classifier", "embedded", "--model", notAModel.toString());
        assertThat(badModel.exitCode()).isEqualTo(QuickstartApp.USAGE);
        assertThat(badModel.err()).contains("NOT_A_MODEL_FILE");
        AppRun badColumn = AppRun.run("", "--classifier", "embedded", "--encoder", "minilm", "--train", notAModel.toString(),
                "--text-column", "message", "--category-column", "topic");
        assertThat(badColumn.exitCode()).isEqualTo(QuickstartApp.USAGE);
        assertThat(badColumn.err()).contains("topic").doesNotContain("Exception");
    }
}
