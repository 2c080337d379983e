package dev.tickettriage.domain;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The labels a person decided for a ticket: any of category, sentiment and priority, at least one. A label left
 * out means "not reviewed", not "the prediction was right". Immutable and thread-safe; build with
 * {@link #builder()}.
 *
 * <pre>{@code
 * triage.correct(id, CorrectedLabels.builder().category(Category.of("billing")).build(), "agent:ana");
 * }</pre>
 */
public final class CorrectedLabels {

    private final @Nullable Category category;
    private final @Nullable Sentiment sentiment;
    private final @Nullable Priority priority;

    private CorrectedLabels(@Nullable Category category, @Nullable Sentiment sentiment, @Nullable Priority priority) {
        if (category == null && sentiment == null && priority == null) {
            throw new IllegalArgumentException("a correction needs at least one of category, sentiment and priority");
        }
        this.category = category;
        this.sentiment = sentiment;
        this.priority = priority;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The category decided, if the person decided one. */
    public Optional<Category> category() { return Optional.ofNullable(category); }

    /** The sentiment decided, if the person decided one. */
    public Optional<Sentiment> sentiment() { return Optional.ofNullable(sentiment); }

    /** The priority decided, if the person decided one. */
    public Optional<Priority> priority() { return Optional.ofNullable(priority); }

    /** Which of {@code CATEGORY}, {@code SENTIMENT} and {@code PRIORITY} were decided; never empty. */
    public Set<ClassificationField> fields() {
        Set<ClassificationField> fields = EnumSet.noneOf(ClassificationField.class);
        if (category != null) fields.add(ClassificationField.CATEGORY);
        if (sentiment != null) fields.add(ClassificationField.SENTIMENT);
        if (priority != null) fields.add(ClassificationField.PRIORITY);
        return Set.copyOf(fields);
    }

    /** These labels with every label {@code newer} decided taking the place of this one's. */
    public CorrectedLabels overriddenBy(CorrectedLabels newer) {
        Objects.requireNonNull(newer, "newer");
        return new CorrectedLabels(newer.category != null ? newer.category : category,
                newer.sentiment != null ? newer.sentiment : sentiment, newer.priority != null ? newer.priority : priority);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) return true;
        if (!(other instanceof CorrectedLabels)) return false;
        CorrectedLabels that = (CorrectedLabels) other;
        return Objects.equals(category, that.category) && sentiment == that.sentiment && priority == that.priority;
    }

    @Override
    public int hashCode() {
        return Objects.hash(category, sentiment, priority);
    }

    @Override
    public String toString() {
        return "CorrectedLabels[category=" + category + ", sentiment=" + sentiment + ", priority=" + priority + "]";
    }

    /** Builds {@link CorrectedLabels}; not thread-safe. */
    public static final class Builder {
        private @Nullable Category category;
        private @Nullable Sentiment sentiment;
        private @Nullable Priority priority;

        private Builder() {
        }

        public Builder category(Category category) { this.category = Objects.requireNonNull(category, "category"); return this; }

        public Builder sentiment(Sentiment sentiment) { this.sentiment = Objects.requireNonNull(sentiment, "sentiment"); return this; }

        public Builder priority(Priority priority) { this.priority = Objects.requireNonNull(priority, "priority"); return this; }

        /** @throws IllegalArgumentException when no label was set */
        public CorrectedLabels build() {
            return new CorrectedLabels(category, sentiment, priority);
        }
    }
}
