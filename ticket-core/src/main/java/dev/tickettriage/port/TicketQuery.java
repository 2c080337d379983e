package dev.tickettriage.port;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.FieldDefinition;
import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.ProcessingState;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Ticket;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Filters, keyset cursor, page size and direction for {@link TicketRepository#query}. Empty filter sets
 * match everything; several filters combine with AND; values within one filter combine with OR.
 *
 * <p><b>Custom fields.</b> {@link Builder#fieldEquals(String, String...)} keeps tickets whose classification filled a
 * custom field with one of the given values, compared exactly with the value's canonical strings
 * ({@link FieldValue#strings()}: the declared value, {@code true}/{@code false}, a plain decimal number, the text; a
 * several-values field matches when any of its values does). {@link Builder#fieldFilled(String)} keeps tickets that
 * have the field filled at all. A SQL store can keep the values as JSON and test them with its JSON functions.
 * Immutable and thread-safe.
 */
public final class TicketQuery {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1_000;

    private final Set<SupportStatus> statuses;
    private final Set<ProcessingState> processingStates;
    private final Set<Category> categories;
    private final Set<Sentiment> sentiments;
    private final Set<Priority> priorities;
    private final @Nullable String assignee;
    private final @Nullable String textContains;
    private final @Nullable Instant createdFrom;
    private final @Nullable Instant createdBefore;
    private final @Nullable Boolean corrected;
    private final @Nullable PageCursor after;
    private final int limit;
    private final boolean newestFirst;
    // custom fields (issue 6)
    private final Map<String, Set<String>> fieldValues;
    private final Set<String> filledFields;

    private TicketQuery(Builder builder) {
        this.statuses = Set.copyOf(builder.statuses);
        this.processingStates = Set.copyOf(builder.processingStates);
        this.categories = Set.copyOf(builder.categories);
        this.sentiments = Set.copyOf(builder.sentiments);
        this.priorities = Set.copyOf(builder.priorities);
        this.assignee = builder.assignee;
        this.textContains = builder.textContains;
        this.createdFrom = builder.createdFrom;
        this.createdBefore = builder.createdBefore;
        this.corrected = builder.corrected;
        this.after = builder.after;
        this.limit = builder.limit;
        this.newestFirst = builder.newestFirst;
        Map<String, Set<String>> values = new LinkedHashMap<>();
        builder.fieldValues.forEach((name, wanted) -> values.put(name, Set.copyOf(wanted)));
        this.fieldValues = Collections.unmodifiableMap(values);
        this.filledFields = Set.copyOf(builder.filledFields);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Everything, oldest first, {@value #DEFAULT_LIMIT} per page. */
    public static TicketQuery all() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.statuses.addAll(statuses);
        builder.processingStates.addAll(processingStates);
        builder.categories.addAll(categories);
        builder.sentiments.addAll(sentiments);
        builder.priorities.addAll(priorities);
        builder.assignee = assignee;
        builder.textContains = textContains;
        builder.createdFrom = createdFrom;
        builder.createdBefore = createdBefore;
        builder.corrected = corrected;
        builder.after = after;
        builder.limit = limit;
        builder.newestFirst = newestFirst;
        fieldValues.forEach((name, wanted) -> builder.fieldValues.put(name, new LinkedHashSet<>(wanted)));
        builder.filledFields.addAll(filledFields);
        return builder;
    }

    public Set<SupportStatus> statuses() { return statuses; }

    public Set<ProcessingState> processingStates() { return processingStates; }

    public Set<Category> categories() { return categories; }

    public Set<Sentiment> sentiments() { return sentiments; }

    public Set<Priority> priorities() { return priorities; }

    public Optional<String> assignee() { return Optional.ofNullable(assignee); }

    /** Case-insensitive substring of subject or body. */
    public Optional<String> textContains() { return Optional.ofNullable(textContains); }

    /** Inclusive lower bound on createdAt. */
    public Optional<Instant> createdFrom() { return Optional.ofNullable(createdFrom); }

    /** Exclusive upper bound on createdAt. */
    public Optional<Instant> createdBefore() { return Optional.ofNullable(createdBefore); }

    /**
     * Only tickets a person corrected ({@code true}) or only those not corrected ({@code false}); empty: both.
     * A SQL store answers it from an indexed "corrected at" column.
     */
    public Optional<Boolean> corrected() { return Optional.ofNullable(corrected); }

    public Optional<PageCursor> after() { return Optional.ofNullable(after); }

    public int limit() { return limit; }

    public boolean newestFirst() { return newestFirst; }

    /** Custom field filters: field name to the values it may hold (any of them); empty for none. */
    public Map<String, Set<String>> fieldValues() { return fieldValues; }

    /** Custom fields that must be filled; empty for none. */
    public Set<String> filledFields() { return filledFields; }

    /** This query continued after {@code cursor}. */
    public TicketQuery next(PageCursor cursor) {
        return toBuilder().after(cursor).build();
    }

    /**
     * Whether {@code ticket} passes every filter (cursor and limit are not considered). Stores that
     * filter in memory use this; SQL stores must give the same answers.
     */
    public boolean matches(Ticket ticket) {
        if (!statuses.isEmpty() && !statuses.contains(ticket.status())) return false;
        if (!processingStates.isEmpty() && !processingStates.contains(ticket.processingState())) return false;
        if (!categories.isEmpty() || !sentiments.isEmpty()) {
            if (ticket.classification().isEmpty()) return false;
            if (!categories.isEmpty() && !categories.contains(ticket.classification().get().category())) return false;
            if (!sentiments.isEmpty() && !sentiments.contains(ticket.classification().get().sentiment())) return false;
        }
        if (!priorities.isEmpty() && (ticket.priority().isEmpty() || !priorities.contains(ticket.priority().get()))) return false;
        if (assignee != null && !assignee.equals(ticket.assignee().orElse(null))) return false;
        if (createdFrom != null && ticket.createdAt().isBefore(createdFrom)) return false;
        if (createdBefore != null && !ticket.createdAt().isBefore(createdBefore)) return false;
        if (corrected != null && corrected != ticket.correction().isPresent()) return false;
        if (textContains != null) {
            String needle = textContains.toLowerCase(Locale.ROOT);
            boolean inBody = ticket.body().toLowerCase(Locale.ROOT).contains(needle);
            boolean inSubject = ticket.subject().map(s -> s.toLowerCase(Locale.ROOT).contains(needle)).orElse(false);
            if (!inBody && !inSubject) return false;
        }
        if (!matchesFields(ticket)) return false;
        return true;
    }

    private boolean matchesFields(Ticket ticket) {
        if (fieldValues.isEmpty() && filledFields.isEmpty()) return true;
        if (ticket.classification().isEmpty()) return false;
        Classification classification = ticket.classification().get();
        for (String name : filledFields) {
            if (!classification.isFilled(name)) return false;
        }
        for (Map.Entry<String, Set<String>> filter : fieldValues.entrySet()) {
            Optional<FieldValue> value = classification.fieldValue(filter.getKey());
            if (value.isEmpty() || value.get().strings().stream().noneMatch(filter.getValue()::contains)) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof TicketQuery)) return false;
        TicketQuery that = (TicketQuery) other;
        return limit == that.limit && newestFirst == that.newestFirst && statuses.equals(that.statuses)
                && processingStates.equals(that.processingStates) && categories.equals(that.categories)
                && sentiments.equals(that.sentiments) && priorities.equals(that.priorities)
                && Objects.equals(assignee, that.assignee) && Objects.equals(textContains, that.textContains)
                && Objects.equals(createdFrom, that.createdFrom) && Objects.equals(createdBefore, that.createdBefore)
                && Objects.equals(corrected, that.corrected) && Objects.equals(after, that.after)
                && fieldValues.equals(that.fieldValues) && filledFields.equals(that.filledFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(statuses, processingStates, categories, sentiments, priorities, assignee, textContains,
                createdFrom, createdBefore, corrected, after, limit, newestFirst, fieldValues, filledFields);
    }

    @Override
    public String toString() {
        return "TicketQuery[statuses=" + statuses + ", processingStates=" + processingStates + ", categories=" + categories
                + ", sentiments=" + sentiments + ", priorities=" + priorities + ", assignee=" + assignee
                + ", createdFrom=" + createdFrom + ", createdBefore=" + createdBefore + ", corrected=" + corrected + ", after=" + after
                + ", limit=" + limit + ", newestFirst=" + newestFirst
                + (fieldValues.isEmpty() ? "" : ", fieldValues=" + fieldValues.keySet())
                + (filledFields.isEmpty() ? "" : ", filledFields=" + filledFields) + "]";
    }

    /** Builds a {@link TicketQuery}; not thread-safe. */
    public static final class Builder {
        private final Set<SupportStatus> statuses = EnumSet.noneOf(SupportStatus.class);
        private final Set<ProcessingState> processingStates = EnumSet.noneOf(ProcessingState.class);
        private final Set<Category> categories = new LinkedHashSet<>();
        private final Set<Sentiment> sentiments = EnumSet.noneOf(Sentiment.class);
        private final Set<Priority> priorities = EnumSet.noneOf(Priority.class);
        private @Nullable String assignee;
        private @Nullable String textContains;
        private @Nullable Instant createdFrom;
        private @Nullable Instant createdBefore;
        private @Nullable Boolean corrected;
        private @Nullable PageCursor after;
        private int limit = DEFAULT_LIMIT;
        private boolean newestFirst;
        private final Map<String, Set<String>> fieldValues = new LinkedHashMap<>();
        private final Set<String> filledFields = new LinkedHashSet<>();

        private Builder() {
        }

        public Builder status(SupportStatus... values) { statuses.addAll(Set.of(values)); return this; }

        public Builder processingState(ProcessingState... values) { processingStates.addAll(Set.of(values)); return this; }

        /** Drops the processing-state filter (any state passes). */
        public Builder anyProcessingState() { processingStates.clear(); return this; }

        public Builder category(Category... values) { categories.addAll(Set.of(values)); return this; }

        public Builder sentiment(Sentiment... values) { sentiments.addAll(Set.of(values)); return this; }

        public Builder priority(Priority... values) { priorities.addAll(Set.of(values)); return this; }

        public Builder assignee(String value) { this.assignee = Objects.requireNonNull(value, "assignee"); return this; }

        /** Case-insensitive substring of subject or body; must not be blank. */
        public Builder textContains(String value) {
            Objects.requireNonNull(value, "textContains");
            if (value.isBlank()) throw new IllegalArgumentException("textContains must not be blank");
            this.textContains = value;
            return this;
        }

        public Builder createdFrom(Instant value) { this.createdFrom = Objects.requireNonNull(value, "createdFrom"); return this; }

        public Builder createdBefore(Instant value) { this.createdBefore = Objects.requireNonNull(value, "createdBefore"); return this; }

        /** Only tickets with ({@code true}) or without ({@code false}) a person's correction; default both. */
        public Builder corrected(boolean value) { this.corrected = value; return this; }

        public Builder after(@Nullable PageCursor cursor) { this.after = cursor; return this; }

        /** Page size, 1 to {@value #MAX_LIMIT}; default {@value #DEFAULT_LIMIT}. */
        public Builder limit(int value) {
            if (value < 1 || value > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "], was " + value);
            }
            this.limit = value;
            return this;
        }

        /** Sort by createdAt descending instead of ascending. */
        public Builder newestFirst() { this.newestFirst = true; return this; }

        // custom fields (issue 6)

        /**
         * Keeps tickets whose custom field {@code name} holds one of {@code anyOf} (canonical strings, compared exactly);
         * calling it again for the same field adds values.
         *
         * @throws IllegalArgumentException when {@code name} is not a valid field name or {@code anyOf} is empty
         */
        public Builder fieldEquals(String name, String... anyOf) {
            requireFieldName(name);
            if (anyOf.length == 0) throw new IllegalArgumentException("anyOf must not be empty");
            Set<String> wanted = fieldValues.computeIfAbsent(name, key -> new LinkedHashSet<>());
            for (String value : anyOf) wanted.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Keeps tickets whose classification filled custom field {@code name}.
         *
         * @throws IllegalArgumentException when {@code name} is not a valid field name
         */
        public Builder fieldFilled(String name) {
            filledFields.add(requireFieldName(name));
            return this;
        }

        private static String requireFieldName(String name) {
            Objects.requireNonNull(name, "name");
            if (!FieldDefinition.isValidName(name)) {
                throw new IllegalArgumentException("field name must be lower snake case (a-z, 0-9, '_'), at most 64 characters");
            }
            return name;
        }

        public TicketQuery build() {
            return new TicketQuery(this);
        }
    }
}
