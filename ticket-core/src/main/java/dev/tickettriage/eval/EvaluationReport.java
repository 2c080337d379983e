package dev.tickettriage.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The outcome of an evaluation: accuracy (failed examples count as wrong), macro-F1 (unweighted mean over
 * every label seen as gold or prediction), per-label metrics, the confusion matrix (gold by predicted, over
 * answered examples), latency percentiles of answered calls, total tokens, and failures by kind.
 * Immutable and thread-safe.
 */
public final class EvaluationReport {

    private final String name;
    private final long examples;
    private final long correct;
    private final List<String> labels;
    private final long[][] confusion;
    private final List<LabelMetrics> perLabel;
    private final List<Duration> sortedLatencies;
    private final long answered;
    private final long totalTokens;
    private final Map<String, Long> errorsByKind;
    private final @Nullable Calibration calibration;

    private EvaluationReport(String name, Map<String, Map<String, Long>> pairs, List<Duration> latencies, long totalTokens,
                             Map<String, Long> errorsByKind, @Nullable Calibration calibration) {
        this.name = name;
        this.calibration = calibration;
        TreeSet<String> seen = new TreeSet<>();
        long answeredCount = 0;
        for (Map.Entry<String, Map<String, Long>> row : pairs.entrySet()) {
            seen.add(row.getKey());
            seen.addAll(row.getValue().keySet());
            for (long count : row.getValue().values()) answeredCount += count;
        }
        this.answered = answeredCount;
        this.examples = answeredCount + errorsByKind.values().stream().mapToLong(Long::longValue).sum();
        this.labels = List.copyOf(seen);
        Map<String, Integer> index = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) index.put(labels.get(i), i);
        this.confusion = new long[labels.size()][labels.size()];
        long hits = 0;
        for (Map.Entry<String, Map<String, Long>> row : pairs.entrySet()) {
            for (Map.Entry<String, Long> cell : row.getValue().entrySet()) {
                confusion[index.get(row.getKey())][index.get(cell.getKey())] += cell.getValue();
                if (row.getKey().equals(cell.getKey())) hits += cell.getValue();
            }
        }
        List<Duration> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        this.correct = hits;
        this.sortedLatencies = List.copyOf(sorted);
        this.totalTokens = totalTokens;
        this.errorsByKind = Collections.unmodifiableMap(new TreeMap<>(errorsByKind));
        this.perLabel = computePerLabel();
    }

    /** One answered example. */
    record Outcome(String gold, String predicted, Duration latency, OptionalDouble confidence) {
        Outcome(String gold, String predicted, Duration latency) {
            this(gold, predicted, latency, OptionalDouble.empty());
        }
    }

    /** Calibration over the outcomes that carry a confidence; null when none does. */
    private static @Nullable Calibration calibrationOf(List<Outcome> outcomes) {
        List<Outcome> rated = outcomes.stream().filter(outcome -> outcome.confidence().isPresent()).toList();
        if (rated.isEmpty()) return null;
        double[] confidences = new double[rated.size()];
        boolean[] correct = new boolean[rated.size()];
        for (int i = 0; i < confidences.length; i++) {
            confidences[i] = Math.max(0, Math.min(1, rated.get(i).confidence().getAsDouble()));
            correct[i] = rated.get(i).gold().equals(rated.get(i).predicted());
        }
        return Calibration.of(confidences, correct);
    }

    static EvaluationReport of(String name, List<Outcome> outcomes, long totalTokens, Map<String, Long> errorsByKind) {
        Map<String, Map<String, Long>> pairs = new TreeMap<>();
        List<Duration> latencies = new ArrayList<>(outcomes.size());
        for (Outcome outcome : outcomes) {
            pairs.computeIfAbsent(outcome.gold(), gold -> new TreeMap<>()).merge(outcome.predicted(), 1L, Long::sum);
            latencies.add(outcome.latency());
        }
        return new EvaluationReport(Objects.requireNonNull(name, "name"), pairs, latencies, totalTokens, errorsByKind, calibrationOf(outcomes));
    }

    /**
     * A report from counted pairs: {@code pairs.get(gold).get(predicted)} answered examples; {@code latencies} of some
     * or all of them (percentiles are over these).
     */
    static EvaluationReport ofCounts(String name, Map<String, Map<String, Long>> pairs, List<Duration> latencies, long totalTokens,
                                     Map<String, Long> errorsByKind) {
        return new EvaluationReport(Objects.requireNonNull(name, "name"), pairs, latencies, totalTokens, errorsByKind, null);
    }

    private List<LabelMetrics> computePerLabel() {
        List<LabelMetrics> metrics = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            long truePositives = confusion[i][i];
            long predicted = 0;
            long support = 0;
            for (int j = 0; j < labels.size(); j++) {
                predicted += confusion[j][i];
                support += confusion[i][j];
            }
            double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
            double recall = support == 0 ? 0 : (double) truePositives / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            metrics.add(new LabelMetrics(labels.get(i), precision, recall, f1, support));
        }
        return List.copyOf(metrics);
    }

    /** A title for the report, such as the dataset and classifier names. */
    public String name() { return name; }

    /** All examples, answered or failed. */
    public long examples() { return examples; }

    /** Examples whose classification failed. */
    public long errors() { return examples - answered; }

    /** Failures by exception type name. */
    public Map<String, Long> errorsByKind() { return errorsByKind; }

    /** Correct answers divided by all examples; 0 when there were none. */
    public double accuracy() { return examples == 0 ? 0 : (double) correct / examples; }

    /** The unweighted mean F1 over {@link #labels()}; 0 when there are none. */
    public double macroF1() {
        return perLabel.stream().mapToDouble(LabelMetrics::f1).average().orElse(0);
    }

    /** Labels seen as gold or predicted, sorted. */
    public List<String> labels() { return labels; }

    /** Metrics per label, in {@link #labels()} order. */
    public List<LabelMetrics> perLabel() { return perLabel; }

    /** The metrics of one label, if it was seen. */
    public Optional<LabelMetrics> metrics(String label) {
        return perLabel.stream().filter(m -> m.label().equals(label)).findFirst();
    }

    /** How many answered examples with gold label {@code gold} were predicted as {@code predicted}. */
    public long confusion(String gold, String predicted) {
        int row = labels.indexOf(gold);
        int column = labels.indexOf(predicted);
        return row < 0 || column < 0 ? 0 : confusion[row][column];
    }

    /** The latency percentile (nearest rank) of answered calls, for {@code percentile} in (0, 100]; zero when none. */
    public Duration latencyPercentile(double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + percentile);
        }
        if (sortedLatencies.isEmpty()) return Duration.ZERO;
        int rank = (int) Math.ceil(percentile / 100.0 * sortedLatencies.size());
        return sortedLatencies.get(Math.max(0, rank - 1));
    }

    /** The median latency of answered calls. */
    public Duration p50() { return latencyPercentile(50); }

    /** The 95th-percentile latency of answered calls. */
    public Duration p95() { return latencyPercentile(95); }

    /** The 99th-percentile latency of answered calls. */
    public Duration p99() { return latencyPercentile(99); }

    /** Input plus output tokens over all answered calls, from their provenance. */
    public long totalTokens() { return totalTokens; }

    /**
     * Calibration of the confidences over the answered examples whose prediction carried one (ECE, reliability table);
     * empty when the classifier rated none (or the {@link LabelSelector} reports no confidence, or the report was built
     * from counts, as shadow reports are).
     */
    public Optional<Calibration> calibration() {
        return Optional.ofNullable(calibration);
    }

    /** The report as an aligned text table. */
    public String toText() {
        return ReportRendering.text(this);
    }

    /** The report as pretty-printed JSON written with {@code mapper} (which is not modified). */
    public String toJson(ObjectMapper mapper) {
        return ReportRendering.json(this, Objects.requireNonNull(mapper, "mapper"));
    }

    @Override
    public String toString() {
        return "EvaluationReport[" + name + ", examples=" + examples + ", accuracy=" + accuracy() + ", macroF1=" + macroF1()
                + ", errors=" + errors() + "]";
    }
}
