package dev.tickettriage.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a classifier concluded about one ticket: category, graded sentiment with its score, priority,
 * language, per-field confidence, optional top-k alternatives, summary, suggested reply, key topics,
 * rationale, provenance, and the host's custom fields ({@link #fields()}). Immutable and thread-safe; build with
 * {@link #builder()}.
 *
 * <p><b>Custom fields.</b> Only filled fields are held, each with its own confidence; a field the classifier could
 * not fill is simply absent ({@link #isFilled(String)} is false), never a placeholder or made-up value. A
 * classification is built without the taxonomy, so its values are checked against the field declarations by
 * {@link Taxonomy#requireValidFields(Classification)}, which the pipeline calls before storing.
 */
public final class Classification {

    private final Category category;
    private final Sentiment sentiment;
    private final double sentimentScore;
    private final Priority priority;
    private final Language language;
    private final Map<ClassificationField, Confidence> confidences;
    private final List<ScoredCategory> alternatives;
    private final @Nullable String summary;
    private final @Nullable String suggestedReply;
    private final List<String> keyTopics;
    private final @Nullable String rationale;
    private final Provenance provenance;
    private final Map<String, FilledField> fields;

    private Classification(Builder builder) {
        this.category = Objects.requireNonNull(builder.category, "category is required");
        this.sentiment = Objects.requireNonNull(builder.sentiment, "sentiment is required");
        if (!(builder.sentimentScore >= -1 && builder.sentimentScore <= 1)) {
            throw new IllegalArgumentException("sentimentScore must be in [-1, 1], was " + builder.sentimentScore);
        }
        this.sentimentScore = builder.sentimentScore;
        this.priority = Objects.requireNonNull(builder.priority, "priority is required");
        this.language = Objects.requireNonNull(builder.language, "language is required");
        this.confidences = Collections.unmodifiableMap(new EnumMap<>(builder.confidences));
        this.alternatives = List.copyOf(builder.alternatives);
        this.summary = builder.summary;
        this.suggestedReply = builder.suggestedReply;
        this.keyTopics = List.copyOf(builder.keyTopics);
        this.rationale = builder.rationale;
        this.provenance = Objects.requireNonNull(builder.provenance, "provenance is required");
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(builder.fields));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.category = category;
        builder.sentiment = sentiment;
        builder.sentimentScore = sentimentScore;
        builder.priority = priority;
        builder.language = language;
        builder.confidences.putAll(confidences);
        builder.alternatives.addAll(alternatives);
        builder.summary = summary;
        builder.suggestedReply = suggestedReply;
        builder.keyTopics.addAll(keyTopics);
        builder.rationale = rationale;
        builder.provenance = provenance;
        builder.fields.putAll(fields);
        return builder;
    }

    public Category category() { return category; }

    public Sentiment sentiment() { return sentiment; }

    /** The sentiment as a number in [-1, 1]; negative is unhappy. */
    public double sentimentScore() { return sentimentScore; }

    public Priority priority() { return priority; }

    public Language language() { return language; }

    /** Confidence per field; fields the classifier did not rate are absent. */
    public Map<ClassificationField, Confidence> confidences() { return confidences; }

    /** The confidence of one field, if the classifier rated it. */
    public Optional<Confidence> confidence(ClassificationField field) {
        return Optional.ofNullable(confidences.get(field));
    }

    /** The confidence value of one field, or 0 when unrated. */
    public double confidenceValue(ClassificationField field) {
        Confidence confidence = confidences.get(field);
        return confidence == null ? 0.0 : confidence.value();
    }

    /** Other likely categories, best first; may be empty. */
    public List<ScoredCategory> alternatives() { return alternatives; }

    public Optional<String> summary() { return Optional.ofNullable(summary); }

    public Optional<String> suggestedReply() { return Optional.ofNullable(suggestedReply); }

    public List<String> keyTopics() { return keyTopics; }

    /** Why the classifier decided as it did, for example the rules that fired. */
    public Optional<String> rationale() { return Optional.ofNullable(rationale); }

    public Provenance provenance() { return provenance; }

    /** The custom fields the classifier filled, by name, in the order they were set; not filled fields are absent. */
    public Map<String, FilledField> fields() { return fields; }

    /** The custom field {@code name}, if the classifier filled it. */
    public Optional<FilledField> field(String name) {
        return Optional.ofNullable(fields.get(Objects.requireNonNull(name, "name")));
    }

    /** The value of custom field {@code name}, if filled. */
    public Optional<FieldValue> fieldValue(String name) {
        return field(name).map(FilledField::value);
    }

    /** Whether the classifier filled custom field {@code name}. */
    public boolean isFilled(String name) {
        return fields.containsKey(Objects.requireNonNull(name, "name"));
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) return true;
        if (!(other instanceof Classification)) return false;
        Classification that = (Classification) other;
        return Double.compare(sentimentScore, that.sentimentScore) == 0 && category.equals(that.category)
                && sentiment == that.sentiment && priority == that.priority && language.equals(that.language)
                && confidences.equals(that.confidences) && alternatives.equals(that.alternatives)
                && Objects.equals(summary, that.summary) && Objects.equals(suggestedReply, that.suggestedReply)
                && keyTopics.equals(that.keyTopics) && Objects.equals(rationale, that.rationale)
                && provenance.equals(that.provenance) && fields.equals(that.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(category, sentiment, sentimentScore, priority, language, confidences, alternatives,
                summary, suggestedReply, keyTopics, rationale, provenance, fields);
    }

    @Override
    public String toString() {
        // summary, reply and rationale may quote ticket text: keep them out of toString
        return "Classification[category=" + category + ", sentiment=" + sentiment + " (" + sentimentScore + ")"
                + ", priority=" + priority + ", language=" + language + ", confidences=" + confidences
                + (fields.isEmpty() ? "" : ", fields=" + fields.keySet())
                + ", classifier=" + provenance.classifier() + "]";
    }

    /** Builds a {@link Classification}; not thread-safe. Category, sentiment, priority, language and provenance are required. */
    public static final class Builder {
        private @Nullable Category category;
        private @Nullable Sentiment sentiment;
        private double sentimentScore;
        private @Nullable Priority priority;
        private Language language = Language.UNDETERMINED;
        private final Map<ClassificationField, Confidence> confidences = new EnumMap<>(ClassificationField.class);
        private final List<ScoredCategory> alternatives = new ArrayList<>();
        private @Nullable String summary;
        private @Nullable String suggestedReply;
        private final List<String> keyTopics = new ArrayList<>();
        private @Nullable String rationale;
        private @Nullable Provenance provenance;
        private final Map<String, FilledField> fields = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder category(Category category) {
            this.category = Objects.requireNonNull(category, "category");
            return this;
        }

        /** Sets the grade and derives nothing; pair it with {@link #sentimentScore(double)}. */
        public Builder sentiment(Sentiment sentiment) {
            this.sentiment = Objects.requireNonNull(sentiment, "sentiment");
            return this;
        }

        /** Score in [-1, 1]; default 0. */
        public Builder sentimentScore(double sentimentScore) {
            this.sentimentScore = sentimentScore;
            return this;
        }

        /** Sets the score and the grade {@link Sentiment#fromScore(double)} gives for it. */
        public Builder sentimentFromScore(double score) {
            this.sentiment = Sentiment.fromScore(score);
            this.sentimentScore = score;
            return this;
        }

        public Builder priority(Priority priority) {
            this.priority = Objects.requireNonNull(priority, "priority");
            return this;
        }

        /** Default {@link Language#UNDETERMINED}. */
        public Builder language(Language language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        public Builder confidence(ClassificationField field, Confidence confidence) {
            confidences.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(confidence, "confidence"));
            return this;
        }

        public Builder confidences(Map<ClassificationField, Confidence> values) {
            confidences.clear();
            values.forEach(this::confidence);
            return this;
        }

        public Builder alternatives(List<ScoredCategory> values) {
            alternatives.clear();
            alternatives.addAll(values);
            return this;
        }

        public Builder summary(@Nullable String summary) {
            this.summary = summary;
            return this;
        }

        public Builder suggestedReply(@Nullable String suggestedReply) {
            this.suggestedReply = suggestedReply;
            return this;
        }

        public Builder keyTopics(List<String> values) {
            keyTopics.clear();
            keyTopics.addAll(values);
            return this;
        }

        public Builder rationale(@Nullable String rationale) {
            this.rationale = rationale;
            return this;
        }

        public Builder provenance(Provenance provenance) {
            this.provenance = Objects.requireNonNull(provenance, "provenance");
            return this;
        }

        /**
         * Sets custom field {@code name} (replacing an earlier value); checked against the taxonomy when stored.
         *
         * @throws IllegalArgumentException when {@code name} is not a valid field name
         */
        public Builder field(String name, FieldValue value, Confidence confidence) {
            return field(new FilledField(name, value, confidence));
        }

        /** Sets one custom field (replacing an earlier value of the same name). */
        public Builder field(FilledField field) {
            Objects.requireNonNull(field, "field");
            fields.put(field.name(), field);
            return this;
        }

        /** Replaces every custom field with {@code values}. */
        public Builder fields(Collection<FilledField> values) {
            fields.clear();
            values.forEach(this::field);
            return this;
        }

        /** Marks custom field {@code name} as not filled. */
        public Builder removeField(String name) {
            fields.remove(Objects.requireNonNull(name, "name"));
            return this;
        }

        /** @throws NullPointerException when a required field is missing */
        public Classification build() {
            return new Classification(this);
        }
    }
}
