package dev.tickettriage.huggingface.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.CategoryDefinition;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.ScoredCategory;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.ClassificationException;
import dev.tickettriage.error.TriageException;
import dev.tickettriage.huggingface.HuggingFaceException;
import dev.tickettriage.huggingface.internal.TaskAnswers.LabelScore;
import dev.tickettriage.huggingface.internal.TaskAnswers.SentimentReading;
import dev.tickettriage.llm.PiiRedactor;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Combines the hosted task APIs into one classifier: the category from zero-shot-classification over the taxonomy's
 * labels (one request when they fit in {@code candidatesPerRequest}, softmax over them; else several requests with
 * {@code multi_label} true, the highest independent score wins), the sentiment from a text-classification sentiment
 * model (score = score-weighted polarity, confidence = top label's score), and priority, language, summary and custom
 * fields from the local {@link RuleClassifier}. The two remote calls run at once; any of them failing fails that
 * ticket alone with its typed exception.
 */
public final class TaskClassifier implements Classifier {

    private static final Logger LOG = LoggerFactory.getLogger(TaskClassifier.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_ALTERNATIVES = 3;

    /** Static settings. */
    public record Settings(String name, String zeroShotModel, @Nullable String sentimentModel, String hypothesisTemplate,
                           int candidatesPerRequest, int maxInputChars, boolean redactPii, ClassifierLimits limits) {
    }

    private final TaskClient client;
    private final Settings settings;
    private final Clock clock;
    private final RuleClassifier rules = RuleClassifier.ofDefaults();
    private final Map<String, Candidates> candidates = new ConcurrentHashMap<>();
    private final Set<ClassificationField> capabilities;

    public TaskClassifier(TaskClient client, Settings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        this.capabilities = Set.copyOf(EnumSet.of(ClassificationField.CATEGORY, ClassificationField.SENTIMENT, ClassificationField.PRIORITY,
                ClassificationField.LANGUAGE, ClassificationField.SUMMARY));
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return capabilities;
    }

    @Override
    public ClassifierLimits limits() {
        return settings.limits();
    }

    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        try {
            return classifyAsync(ticket, taxonomy).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof TriageException) throw (TriageException) cause;
            throw ClassificationException.unexpected(name(), cause);
        }
    }

    @Override
    public List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
        return classifyAllAsync(tickets, taxonomy, Runnable::run).toCompletableFuture().join();
    }

    /** One pair of requests per ticket, sent with OkHttp {@code enqueue}; never blocks, {@code executor} is not used. */
    @Override
    public CompletionStage<List<ClassificationResult>> classifyAllAsync(List<Ticket> tickets, Taxonomy taxonomy, Executor executor) {
        List<CompletableFuture<ClassificationResult>> results = new ArrayList<>(tickets.size());
        for (Ticket ticket : tickets) {
            results.add(classifyAsync(ticket, taxonomy).handle((classification, thrown) -> {
                if (thrown == null) return ClassificationResult.success(ticket.id(), classification);
                Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
                return ClassificationResult.failure(ticket.id(), cause instanceof TriageException
                        ? (TriageException) cause : ClassificationException.unexpected(name(), cause));
            }));
        }
        return CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0])).thenApply(all -> {
            List<ClassificationResult> list = new ArrayList<>(results.size());
            for (CompletableFuture<ClassificationResult> result : results) list.add(result.join());
            return list;
        });
    }

    private CompletableFuture<Classification> classifyAsync(Ticket ticket, Taxonomy taxonomy) {
        Instant started = clock.instant();
        String input = input(ticket);
        Candidates labels = candidates.computeIfAbsent(taxonomy.fingerprint(), key -> Candidates.of(taxonomy));
        if (candidates.size() > 32) candidates.clear();   // bounded: taxonomies change rarely
        CompletableFuture<CategoryReading> category = category(input, labels);
        CompletableFuture<Optional<SentimentReading>> sentiment = settings.sentimentModel() == null
                ? CompletableFuture.completedFuture(Optional.empty()) : sentiment(input, settings.sentimentModel());
        return category.thenCombine(sentiment, (cat, mood) -> combine(ticket, taxonomy, cat, mood, started));
    }

    private String input(Ticket ticket) {
        String text = ticket.subject().filter(s -> !s.isBlank()).map(s -> s + "\n\n" + ticket.body()).orElse(ticket.body());
        if (text.length() > settings.maxInputChars()) {
            int end = settings.maxInputChars();
            if (Character.isHighSurrogate(text.charAt(end - 1))) end--;
            text = text.substring(0, end);
        }
        if (text.isBlank()) text = "(empty)";
        return settings.redactPii() ? PiiRedactor.ofDefaults().redact(text).text() : text;
    }

    // ---- category: zero-shot-classification ----

    private record CategoryReading(Category category, double score, List<ScoredCategory> alternatives, boolean multiLabel) {
    }

    private CompletableFuture<CategoryReading> category(String input, Candidates labels) {
        List<List<String>> chunks = labels.chunks(settings.candidatesPerRequest());
        boolean multiLabel = chunks.size() > 1;
        List<CompletableFuture<List<LabelScore>>> parts = new ArrayList<>(chunks.size());
        for (List<String> chunk : chunks) {
            ObjectNode body = NODES.objectNode().put("inputs", input);
            ObjectNode parameters = body.putObject("parameters");
            parameters.set("candidate_labels", NODES.arrayNode().addAll(chunk.stream().map(NODES::textNode).toList()));
            parameters.put("multi_label", multiLabel).put("hypothesis_template", settings.hypothesisTemplate());
            parts.add(client.post(settings.zeroShotModel(), body).thenApply(answer -> read(answer, chunk)));
        }
        return CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0])).thenApply(all -> {
            List<LabelScore> scores = new ArrayList<>();
            for (CompletableFuture<List<LabelScore>> part : parts) scores.addAll(part.join());
            scores.sort((a, b) -> Double.compare(b.score(), a.score()));
            LabelScore best = scores.get(0);
            List<ScoredCategory> alternatives = new ArrayList<>();
            for (int i = 1; i < scores.size() && alternatives.size() < MAX_ALTERNATIVES; i++) {
                alternatives.add(new ScoredCategory(labels.category(scores.get(i).label()), scores.get(i).score()));
            }
            return new CategoryReading(labels.category(best.label()), best.score(), alternatives, multiLabel);
        });
    }

    private List<LabelScore> read(JsonNode answer, List<String> asked) {
        List<LabelScore> scores;
        try {
            scores = TaskAnswers.zeroShot(answer);
        } catch (TaskAnswers.UnreadableAnswer e) {
            throw invalid(settings.zeroShotModel(), e.getMessage());
        }
        Set<String> allowed = new HashSet<>(asked);
        List<LabelScore> known = new ArrayList<>(scores.size());
        for (LabelScore score : scores) if (allowed.contains(score.label())) known.add(score);   // never a label we did not offer
        if (known.isEmpty()) throw invalid(settings.zeroShotModel(), "zero-shot answer names none of the candidate labels");
        return known;
    }

    private static HuggingFaceException invalid(String model, @Nullable String why) {
        return new HuggingFaceException("HuggingFace model " + model + " answered an unreadable result: " + why,
                HuggingFaceException.Reason.INVALID_RESPONSE, 200, null, null);
    }

    // ---- sentiment: text-classification ----

    private CompletableFuture<Optional<SentimentReading>> sentiment(String input, String model) {
        ObjectNode body = NODES.objectNode().put("inputs", input);
        body.putObject("parameters").put("function_to_apply", "softmax").put("top_k", 5);
        return client.post(model, body).thenApply(answer -> {
            List<LabelScore> scores;
            try {
                scores = TaskAnswers.textClassification(answer);
            } catch (TaskAnswers.UnreadableAnswer e) {
                throw invalid(model, e.getMessage());
            }
            Optional<SentimentReading> reading = TaskAnswers.sentiment(scores);
            if (reading.isEmpty()) {
                throw new HuggingFaceException("HuggingFace model " + model + " is not a sentiment model we can read: it answered labels "
                        + TaskFailures.truncate(scores.stream().map(LabelScore::label).toList().toString(), 120)
                        + "; use one answering negative/neutral/positive, LABEL_0..2 or 1-5 stars", HuggingFaceException.Reason.BAD_REQUEST, 200, null, null);
            }
            return reading;
        });
    }

    // ---- combination ----

    private Classification combine(Ticket ticket, Taxonomy taxonomy, CategoryReading category, Optional<SentimentReading> sentiment, Instant started) {
        Classification local = rules.classify(ticket, taxonomy);
        StringBuilder rationale = new StringBuilder();
        rationale.append(String.format(Locale.ROOT, "zero-shot %s: %s %.2f%s", settings.zeroShotModel(), category.category().id(), category.score(),
                category.multiLabel() ? " (independent label score)" : ""));
        Classification.Builder builder = local.toBuilder()
                .category(taxonomy.require(category.category()))
                .confidence(ClassificationField.CATEGORY, Confidence.of(category.score(), ConfidenceSource.MODEL))
                .alternatives(category.alternatives())
                .suggestedReply(null)       // the rule reply follows the rule category, which the model may have overruled
                .keyTopics(List.of());
        if (sentiment.isPresent()) {
            SentimentReading mood = sentiment.get();
            builder.sentimentFromScore(mood.score())
                    .confidence(ClassificationField.SENTIMENT, Confidence.of(mood.confidence(), ConfidenceSource.MODEL));
            rationale.append(String.format(Locale.ROOT, "; sentiment %s: %s %.2f", settings.sentimentModel(), mood.topLabel(), mood.confidence()));
        } else {
            rationale.append("; sentiment from rules");
        }
        rationale.append("; priority and language from rules");
        Duration latency = Duration.between(started, clock.instant());
        builder.rationale(rationale.toString()).provenance(Provenance.builder(name(), taxonomy.version()).model(settings.zeroShotModel())
                .latency(latency.isNegative() ? Duration.ZERO : latency).build());
        LOG.debug("ticket {} -> {} ({}) by {}", ticket.id(), category.category().id(), category.score(), name());
        return builder.build();
    }

    /**
     * The candidate labels of a taxonomy: each category's id made readable ({@code card_arrival} becomes
     * {@code card arrival}), or the ids verbatim when two readable forms would clash; mapped back exactly.
     */
    private static final class Candidates {
        private final List<String> labels;
        private final Map<String, Category> byLabel;

        private Candidates(List<String> labels, Map<String, Category> byLabel) {
            this.labels = labels;
            this.byLabel = byLabel;
        }

        static Candidates of(Taxonomy taxonomy) {
            Map<String, Category> readable = new LinkedHashMap<>();
            for (CategoryDefinition definition : taxonomy.definitions()) {
                String text = definition.category().id().replace('_', ' ').replace('-', ' ').strip();
                if (text.isEmpty() || readable.putIfAbsent(text, definition.category()) != null) {
                    Map<String, Category> verbatim = new LinkedHashMap<>();
                    for (CategoryDefinition each : taxonomy.definitions()) verbatim.put(each.category().id(), each.category());
                    return new Candidates(List.copyOf(verbatim.keySet()), verbatim);
                }
            }
            return new Candidates(List.copyOf(readable.keySet()), new HashMap<>(readable));
        }

        List<List<String>> chunks(int size) {
            List<List<String>> chunks = new ArrayList<>();
            for (int from = 0; from < labels.size(); from += size) chunks.add(labels.subList(from, Math.min(labels.size(), from + size)));
            return chunks;
        }

        Category category(String label) {
            Category category = byLabel.get(label);
            if (category == null) throw new IllegalStateException("label " + label + " was not offered");
            return category;
        }
    }
}
