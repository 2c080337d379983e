package dev.tickettriage.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A person's correction of a ticket's classification: what the classifier predicted (empty labels when the
 * ticket was never classified), what the person decided ({@link #decided()}: any of category, sentiment and
 * priority), who and when. This is ground truth for evaluation and training (see
 * {@code TicketTriage.exportCorrections}); the ticket's {@link Classification} stays as predicted.
 *
 * <p>Immutable and thread-safe. {@link #toString()} holds labels and the actor only, never ticket text.
 */
public final class Correction {

    private final @Nullable Category predictedCategory;
    private final @Nullable Sentiment predictedSentiment;
    private final @Nullable Priority predictedPriority;
    private final CorrectedLabels decided;
    private final String actor;
    private final Instant at;

    private Correction(Builder builder) {
        this.predictedCategory = builder.predictedCategory;
        this.predictedSentiment = builder.predictedSentiment;
        this.predictedPriority = builder.predictedPriority;
        this.decided = Objects.requireNonNull(builder.decided, "decided is required");
        this.actor = Objects.requireNonNull(builder.actor, "actor is required");
        if (actor.isBlank()) throw new IllegalArgumentException("actor must not be blank");
        this.at = Objects.requireNonNull(builder.at, "at is required");
    }

    /**
     * A correction of {@code predicted} (null when the ticket has no classification) by {@code actor} at {@code at}.
     */
    public static Correction of(@Nullable Classification predicted, CorrectedLabels decided, String actor, Instant at) {
        return builder().predicted(predicted).decided(decided).actor(actor).at(at).build();
    }

    /** For stores that rebuild a correction from its columns. */
    public static Builder builder() {
        return new Builder();
    }

    public Optional<Category> predictedCategory() { return Optional.ofNullable(predictedCategory); }

    public Optional<Sentiment> predictedSentiment() { return Optional.ofNullable(predictedSentiment); }

    public Optional<Priority> predictedPriority() { return Optional.ofNullable(predictedPriority); }

    /** What the person decided. */
    public CorrectedLabels decided() { return decided; }

    /** Who corrected, for example {@code agent:ana}. */
    public String actor() { return actor; }

    /** When the (latest) correction was made. */
    public Instant at() { return at; }

    /** The decided category, else the predicted one. */
    public Optional<Category> effectiveCategory() {
        return decided.category().or(this::predictedCategory);
    }

    /** The decided sentiment, else the predicted one. */
    public Optional<Sentiment> effectiveSentiment() {
        return decided.sentiment().or(this::predictedSentiment);
    }

    /** The decided priority, else the predicted one. */
    public Optional<Priority> effectivePriority() {
        return decided.priority().or(this::predictedPriority);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) return true;
        if (!(other instanceof Correction)) return false;
        Correction that = (Correction) other;
        return Objects.equals(predictedCategory, that.predictedCategory) && predictedSentiment == that.predictedSentiment
                && predictedPriority == that.predictedPriority && decided.equals(that.decided) && actor.equals(that.actor)
                && at.equals(that.at);
    }

    @Override
    public int hashCode() {
        return Objects.hash(predictedCategory, predictedSentiment, predictedPriority, decided, actor, at);
    }

    @Override
    public String toString() {
        return "Correction[predicted=" + predictedCategory + "/" + predictedSentiment + "/" + predictedPriority
                + ", decided=" + decided.category().orElse(null) + "/" + decided.sentiment().orElse(null) + "/"
                + decided.priority().orElse(null) + ", actor=" + actor + ", at=" + at + "]";
    }

    /** Builds a {@link Correction}; not thread-safe. {@code decided}, {@code actor} and {@code at} are required. */
    public static final class Builder {
        private @Nullable Category predictedCategory;
        private @Nullable Sentiment predictedSentiment;
        private @Nullable Priority predictedPriority;
        private @Nullable CorrectedLabels decided;
        private @Nullable String actor;
        private @Nullable Instant at;

        private Builder() {
        }

        /** Takes the predicted labels from {@code classification}; null clears them. */
        public Builder predicted(@Nullable Classification classification) {
            this.predictedCategory = classification == null ? null : classification.category();
            this.predictedSentiment = classification == null ? null : classification.sentiment();
            this.predictedPriority = classification == null ? null : classification.priority();
            return this;
        }

        public Builder predictedCategory(@Nullable Category category) { this.predictedCategory = category; return this; }

        public Builder predictedSentiment(@Nullable Sentiment sentiment) { this.predictedSentiment = sentiment; return this; }

        public Builder predictedPriority(@Nullable Priority priority) { this.predictedPriority = priority; return this; }

        public Builder decided(CorrectedLabels decided) { this.decided = Objects.requireNonNull(decided, "decided"); return this; }

        public Builder actor(String actor) { this.actor = Objects.requireNonNull(actor, "actor"); return this; }

        public Builder at(Instant at) { this.at = Objects.requireNonNull(at, "at"); return this; }

        /**
         * @throws NullPointerException when decided, actor or at is missing
         * @throws IllegalArgumentException when the actor is blank
         */
        public Correction build() {
            return new Correction(this);
        }
    }
}
