package dev.tickettriage.classifier.embedded;

import dev.tickettriage.classifier.Classifiers;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.testkit.ScriptedClassifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviour of the trained classifier on a small synthetic support set (in-jar BGE encoder plus n-grams). */
class EmbeddedClassifierTest {

    static final Taxonomy TAXONOMY = Taxonomy.builder().version("synthetic-1")
            .category("card_arrival", "card delivery").category("refund", "refunds").category("password", "login problems").build();

    private static EmbeddedModel model;

    /** Eight phrasings per label, with sentiment and priority on each, so every head trains. */
    static TrainingSet syntheticSet() {
        String[][] rows = {
                {"card_arrival", "My new card has not arrived yet", "NEGATIVE", "MEDIUM"},
                {"card_arrival", "When will my card be delivered?", "NEUTRAL", "LOW"},
                {"card_arrival", "Still waiting for the card you sent two weeks ago", "NEGATIVE", "HIGH"},
                {"card_arrival", "How long does card delivery take?", "NEUTRAL", "LOW"},
                {"card_arrival", "The card never came in the mail", "NEGATIVE", "HIGH"},
                {"card_arrival", "Can you track my card shipment?", "NEUTRAL", "MEDIUM"},
                {"card_arrival", "Thanks, the card arrived quickly!", "POSITIVE", "LOW"},
                {"card_arrival", "Where is my debit card? It should be here by now", "NEGATIVE", "MEDIUM"},
                {"refund", "I want my money back for this purchase", "NEGATIVE", "HIGH"},
                {"refund", "How do I request a refund?", "NEUTRAL", "MEDIUM"},
                {"refund", "The refund still has not reached my account", "NEGATIVE", "HIGH"},
                {"refund", "Please refund the duplicate charge", "NEGATIVE", "HIGH"},
                {"refund", "Great, I got my refund, thank you", "POSITIVE", "LOW"},
                {"refund", "Can I get reimbursed for the cancelled order?", "NEUTRAL", "MEDIUM"},
                {"refund", "Refund status for my return", "NEUTRAL", "MEDIUM"},
                {"refund", "You charged me twice, give the money back", "NEGATIVE", "URGENT"},
                {"password", "I forgot my password", "NEUTRAL", "MEDIUM"},
                {"password", "Cannot log in to the app", "NEGATIVE", "HIGH"},
                {"password", "How do I reset my password?", "NEUTRAL", "LOW"},
                {"password", "My account is locked after three attempts", "NEGATIVE", "HIGH"},
                {"password", "The login page rejects my password", "NEGATIVE", "HIGH"},
                {"password", "Password reset email never arrives", "NEGATIVE", "MEDIUM"},
                {"password", "Thanks, I can sign in again", "POSITIVE", "LOW"},
                {"password", "Change my login credentials please", "NEUTRAL", "LOW"},
        };
        List<TrainingExample> examples = new ArrayList<>();
        for (String[] row : rows) {
            examples.add(new TrainingExample(row[1], row[0], Sentiment.valueOf(row[2]), Priority.valueOf(row[3])));
        }
        return TrainingSet.of(examples);
    }

    @BeforeAll
    static void train() {
        model = EmbeddedTrainer.create(SharedEncoder.bge(), TrainingOptions.defaults()).train(syntheticSet(), TAXONOMY);
    }

    static Ticket ticket(String body, long number) {
        return Ticket.builder().id(TicketId.of(new UUID(0L, number))).createdAt(Instant.parse("2026-01-01T00:00:00Z")).body(body).build();
    }

    @Test
    void should_classify_unseen_phrasings_by_meaning() {
        EmbeddedClassifier classifier = EmbeddedClassifier.of(model, SharedEncoder.bge());

        assertThat(classifier.classify(ticket("my card still isn't here", 1), TAXONOMY).category()).isEqualTo(Category.of("card_arrival"));
        assertThat(classifier.classify(ticket("I would like a reimbursement of my payment", 2), TAXONOMY).category()).isEqualTo(Category.of("refund"));
        assertThat(classifier.classify(ticket("can't sign in, credentials rejected", 3), TAXONOMY).category()).isEqualTo(Category.of("password"));
    }

    @Test
    void should_fill_every_trained_head_with_calibrated_confidence_and_alternatives() {
        EmbeddedClassifier classifier = EmbeddedClassifier.of(model, SharedEncoder.bge());

        Classification result = classifier.classify(ticket("The refund never arrived, this is unacceptable", 4), TAXONOMY);

        assertThat(classifier.capabilities()).containsExactlyInAnyOrder(ClassificationField.CATEGORY, ClassificationField.SENTIMENT, ClassificationField.PRIORITY);
        assertThat(result.confidences()).containsKeys(ClassificationField.CATEGORY, ClassificationField.SENTIMENT, ClassificationField.PRIORITY);
        assertThat(result.sentiment().isNegative()).isTrue();
        assertThat(result.sentimentScore()).isNegative();
        assertThat(result.alternatives()).hasSize(2).extracting(a -> a.category().id()).doesNotContain(result.category().id());
        double total = result.confidenceValue(ClassificationField.CATEGORY) + result.alternatives().stream().mapToDouble(a -> a.score()).sum();
        assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(result.alternatives().get(0).score()).isGreaterThanOrEqualTo(result.alternatives().get(1).score());
        assertThat(result.provenance().classifier()).isEqualTo("embedded");
        assertThat(result.provenance().modelName()).contains("bge-small-en-v1.5-q+char-ngrams");
    }

    @Test
    void should_refuse_a_taxonomy_it_was_not_trained_for() {
        EmbeddedClassifier classifier = EmbeddedClassifier.of(model, SharedEncoder.bge());

        assertThatThrownBy(() -> classifier.classify(ticket("hello", 5), Taxonomy.defaultSupport()))
                .isInstanceOf(ClassificationException.class)
                .hasMessageContaining("synthetic-1").hasMessageContaining("support-default-1")
                .satisfies(e -> assertThat(((ClassificationException) e).retryable()).isFalse());
        List<ClassificationResult> results = classifier.classifyAll(List.of(ticket("a", 6), ticket("b", 7)), Taxonomy.defaultSupport());
        assertThat(results).allSatisfy(r -> assertThat(r.isSuccess()).isFalse());
    }

    @Test
    void should_give_the_same_answer_alone_and_in_a_batch() {
        EmbeddedClassifier classifier = EmbeddedClassifier.of(model, SharedEncoder.bge());
        List<Ticket> tickets = List.of(ticket("my card still isn't here", 10), ticket("refund please", 11), ticket("locked out", 12));

        List<ClassificationResult> batch = classifier.classifyAll(tickets, TAXONOMY);

        for (int i = 0; i < tickets.size(); i++) {
            Classification alone = classifier.classify(tickets.get(i), TAXONOMY);
            Classification inBatch = batch.get(i).value().orElseThrow();
            assertThat(inBatch.category()).isEqualTo(alone.category());
            assertThat(inBatch.confidenceValue(ClassificationField.CATEGORY)).isEqualTo(alone.confidenceValue(ClassificationField.CATEGORY));
        }
    }

    @Test
    void should_send_only_unsure_tickets_to_the_llm_in_a_cascade_and_record_who_decided() {
        EmbeddedClassifier embedded = EmbeddedClassifier.of(model, SharedEncoder.bge());
        ScriptedClassifier llm = ScriptedClassifier.builder().name("llm").build();
        Ticket clear = ticket("My new card has not arrived yet, still waiting", 20);
        Ticket vague = ticket("hmm", 21);
        double clearConfidence = embedded.classify(clear, TAXONOMY).confidenceValue(ClassificationField.CATEGORY);
        double vagueConfidence = embedded.classify(vague, TAXONOMY).confidenceValue(ClassificationField.CATEGORY);
        assertThat(clearConfidence).isGreaterThan(vagueConfidence);
        double threshold = (clearConfidence + vagueConfidence) / 2;

        Classifier cascade = Classifiers.firstConfident(embedded, threshold, llm);

        assertThat(cascade.classify(clear, TAXONOMY).provenance().classifier()).isEqualTo("embedded");
        assertThat(cascade.classify(vague, TAXONOMY).provenance().classifier()).isEqualTo("llm");
        assertThat(llm.callCount()).isEqualTo(1);
    }

    @Test
    void should_train_the_same_model_twice_from_the_same_data_and_seed() {
        EmbeddedModel again = EmbeddedTrainer.create(SharedEncoder.bge(), TrainingOptions.defaults()).train(syntheticSet(), TAXONOMY);

        SoftmaxHead first = model.head(ClassificationField.CATEGORY).orElseThrow();
        SoftmaxHead second = again.head(ClassificationField.CATEGORY).orElseThrow();
        assertThat(second.weights()).containsExactly(first.weights());
        assertThat(second.temperature()).isEqualTo(first.temperature());
    }
}
