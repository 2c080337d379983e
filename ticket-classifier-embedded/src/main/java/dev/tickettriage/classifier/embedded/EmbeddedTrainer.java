package dev.tickettriage.classifier.embedded;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.error.InvalidInputException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Trains an {@link EmbeddedModel} in the JVM: every example's features are computed once (the encoder's sentence
 * vector and/or hashed character n-grams), then one calibrated softmax head per field that has labels (CATEGORY;
 * SENTIMENT and PRIORITY when at least two distinct values occur). Nothing leaves the JVM. Deterministic for the same
 * examples, options and encoder. Thread-safe (each call trains independently).
 *
 * <pre>{@code
 * try (TextEncoder encoder = OnnxTextEncoder.bgeSmallEnV15(EncoderSettings.defaults())) {
 *     EmbeddedModel model = EmbeddedTrainer.create(encoder, TrainingOptions.defaults()).train(examples, taxonomy);
 *     model.save(Path.of("triage-model.bin"));
 * }
 * }</pre>
 */
public final class EmbeddedTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTrainer.class);

    private final @Nullable TextEncoder encoder;
    private final TrainingOptions options;
    private final Clock clock;

    private EmbeddedTrainer(@Nullable TextEncoder encoder, TrainingOptions options, Clock clock) {
        this.encoder = encoder;
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (options.features().sentenceVector() && encoder == null) {
            throw new IllegalArgumentException("these features use the sentence vector: give an encoder (or FeatureSettings.ngramsOnly)");
        }
    }

    /** A trainer using {@code encoder} (may be null only for n-gram-only features). */
    public static EmbeddedTrainer create(@Nullable TextEncoder encoder, TrainingOptions options) {
        return new EmbeddedTrainer(encoder, options, Clock.systemUTC());
    }

    /** As {@link #create}, stamping models with {@code clock}'s time. */
    public static EmbeddedTrainer create(@Nullable TextEncoder encoder, TrainingOptions options, Clock clock) {
        return new EmbeddedTrainer(encoder, options, clock);
    }

    /**
     * Trains on {@code examples} for {@code taxonomy}: category labels are matched to the taxonomy's labels (exactly,
     * else case-insensitively on a label or alias).
     *
     * @throws InvalidInputException when no example has a category, or a category label is not in the taxonomy
     *         (field {@code category}, naming the example number)
     */
    public EmbeddedModel train(TrainingSet examples, Taxonomy taxonomy) {
        Objects.requireNonNull(examples, "examples");
        Objects.requireNonNull(taxonomy, "taxonomy");
        List<TrainingExample> all = examples.examples();
        if (examples.count(ClassificationField.CATEGORY) == 0) throw new InvalidInputException("category", "no training example has a category label");
        Map<String, Category> resolved = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            String label = all.get(i).category().orElse(null);
            if (label == null || resolved.containsKey(label)) continue;
            int number = i + 1;
            resolved.put(label, taxonomy.resolve(label).orElseThrow(() -> new InvalidInputException("category",
                    "example " + number + ": label '" + shorten(label) + "' is not in taxonomy " + taxonomy.version())));
        }
        long started = System.nanoTime();
        Featurizer featurizer = new Featurizer(options.features(), encoder);
        List<String> texts = all.stream().map(TrainingExample::text).toList();
        List<FeatureRow> rows = featurizer.rows(texts, options.threads());
        double encodeSeconds = (System.nanoTime() - started) / 1e9;
        Map<ClassificationField, SoftmaxHead> heads = new EnumMap<>(ClassificationField.class);
        Map<ClassificationField, HeadReport> reports = new EnumMap<>(ClassificationField.class);
        List<String> categoryOrder = taxonomy.categories().stream().map(Category::id).toList();
        trainHead(ClassificationField.CATEGORY, all, rows, example -> example.category().map(label -> resolved.get(label).id()).orElse(null),
                categoryOrder, featurizer, heads, reports);
        trainHead(ClassificationField.SENTIMENT, all, rows, example -> example.sentiment().map(Enum::name).orElse(null),
                enumNames(dev.tickettriage.domain.Sentiment.values()), featurizer, heads, reports);
        trainHead(ClassificationField.PRIORITY, all, rows, example -> example.priority().map(Enum::name).orElse(null),
                enumNames(dev.tickettriage.domain.Priority.values()), featurizer, heads, reports);
        int unseen = categoryOrder.size() - heads.get(ClassificationField.CATEGORY).labels().size();
        if (unseen > 0) LOG.warn("{} of {} categories of taxonomy {} have no training example; the model never predicts them",
                unseen, categoryOrder.size(), taxonomy.version());
        LOG.info("Trained embedded model on {} examples: features {} s, heads {}", all.size(), String.format(java.util.Locale.ROOT, "%.1f", encodeSeconds), reports.keySet());
        return new EmbeddedModel(encoder == null || !options.features().sentenceVector() ? null : encoder.id(),
                featurizer.denseDimension(), options.features(), taxonomy, heads, reports, clock.instant());
    }

    private void trainHead(ClassificationField field, List<TrainingExample> all, List<FeatureRow> rows,
                           Function<TrainingExample, @Nullable String> labelOf, List<String> order, Featurizer featurizer,
                           Map<ClassificationField, SoftmaxHead> heads, Map<ClassificationField, HeadReport> reports) {
        List<String> present = new ArrayList<>();
        for (String label : order) {
            for (TrainingExample example : all) {
                if (label.equals(labelOf.apply(example))) {
                    present.add(label);
                    break;
                }
            }
        }
        if (present.isEmpty() || (field != ClassificationField.CATEGORY && present.size() < 2)) return;
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < present.size(); k++) index.put(present.get(k), k);
        List<FeatureRow> headRows = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String label = labelOf.apply(all.get(i));
            if (label == null) continue;
            headRows.add(rows.get(i));
            targets.add(index.get(label));
        }
        int[] y = targets.stream().mapToInt(Integer::intValue).toArray();
        HeadTrainer.Outcome outcome = HeadTrainer.train(headRows, y, present, featurizer.denseDimension(), featurizer.sparseDimension(), options);
        heads.put(field, outcome.head());
        reports.put(field, outcome.report());
    }

    private static List<String> enumNames(Enum<?>[] values) {
        List<String> names = new ArrayList<>(values.length);
        for (Enum<?> value : values) names.add(value.name());
        return names;
    }

    private static String shorten(String label) {
        return label.length() <= 60 ? label : label.substring(0, 60) + "...";
    }
}
