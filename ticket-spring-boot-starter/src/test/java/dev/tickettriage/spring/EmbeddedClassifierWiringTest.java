package dev.tickettriage.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.classifier.embedded.EmbeddedModel;
import dev.tickettriage.classifier.embedded.EmbeddedTrainer;
import dev.tickettriage.classifier.embedded.FeatureSettings;
import dev.tickettriage.classifier.embedded.TrainingOptions;
import dev.tickettriage.classifier.embedded.TrainingSet;
import dev.tickettriage.domain.CategoryDefinition;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.Classifier;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The embedded classifier by property, with a small n-gram-only model trained here (no ONNX encoder needed). */
class EmbeddedClassifierWiringTest {

    @TempDir
    static Path dir;
    static Path modelFile;
    static final Taxonomy SHOP = Taxonomy.builder().version("shop-embedded-1")
            .category(CategoryDefinition.of("shipping", "Parcels, delivery and tracking"))
            .category(CategoryDefinition.of("returns", "Sending items back and refunds for returns"))
            .build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TicketTriageAutoConfiguration.class));

    @BeforeAll
    static void train() {
        TrainingSet examples = TrainingSet.of(java.util.stream.Stream.of(
                        "where is my parcel", "my package has not arrived", "tracking number shows no delivery",
                        "the courier lost my parcel", "delivery is late again", "parcel stuck in transit",
                        "I want to return the shoes", "how do I send the item back", "return label please",
                        "the jacket does not fit, I want a return", "refund for my returned order", "start a return")
                .map(text -> new dev.tickettriage.classifier.embedded.TrainingExample(text,
                        text.contains("return") || text.contains("back") ? "returns" : "shipping", null, null))
                .toList());
        EmbeddedModel model = EmbeddedTrainer.create(null, TrainingOptions.defaults().withFeatures(FeatureSettings.ngramsOnly(2, 4, 1 << 12)))
                .train(examples, SHOP);
        modelFile = dir.resolve("shop.model");
        model.save(modelFile);
    }

    @Test
    void should_classify_with_the_model_file_and_use_its_taxonomy() {
        runner.withPropertyValues("ticket-triage.classifier.embedded.model-file=" + modelFile).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(Classifier.class).name()).isEqualTo("embedded");
            assertThat(context.getBean(Taxonomy.class).version()).isEqualTo("shop-embedded-1");
            TicketTriage triage = context.getBean(TicketTriage.class);
            Ticket ticket = triage.submit(NewTicket.of("my parcel has not arrived and tracking shows nothing"));
            await().atMost(Duration.ofSeconds(20)).until(() -> triage.find(ticket.id()).orElseThrow().processingState() == ProcessingState.PROCESSED);
            assertThat(triage.find(ticket.id()).orElseThrow().classification().orElseThrow().category().id()).isEqualTo("shipping");
        });
        runner.withPropertyValues("ticket-triage.classifier.embedded.model-file=" + modelFile,
                "ticket-triage.classifier.openai.api-key=sk-test", "ticket-triage.classifier.cascade.enabled=true")
                .run(context -> assertThat(context.getBean(Classifier.class).name()).isEqualTo("embedded>openai"));
    }

    @Test
    void should_fail_clearly_on_a_missing_model_a_mismatched_taxonomy_or_a_missing_module() {
        runner.withPropertyValues("ticket-triage.classifier.provider=embedded").run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("ticket-triage.classifier.embedded.model-file"));
        runner.withPropertyValues("ticket-triage.classifier.embedded.model-file=" + dir.resolve("missing.model")).run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("is not a readable file"));
        runner.withPropertyValues("ticket-triage.classifier.embedded.model-file=" + modelFile,
                        "ticket-triage.taxonomy-file=classpath:test-taxonomy.json")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("is not the taxonomy the embedded model was trained on"));
        runner.withClassLoader(new FilteredClassLoader("dev.tickettriage.classifier.embedded"))
                .withPropertyValues("ticket-triage.classifier.embedded.model-file=" + modelFile)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("needs dev.tickettriage:ticket-classifier-embedded"));
    }
}
