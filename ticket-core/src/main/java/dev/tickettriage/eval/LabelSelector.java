package dev.tickettriage.eval;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Sentiment;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Picks the predicted label to compare with the gold label: the category, or a sentiment mapped to a label. */
@FunctionalInterface
public interface LabelSelector {

    /** The label this classification predicts; never null. */
    String label(Classification classification);

    /** The category label, verbatim. */
    static LabelSelector category() {
        return classification -> classification.category().id();
    }

    /** The priority's enum name, for example {@code HIGH} (the labels {@code TicketTriage.exportCorrections} gives). */
    static LabelSelector priority() {
        return classification -> classification.priority().name();
    }

    /** The sentiment mapped by {@code mapping} (which must map every grade to a non-null label). */
    static LabelSelector sentiment(Function<Sentiment, String> mapping) {
        Objects.requireNonNull(mapping, "mapping");
        Map<Sentiment, String> labels = new EnumMap<>(Sentiment.class);
        for (Sentiment sentiment : Sentiment.values()) {
            labels.put(sentiment, Objects.requireNonNull(mapping.apply(sentiment), "mapping returned null for " + sentiment));
        }
        return classification -> labels.get(classification.sentiment());
    }

    /** Three classes: VERY_NEGATIVE/NEGATIVE to {@code negative}, NEUTRAL to {@code neutral}, POSITIVE/VERY_POSITIVE to {@code positive}. */
    static LabelSelector threeClassSentiment() {
        return sentiment(sentiment -> sentiment.isNegative() ? "negative"
                : sentiment == Sentiment.NEUTRAL ? "neutral" : "positive");
    }
}
