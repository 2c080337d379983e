package dev.tickettriage.examples.quickstart;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.FilledField;
import dev.tickettriage.domain.Taxonomy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fields of one result for machine-readable output (JSONL and CSV), in a fixed order. When the taxonomy declares
 * custom fields, JSONL gets two objects before {@code error}: {@code fields} (name to value: a string for one value and
 * for text, a list of strings for several values, a boolean, a number; null when not filled) and
 * {@code field_confidences} (name to confidence, null when not filled); CSV gets two columns per field, named like
 * those JSON paths ({@code fields.plan}, {@code field_confidences.plan}), several values joined with {@code |}.
 */
final class ResultFields {

    static final List<String> NAMES = List.of("row", "id", "status", "category", "category_confidence", "sentiment",
            "sentiment_score", "sentiment_confidence", "priority", "priority_confidence", "language", "language_confidence",
            "summary", "suggested_reply", "key_topics", "rationale", "error");

    /** The JSONL key of the custom field values. */
    static final String FIELDS = "fields";
    /** The JSONL key of the custom field confidences. */
    static final String FIELD_CONFIDENCES = "field_confidences";

    private ResultFields() {
    }

    /** The CSV columns for {@code taxonomy}: {@link #NAMES}, with two columns per custom field before {@code error}. */
    static List<String> names(Taxonomy taxonomy) {
        if (taxonomy.fields().isEmpty()) return NAMES;
        List<String> names = new ArrayList<>(NAMES.subList(0, NAMES.size() - 1));
        for (FieldDefinition field : taxonomy.fields()) {
            names.add(FIELDS + "." + field.name());
            names.add(FIELD_CONFIDENCES + "." + field.name());
        }
        names.add(NAMES.get(NAMES.size() - 1));
        return List.copyOf(names);
    }

    /** {@link #of(TriageResult)} plus the nested {@code fields} and {@code field_confidences} objects (JSONL). */
    static Map<String, @Nullable Object> of(TriageResult result, Taxonomy taxonomy) {
        Map<String, @Nullable Object> fields = of(result);
        if (taxonomy.fields().isEmpty()) return fields;
        @Nullable Object error = fields.remove("error");
        Map<String, @Nullable Object> values = new LinkedHashMap<>();
        Map<String, @Nullable Object> confidences = new LinkedHashMap<>();
        Optional<Classification> classification = result.classification();
        for (FieldDefinition definition : taxonomy.fields()) {
            Optional<FilledField> filled = classification.flatMap(c -> c.field(definition.name()));
            values.put(definition.name(), filled.map(field -> typed(definition, field.value())).orElse(null));
            confidences.put(definition.name(), filled.map(field -> round(field.confidence().value())).orElse(null));
        }
        fields.put(FIELDS, values);
        fields.put(FIELD_CONFIDENCES, confidences);
        fields.put("error", error);
        return fields;
    }

    /** The CSV cells for {@code taxonomy}, keyed by {@link #names(Taxonomy)}; several values are joined with {@code |}. */
    static Map<String, @Nullable Object> flat(TriageResult result, Taxonomy taxonomy) {
        Map<String, @Nullable Object> nested = of(result, taxonomy);
        if (taxonomy.fields().isEmpty()) return nested;
        Map<String, @Nullable Object> flat = new LinkedHashMap<>();
        nested.forEach((key, value) -> {
            if ((key.equals(FIELDS) || key.equals(FIELD_CONFIDENCES)) && value instanceof Map<?, ?> map) {
                map.forEach((name, item) -> flat.put(key + "." + name,
                        item instanceof List<?> list ? String.join("|", list.stream().map(String::valueOf).toList()) : item));
            } else {
                flat.put(key, value);
            }
        });
        return flat;
    }

    private static Object typed(FieldDefinition definition, FieldValue value) {
        if (value instanceof FieldValue.BooleanValue bool) return bool.value();
        if (value instanceof FieldValue.NumberValue number) {
            boolean integer = definition instanceof FieldDefinition.NumberField numberField && numberField.integer();
            return integer && number.isWhole() ? (Object) (long) number.value() : (Object) number.value();
        }
        if (value instanceof FieldValue.ChoicesValue choices) return choices.values();
        return value.strings().get(0);
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
