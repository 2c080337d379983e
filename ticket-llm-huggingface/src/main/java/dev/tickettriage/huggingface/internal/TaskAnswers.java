package dev.tickettriage.huggingface.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads task-API answers. Zero-shot: the current {@code [{label, score}]} list and the legacy {@code {sequence, labels,
 * scores}} object (also inside a one-element array). Text-classification: {@code [[{label, score}]]} as the hosted API
 * answers and the spec's flat {@code [{label, score}]}. Scores must be numbers in [0, 1].
 */
public final class TaskAnswers {

    /** One label with its score, as the model named it. */
    public record LabelScore(String label, double score) {
    }

    /** The answer is not the task's output shape. */
    public static final class UnreadableAnswer extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableAnswer(String message) {
            super(message, null, false, false);
        }
    }

    private TaskAnswers() {
    }

    /** The labels and scores of a zero-shot answer, best first. */
    public static List<LabelScore> zeroShot(JsonNode answer) throws UnreadableAnswer {
        JsonNode node = answer;
        if (node.isArray() && node.size() == 1 && node.get(0).isObject() && node.get(0).has("labels")) node = node.get(0);
        if (node.isObject() && node.has("labels") && node.has("scores")) {
            JsonNode labels = node.get("labels");
            JsonNode scores = node.get("scores");
            if (!labels.isArray() || !scores.isArray() || labels.size() != scores.size()) {
                throw new UnreadableAnswer("zero-shot answer: labels and scores are not arrays of the same length");
            }
            List<LabelScore> list = new ArrayList<>(labels.size());
            for (int i = 0; i < labels.size(); i++) list.add(labelScore(labels.get(i), scores.get(i)));
            return sorted(list);
        }
        return sorted(list(node, "zero-shot"));
    }

    /** The labels and scores of a text-classification answer, best first. */
    public static List<LabelScore> textClassification(JsonNode answer) throws UnreadableAnswer {
        JsonNode node = answer;
        if (node.isArray() && node.size() == 1 && node.get(0).isArray()) node = node.get(0);
        return sorted(list(node, "text-classification"));
    }

    private static List<LabelScore> list(JsonNode node, String task) throws UnreadableAnswer {
        if (!node.isArray() || node.isEmpty()) throw new UnreadableAnswer(task + " answer is not a non-empty list of {label, score}");
        List<LabelScore> list = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isObject()) throw new UnreadableAnswer(task + " answer holds an item that is not {label, score}");
            list.add(labelScore(item.get("label"), item.get("score")));
        }
        return list;
    }

    private static LabelScore labelScore(JsonNode label, JsonNode score) throws UnreadableAnswer {
        if (label == null || !label.isTextual()) throw new UnreadableAnswer("an answer item has no text label");
        if (score == null || !score.isNumber() || !(score.asDouble() >= 0 && score.asDouble() <= 1)) {
            throw new UnreadableAnswer("an answer item has no score in [0, 1]");
        }
        return new LabelScore(label.asText(), score.asDouble());
    }

    private static List<LabelScore> sorted(List<LabelScore> list) {
        list.sort(Comparator.comparingDouble(LabelScore::score).reversed());
        return List.copyOf(list);
    }

    /** Polarity of sentiment-model labels in [-1, 1]. {@code LABEL_n} follows cardiffnlp's order (0 negative, 1 neutral, 2 positive). */
    private static final Map<String, Double> POLARITY = Map.ofEntries(
            Map.entry("negative", -1.0), Map.entry("neg", -1.0), Map.entry("label_0", -1.0),
            Map.entry("neutral", 0.0), Map.entry("neu", 0.0), Map.entry("label_1", 0.0),
            Map.entry("positive", 1.0), Map.entry("pos", 1.0), Map.entry("label_2", 1.0),
            Map.entry("1 star", -1.0), Map.entry("2 stars", -0.5), Map.entry("3 stars", 0.0), Map.entry("4 stars", 0.5),
            Map.entry("5 stars", 1.0), Map.entry("very negative", -1.0), Map.entry("very positive", 1.0));

    /** A sentiment reading: the score in [-1, 1] (expected polarity under the model's scores) and the top label's score. */
    public record SentimentReading(double score, double confidence, String topLabel) {
    }

    /**
     * The sentiment of a text-classification answer: the score-weighted mean polarity of the labels we know; empty
     * when the model names none of them (a model that is not a sentiment model).
     */
    public static Optional<SentimentReading> sentiment(List<LabelScore> scores) {
        boolean twoLabelIds = scores.stream().noneMatch(s -> s.label().equalsIgnoreCase("LABEL_2"))
                && scores.stream().anyMatch(s -> s.label().equalsIgnoreCase("LABEL_1"));
        double weighted = 0;
        double total = 0;
        LabelScore top = null;
        for (LabelScore item : scores) {
            String label = item.label().strip().toLowerCase(Locale.ROOT);
            Double polarity = twoLabelIds && label.equals("label_1") ? Double.valueOf(1.0) : POLARITY.get(label);
            if (polarity == null) continue;
            weighted += polarity * item.score();
            total += item.score();
            if (top == null || item.score() > top.score()) top = item;
        }
        if (top == null) return Optional.empty();
        double score = total > 0 ? Math.max(-1, Math.min(1, weighted / total)) : 0;
        return Optional.of(new SentimentReading(Math.round(score * 1000) / 1000.0, top.score(), top.label()));
    }
}
