package dev.tickettriage.classifier.embedded;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.ScoredCategory;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The offline {@link Classifier}: an {@link EmbeddedModel} (trained by {@link EmbeddedTrainer}) scoring a ticket's
 * text ({@link Ticket#text()}) through its encoder. Fills CATEGORY with a calibrated confidence and top-k alternatives,
 * and SENTIMENT / PRIORITY when the model has those heads; language stays undetermined. No data leaves the JVM. CPU
 * bound ({@link dev.tickettriage.port.ClassifierLimits#cpuBound()}); thread-safe.
 *
 * <p>A ticket classified against another taxonomy than the model's fails permanently ({@link ClassificationException}
 * naming both versions). Compose it with an LLM for the tickets it is unsure about:
 * {@code Classifiers.firstConfident(embedded, 0.6, llm)}; the provenance of each answer names who decided.
 */
public final class EmbeddedClassifier implements Classifier, AutoCloseable {

    /** The classifier's name in provenance and logs. */
    public static final String NAME = "embedded";
    public static final int DEFAULT_TOP_K = 3;

    private final EmbeddedModel model;
    private final @Nullable TextEncoder encoder;
    private final boolean ownsEncoder;
    private final Featurizer featurizer;
    private final int topK;
    private final Set<ClassificationField> capabilities;
    private final String modelName;

    private EmbeddedClassifier(EmbeddedModel model, @Nullable TextEncoder encoder, boolean ownsEncoder, int topK) {
        this.model = Objects.requireNonNull(model, "model");
        model.requireEncoder(encoder);
        this.encoder = encoder;
        this.ownsEncoder = ownsEncoder;
        this.featurizer = new Featurizer(model.features(), encoder);
        if (topK < 0 || topK > 100) throw new IllegalArgumentException("topK must be in [0, 100], was " + topK);
        this.topK = topK;
        EnumSet<ClassificationField> fields = EnumSet.of(ClassificationField.CATEGORY);
        fields.addAll(model.fields());
        this.capabilities = Set.copyOf(fields);
        this.modelName = model.encoderId().map(id -> id + (model.features().usesNgrams() ? "+char-ngrams" : "")).orElse("char-ngrams");
    }

    /**
     * A classifier for {@code model} using {@code encoder} (which the caller keeps and closes; null only for an
     * n-gram-only model), with {@value #DEFAULT_TOP_K} alternatives.
     *
     * @throws ModelFileException when {@code encoder} is not the one the model was trained with
     */
    public static EmbeddedClassifier of(EmbeddedModel model, @Nullable TextEncoder encoder) {
        return new EmbeddedClassifier(model, encoder, false, DEFAULT_TOP_K);
    }

    /** As {@link #of}, with {@code topK} alternatives (0 for none). */
    public static EmbeddedClassifier of(EmbeddedModel model, @Nullable TextEncoder encoder, int topK) {
        return new EmbeddedClassifier(model, encoder, false, topK);
    }

    /**
     * Loads a saved model and the built-in encoder it names (which this classifier owns and {@link #close() closes}).
     * For a model trained with the host's own encoder files, load the encoder with {@link OnnxTextEncoder#fromFiles}
     * and use {@link #of}.
     *
     * @throws ModelFileException when the file cannot be used
     * @throws IllegalArgumentException when the model names an encoder that is not built in
     */
    public static EmbeddedClassifier load(java.nio.file.Path modelFile, EncoderSettings settings) {
        EmbeddedModel model = EmbeddedModel.load(modelFile);
        TextEncoder encoder = model.encoderId().map(id -> (TextEncoder) OnnxTextEncoder.builtIn(id, settings)).orElse(null);
        try {
            return new EmbeddedClassifier(model, encoder, true, DEFAULT_TOP_K);
        } catch (RuntimeException e) {
            if (encoder != null) encoder.close();
            throw e;
        }
    }

    public EmbeddedModel model() {
        return model;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return capabilities;
    }

    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        requireTaxonomy(taxonomy);
        long started = System.nanoTime();
        FeatureRow row = features(List.of(ticket.text())).get(0);
        return classification(row, taxonomy, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Encodes the batch in one call (the encoder batches as its settings say), then scores each ticket. */
    @Override
    public List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
        if (tickets.isEmpty()) return List.of();
        try {
            requireTaxonomy(taxonomy);
        } catch (ClassificationException e) {
            return tickets.stream().map(ticket -> ClassificationResult.failure(ticket.id(), e)).toList();
        }
        long started = System.nanoTime();
        List<FeatureRow> rows;
        try {
            rows = features(tickets.stream().map(Ticket::text).toList());
        } catch (ClassificationException e) {
            return Classifier.super.classifyAll(tickets, taxonomy);   // isolate the ticket that fails
        }
        Duration each = Duration.ofNanos((System.nanoTime() - started) / tickets.size());
        List<ClassificationResult> results = new ArrayList<>(tickets.size());
        for (int i = 0; i < tickets.size(); i++) {
            results.add(ClassificationResult.success(tickets.get(i).id(), classification(rows.get(i), taxonomy, each)));
        }
        return results;
    }

    private void requireTaxonomy(Taxonomy taxonomy) {
        Objects.requireNonNull(taxonomy, "taxonomy");
        try {
            model.requireTaxonomy(taxonomy);
        } catch (ModelFileException e) {
            throw ClassificationException.permanent("embedded classifier: " + e.getMessage());
        }
    }

    private List<FeatureRow> features(List<String> texts) {
        try {
            return featurizer.rows(texts, 1);
        } catch (EncoderException e) {
            throw ClassificationException.permanent("embedded classifier: " + e.getMessage(), e);
        }
    }

    private Classification classification(FeatureRow row, Taxonomy taxonomy, Duration latency) {
        SoftmaxHead categoryHead = model.head(ClassificationField.CATEGORY).orElseThrow();
        double[] p = categoryHead.probabilities(row);
        Integer[] order = rank(p);
        List<String> labels = categoryHead.labels();
        Classification.Builder builder = Classification.builder()
                .category(Category.of(labels.get(order[0])))
                .confidence(ClassificationField.CATEGORY, Confidence.of(clamp(p[order[0]]), ConfidenceSource.MODEL));
        List<ScoredCategory> alternatives = new ArrayList<>();
        for (int k = 1; k <= topK && k < order.length; k++) alternatives.add(new ScoredCategory(Category.of(labels.get(order[k])), clamp(p[order[k]])));
        builder.alternatives(alternatives);
        var sentimentHead = model.head(ClassificationField.SENTIMENT);
        if (sentimentHead.isPresent()) {
            double[] q = sentimentHead.get().probabilities(row);
            Integer[] ranked = rank(q);
            List<String> grades = sentimentHead.get().labels();
            double score = 0;
            for (int k = 0; k < q.length; k++) score += q[k] * nominalScore(Sentiment.valueOf(grades.get(k)));
            builder.sentiment(Sentiment.valueOf(grades.get(ranked[0]))).sentimentScore(Math.max(-1, Math.min(1, score)))
                    .confidence(ClassificationField.SENTIMENT, Confidence.of(clamp(q[ranked[0]]), ConfidenceSource.MODEL));
        } else {
            builder.sentiment(Sentiment.NEUTRAL).sentimentScore(0);
        }
        var priorityHead = model.head(ClassificationField.PRIORITY);
        if (priorityHead.isPresent()) {
            double[] q = priorityHead.get().probabilities(row);
            Integer[] ranked = rank(q);
            builder.priority(Priority.valueOf(priorityHead.get().labels().get(ranked[0])))
                    .confidence(ClassificationField.PRIORITY, Confidence.of(clamp(q[ranked[0]]), ConfidenceSource.MODEL));
        } else {
            builder.priority(Priority.MEDIUM);
        }
        builder.provenance(Provenance.builder(NAME, taxonomy.version()).model(modelName).latency(latency).build());
        return builder.build();
    }

    /** The score a grade stands for, so the sentiment score is the expectation over the predicted distribution. */
    private static double nominalScore(Sentiment sentiment) {
        return switch (sentiment) {
            case VERY_NEGATIVE -> -1.0;
            case NEGATIVE -> -0.5;
            case NEUTRAL -> 0.0;
            case POSITIVE -> 0.5;
            case VERY_POSITIVE -> 1.0;
        };
    }

    private static Integer[] rank(double[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));   // stable: ties keep label order
        return order;
    }

    private static double clamp(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }

    /** Closes the encoder when this classifier loaded it ({@link #load}); otherwise does nothing. */
    @Override
    public void close() {
        if (ownsEncoder && encoder != null) encoder.close();
    }

    @Override
    public String toString() {
        return "EmbeddedClassifier[" + modelName + ", taxonomy=" + model.taxonomy().version() + ", heads=" + model.fields() + "]";
    }
}
