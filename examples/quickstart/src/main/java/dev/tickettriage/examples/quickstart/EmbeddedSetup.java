package dev.tickettriage.examples.quickstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.classifier.embedded.EmbeddedClassifier;
import dev.tickettriage.classifier.embedded.EmbeddedModel;
import dev.tickettriage.classifier.embedded.EmbeddedTrainer;
import dev.tickettriage.classifier.embedded.EncoderException;
import dev.tickettriage.classifier.embedded.EncoderSettings;
import dev.tickettriage.classifier.embedded.ModelFileException;
import dev.tickettriage.classifier.embedded.OnnxTextEncoder;
import dev.tickettriage.classifier.embedded.TextEncoder;
import dev.tickettriage.classifier.embedded.TrainingOptions;
import dev.tickettriage.classifier.embedded.TrainingSet;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.io.TextRecord;
import dev.tickettriage.io.TextRecords;
import org.jspecify.annotations.Nullable;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@code --classifier embedded}: loads a saved model ({@code --model FILE}) or trains one (on {@code --train FILE}, else on
 * the taxonomy's examples), saves it when asked ({@code --save-model}), and decides the taxonomy: the one given with
 * {@code --taxonomy}, else the model's, else the labels of the training file's category column, else the default.
 */
final class EmbeddedSetup implements AutoCloseable {

    private final Taxonomy taxonomy;
    private final EmbeddedClassifier classifier;
    private final @Nullable TextEncoder encoder;

    private EmbeddedSetup(Taxonomy taxonomy, EmbeddedClassifier classifier, @Nullable TextEncoder encoder) {
        this.taxonomy = taxonomy;
        this.classifier = classifier;
        this.encoder = encoder;
    }

    Taxonomy taxonomy() {
        return taxonomy;
    }

    EmbeddedClassifier classifier() {
        return classifier;
    }

    static EmbeddedSetup prepare(Options options, Optional<Taxonomy> given, InputStream stdin, PrintStream err) {
        EmbeddedOptions flags = options.embedded();
        TextEncoder encoder = null;
        try {
            if (flags.modelFile().isPresent()) {
                String file = flags.modelFile().get();
                EmbeddedModel model = EmbeddedModel.load(Path.of(file));
                given.ifPresent(model::requireTaxonomy);
                encoder = model.encoderId().map(id -> builtInEncoder(id, file)).orElse(null);
                err.println("triage: loaded embedded model " + file + " (" + model.encoderId().orElse("char n-grams") + ", taxonomy "
                        + model.taxonomy().version() + ", trained " + model.trainedAt() + ")");
                return new EmbeddedSetup(given.orElse(model.taxonomy()), EmbeddedClassifier.of(model, encoder), encoder);
            }
            encoder = OnnxTextEncoder.builtIn(flags.encoder(), EncoderSettings.defaults());
            TrainingSet examples = flags.trainFile().map(file -> readTrainingFile(file, options, stdin)).orElse(TrainingSet.of(java.util.List.of()));
            Taxonomy taxonomy = given.orElseGet(() -> examples.count(ClassificationField.CATEGORY) > 0 ? examples.derivedTaxonomy() : Taxonomy.defaultSupport());
            TrainingSet all = examples;
            if (examples.count(ClassificationField.CATEGORY) == 0) {
                TrainingSet fromTaxonomy = TrainingSet.fromTaxonomy(taxonomy);
                if (fromTaxonomy.size() == 0) {
                    throw new UsageException("nothing to train the category on: give --train FILE with --category-column, or a taxonomy with examples");
                }
                all = fromTaxonomy.plus(examples);
            }
            err.printf(Locale.ROOT, "triage: training the embedded classifier (%s) on %,d examples, %d categories...%n", encoder.id(), all.size(),
                    taxonomy.categories().size());
            long started = System.nanoTime();
            TrainingOptions training = TrainingOptions.defaults().withThreads(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
            EmbeddedModel model = EmbeddedTrainer.create(encoder, training).train(all, taxonomy);
            err.printf(Locale.ROOT, "triage: trained in %.1f s (heads: %s)%n", (System.nanoTime() - started) / 1e9,
                    model.fields().stream().map(field -> field.name().toLowerCase(Locale.ROOT)).sorted().toList());
            if (flags.saveModel().isPresent()) {
                Path file = Path.of(flags.saveModel().get());
                model.save(file);
                err.printf(Locale.ROOT, "triage: model saved to %s (%,d KB); reuse it with --classifier embedded --model %s%n", file,
                        Files.size(file) / 1024, file);
            }
            return new EmbeddedSetup(taxonomy, EmbeddedClassifier.of(model, encoder), encoder);
        } catch (ModelFileException | EncoderException e) {
            if (encoder != null) encoder.close();
            throw new UsageException("embedded classifier: " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            if (encoder != null) encoder.close();
            throw new UsageException("embedded classifier: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (encoder != null) encoder.close();
            throw e;
        }
    }

    private static TextEncoder builtInEncoder(String id, String file) {
        try {
            return OnnxTextEncoder.builtIn(id, EncoderSettings.defaults());
        } catch (IllegalArgumentException e) {
            throw new UsageException("model " + file + " was trained with encoder '" + id + "', which is not built in (the quickstart loads only"
                    + " bge-small and minilm; use the library with OnnxTextEncoder.fromFiles)");
        }
    }

    private static TrainingSet readTrainingFile(String file, Options options, InputStream stdin) {
        EmbeddedOptions flags = options.embedded();
        TrainingSet.Columns columns = new TrainingSet.Columns(options.textColumn(), flags.categoryColumn().orElse(null),
                flags.sentimentColumn().orElse(null), flags.priorityColumn().orElse(null));
        AtomicLong malformed = new AtomicLong();
        try (InputSource input = InputSource.open(Optional.of(file), Optional.empty(), stdin);
             Stream<TextRecord> records = TextRecords.read(input.in(), input.format(), new ObjectMapper(), Set.of(options.textColumn()),
                     error -> malformed.incrementAndGet())) {
            TrainingSet set = TrainingSet.fromRecords(records, columns);
            if (malformed.get() > 0) throw new UsageException("training file " + file + ": " + malformed.get() + " malformed row(s); fix them first");
            if (set.size() == 0) throw new UsageException("training file " + file + " has no row with a text and a label");
            return set;
        } catch (InvalidInputException e) {
            throw new UsageException("training file " + file + ": " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new UsageException("training file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (encoder != null) encoder.close();
    }
}
