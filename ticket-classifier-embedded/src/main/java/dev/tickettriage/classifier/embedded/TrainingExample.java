package dev.tickettriage.classifier.embedded;

import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import org.jspecify.annotations.Nullable;

import java.util.Objects;
import java.util.Optional;

/**
 * One labelled text for training: a category label and/or a sentiment and/or a priority (an example may carry any of
 * them; each head trains on the examples that have its label). The text is customer data: never logged.
 */
public final class TrainingExample {

    private final String text;
    private final @Nullable String category;
    private final @Nullable Sentiment sentiment;
    private final @Nullable Priority priority;

    public TrainingExample(String text, @Nullable String category, @Nullable Sentiment sentiment, @Nullable Priority priority) {
        this.text = Objects.requireNonNull(text, "text");
        this.category = category == null || category.isBlank() ? null : category.strip();
        this.sentiment = sentiment;
        this.priority = priority;
        if (this.category == null && sentiment == null && priority == null) {
            throw new IllegalArgumentException("a training example needs at least one label");
        }
    }

    public static TrainingExample category(String text, String category) {
        return new TrainingExample(text, Objects.requireNonNull(category, "category"), null, null);
    }

    public static TrainingExample sentiment(String text, Sentiment sentiment) {
        return new TrainingExample(text, null, Objects.requireNonNull(sentiment, "sentiment"), null);
    }

    public static TrainingExample priority(String text, Priority priority) {
        return new TrainingExample(text, null, null, Objects.requireNonNull(priority, "priority"));
    }

    public String text() { return text; }

    public Optional<String> category() { return Optional.ofNullable(category); }

    public Optional<Sentiment> sentiment() { return Optional.ofNullable(sentiment); }

    public Optional<Priority> priority() { return Optional.ofNullable(priority); }

    @Override
    public String toString() {   // no text: it is customer data
        return "TrainingExample[category=" + category + ", sentiment=" + sentiment + ", priority=" + priority + "]";
    }
}
