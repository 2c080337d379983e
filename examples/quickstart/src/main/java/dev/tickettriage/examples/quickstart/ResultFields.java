package dev.tickettriage.examples.quickstart;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The fields of one result for machine-readable output (JSONL and CSV), in a fixed order. */
final class ResultFields {

    static final List<String> NAMES = List.of("row", "id", "status", "category", "category_confidence", "sentiment",
            "sentiment_score", "sentiment_confidence", "priority", "priority_confidence", "language", "language_confidence",
            "summary", "suggested_reply", "key_topics", "rationale", "error");

    private ResultFields() {
    }

    /**
     * Typed values by name: numbers as {@link Long}/{@link Double}, key topics as a list, absent values as null.
     * Confidences are null when the classifier did not rate the field.
     */
    static Map<String, @Nullable Object> of(TriageResult result) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        Optional<Classification> classification = result.classification();
        @Nullable Classification c = classification.orElse(null);
        fields.put("row", result.row());
        fields.put("id", result.ticket().id().toString());
        fields.put("status", result.status());
        fields.put("category", c == null ? null : c.category().id());
        fields.put("category_confidence", confidence(c, ClassificationField.CATEGORY));
        fields.put("sentiment", c == null ? null : c.sentiment().name());
        fields.put("sentiment_score", c == null ? null : round(c.sentimentScore()));
        fields.put("sentiment_confidence", confidence(c, ClassificationField.SENTIMENT));
        fields.put("priority", result.priority().map(Enum::name).orElse(null));
        fields.put("priority_confidence", confidence(c, ClassificationField.PRIORITY));
        fields.put("language", c == null ? null : c.language().tag());
        fields.put("language_confidence", confidence(c, ClassificationField.LANGUAGE));
        fields.put("summary", c == null ? null : c.summary().orElse(null));
        fields.put("suggested_reply", c == null ? null : c.suggestedReply().orElse(null));
        fields.put("key_topics", c == null ? List.of() : c.keyTopics());
        fields.put("rationale", c == null ? null : c.rationale().orElse(null));
        fields.put("error", result.error().orElse(null));
        return fields;
    }

    private static @Nullable Double confidence(@Nullable Classification classification, ClassificationField field) {
        if (classification == null) return null;
        return classification.confidence(field).map(confidence -> round(confidence.value())).orElse(null);
    }

    /** Four decimals are plenty for a confidence or a score, and keep 0.30000000000000004 out of the output. */
    static double round(double value) {
        return Math.round(value * 10_000d) / 10_000d;
    }
}
