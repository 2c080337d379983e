package dev.tickettriage.eval;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.FieldKind;
import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.error.InvalidFieldValueException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import dev.tickettriage.domain.Sentiment;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Picks the predicted label to compare with the gold label: the category, a sentiment mapped to a label, or the value
 * of a custom closed-set field ({@link #field(FieldDefinition)}).
 */
@FunctionalInterface
public interface LabelSelector {

    /** The predicted label of a custom field the classifier did not fill. */
    String NOT_FILLED = "(not filled)";

    /** The label this classification predicts; never null. */
    String label(Classification classification);

    /** The gold label as it is compared with {@link #label}; the default keeps it verbatim. */
    default String gold(String label) {
        return label;
    }

    /**
     * The classifier's confidence in the label {@link #label} picks, for calibration ({@link EvaluationReport#calibration()});
     * empty when it did not rate it. The default reports none.
     */
    default OptionalDouble confidence(Classification classification) {
        return OptionalDouble.empty();
    }

    /** The confidence {@code classification} gives {@code field}, if rated. */
    private static OptionalDouble rated(Classification classification, ClassificationField field) {
        return classification.confidence(field).map(c -> OptionalDouble.of(c.value())).orElse(OptionalDouble.empty());
    }

    /**
     * The value of custom field {@code definition}, a closed-set ({@code one_of}, {@code many_of}) or boolean field, so
     * the report scores it like categories (accuracy, macro-F1, confusion matrix). The prediction is the declared value
     * ({@code true}/{@code false} for booleans; several values joined with {@code |} in declaration order), or
     * {@link #NOT_FILLED}. Gold labels go through {@link FieldDefinition#parse(String)}, so aliases, case and accents
     * ({@code "Enterprise plan"}, {@code "sí"}) count as the declared value; a gold label that does not parse is kept
     * verbatim (write {@value #NOT_FILLED} for examples where the field should stay empty).
     *
     * @throws IllegalArgumentException for number and text fields, which have no closed set of labels
     */
    static LabelSelector field(FieldDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        if (definition.kind() == FieldKind.NUMBER || definition.kind() == FieldKind.TEXT) {
            throw new IllegalArgumentException("field " + definition.name() + " is a " + definition.kind().wireName()
                    + " field; only one_of, many_of and boolean fields can be scored as labels");
        }
        List<String> order = definition instanceof FieldDefinition.ManyOfField manyOf ? manyOf.valueNames() : List.of();
        return new LabelSelector() {
            @Override
            public String label(Classification classification) {
                return classification.fieldValue(definition.name()).map(value -> canonical(value, order)).orElse(NOT_FILLED);
            }

            @Override
            public OptionalDouble confidence(Classification classification) {
                return classification.field(definition.name()).map(filled -> OptionalDouble.of(filled.confidence().value()))
                        .orElse(OptionalDouble.empty());
            }

            @Override
            public String gold(String label) {
                try {
                    return canonical(definition.parse(label), order);
                } catch (InvalidFieldValueException e) {
                    return label;
                }
            }
        };
    }

    private static String canonical(FieldValue value, List<String> order) {
        if (order.isEmpty() || !(value instanceof FieldValue.ChoicesValue)) return value.joined();
        List<String> sorted = new ArrayList<>(value.strings());
        sorted.sort(Comparator.comparingInt(item -> order.indexOf(item) < 0 ? Integer.MAX_VALUE : order.indexOf(item)));
        return String.join("|", sorted);
    }

    /** The category label, verbatim. */
    static LabelSelector category() {
        return new LabelSelector() {
            @Override
            public String label(Classification classification) {
                return classification.category().id();
            }

            @Override
            public OptionalDouble confidence(Classification classification) {
                return rated(classification, ClassificationField.CATEGORY);
            }
        };
    }

    /** The priority's enum name, for example {@code HIGH} (the labels {@code TicketTriage.exportCorrections} gives). */
    static LabelSelector priority() {
        return new LabelSelector() {
            @Override
            public String label(Classification classification) {
                return classification.priority().name();
            }

            @Override
            public OptionalDouble confidence(Classification classification) {
                return rated(classification, ClassificationField.PRIORITY);
            }
        };
    }

    /** The sentiment mapped by {@code mapping} (which must map every grade to a non-null label). */
    static LabelSelector sentiment(Function<Sentiment, String> mapping) {
        Objects.requireNonNull(mapping, "mapping");
        Map<Sentiment, String> labels = new EnumMap<>(Sentiment.class);
        for (Sentiment sentiment : Sentiment.values()) {
            labels.put(sentiment, Objects.requireNonNull(mapping.apply(sentiment), "mapping returned null for " + sentiment));
        }
        return new LabelSelector() {
            @Override
            public String label(Classification classification) {
                return labels.get(classification.sentiment());
            }

            /** The SENTIMENT confidence: of the grade, which is the mapped label's confidence when grades map one to one. */
            @Override
            public OptionalDouble confidence(Classification classification) {
                return rated(classification, ClassificationField.SENTIMENT);
            }
        };
    }

    /** Three classes: VERY_NEGATIVE/NEGATIVE to {@code negative}, NEUTRAL to {@code neutral}, POSITIVE/VERY_POSITIVE to {@code positive}. */
    static LabelSelector threeClassSentiment() {
        return sentiment(sentiment -> sentiment.isNegative() ? "negative"
                : sentiment == Sentiment.NEUTRAL ? "neutral" : "positive");
    }
}
