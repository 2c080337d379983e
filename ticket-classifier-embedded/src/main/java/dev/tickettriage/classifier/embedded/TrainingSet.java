package dev.tickettriage.classifier.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.domain.CategoryDefinition;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.eval.LabeledExample;
import dev.tickettriage.io.RecordFormat;
import dev.tickettriage.io.TextRecord;
import dev.tickettriage.io.TextRecords;
import org.jspecify.annotations.Nullable;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Labelled examples to train an {@link EmbeddedModel} on, from the taxonomy's own examples, a CSV/JSONL file (core's
 * {@link TextRecords} readers), or the corrections agents made ({@code TicketTriage.exportCorrections}). Immutable.
 *
 * <p>Sentiment labels are read case-insensitively as the grades' names ({@code negative}, {@code very_positive},
 * {@code very positive}, ...); priority labels as {@code low}, {@code medium}, {@code high}, {@code urgent}. A label
 * that does not read is an {@link InvalidInputException} naming the column and the record. A row with a blank text is
 * skipped; a row whose label cells are all blank is skipped.
 */
public final class TrainingSet {

    private final List<TrainingExample> examples;

    private TrainingSet(List<TrainingExample> examples) {
        this.examples = List.copyOf(examples);
    }

    public static TrainingSet of(List<TrainingExample> examples) {
        return new TrainingSet(Objects.requireNonNull(examples, "examples"));
    }

    /** The examples listed in the taxonomy's category definitions (each labelled with its category). */
    public static TrainingSet fromTaxonomy(Taxonomy taxonomy) {
        List<TrainingExample> examples = new ArrayList<>();
        for (CategoryDefinition definition : taxonomy.definitions()) {
            for (String example : definition.examples()) examples.add(TrainingExample.category(example, definition.category().id()));
        }
        return new TrainingSet(examples);
    }

    /**
     * Labelled examples such as {@code TicketTriage.exportCorrections(field)} returns: category ids for CATEGORY,
     * sentiment or priority enum names for SENTIMENT and PRIORITY.
     *
     * @throws IllegalArgumentException for another field
     * @throws InvalidInputException when a sentiment or priority label does not read
     */
    public static TrainingSet fromLabeledExamples(List<LabeledExample> labeled, ClassificationField field) {
        if (field != ClassificationField.CATEGORY && field != ClassificationField.SENTIMENT && field != ClassificationField.PRIORITY) {
            throw new IllegalArgumentException("only CATEGORY, SENTIMENT and PRIORITY can be trained, not " + field);
        }
        List<TrainingExample> examples = new ArrayList<>(labeled.size());
        long number = 0;
        for (LabeledExample example : labeled) {
            number++;
            String where = "example " + number;
            examples.add(switch (field) {
                case CATEGORY -> TrainingExample.category(example.text(), example.label());
                case SENTIMENT -> TrainingExample.sentiment(example.text(), parseSentiment(example.label(), "label", where));
                case PRIORITY -> TrainingExample.priority(example.text(), parsePriority(example.label(), "label", where));
                default -> throw new IllegalArgumentException("only CATEGORY, SENTIMENT and PRIORITY can be trained, not " + field);
            });
        }
        return new TrainingSet(examples);
    }

    /** Which columns of a CSV/JSONL file hold the text and the labels (a null label column is not read). */
    public record Columns(String text, @Nullable String category, @Nullable String sentiment, @Nullable String priority) {
        public Columns {
            Objects.requireNonNull(text, "text");
            if (category == null && sentiment == null && priority == null) {
                throw new IllegalArgumentException("name at least one label column (category, sentiment or priority)");
            }
        }
    }

    /**
     * The records of a CSV (with a header row) or JSONL file. Reads with core's {@link TextRecords}; the reader is closed.
     *
     * @throws InvalidInputException when the file is malformed, a named column is missing from a record, or a label
     *         does not read (the message names the record, never its text)
     */
    public static TrainingSet fromRecords(Reader reader, RecordFormat format, Columns columns) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(columns, "columns");
        try (Stream<TextRecord> records = TextRecords.read(reader, format, new ObjectMapper())) {
            return fromRecords(records, columns);
        }
    }

    /** Records already read (for example with {@link TextRecords}' error-handling overloads); the stream is not closed. */
    public static TrainingSet fromRecords(Stream<TextRecord> records, Columns columns) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(columns, "columns");
        List<TrainingExample> examples = new ArrayList<>();
        records.forEachOrdered(record -> toExample(record, columns).ifPresent(examples::add));
        return new TrainingSet(examples);
    }

    private static Optional<TrainingExample> toExample(TextRecord record, Columns columns) {
        String where = "record " + record.number();
        String text = record.get(columns.text()).orElseThrow(() -> missing(columns.text(), where));
        if (text.isBlank()) return Optional.empty();
        String category = columns.category() == null ? null : record.get(columns.category()).orElseThrow(() -> missing(columns.category(), where));
        String sentiment = columns.sentiment() == null ? null : record.get(columns.sentiment()).orElseThrow(() -> missing(columns.sentiment(), where));
        String priority = columns.priority() == null ? null : record.get(columns.priority()).orElseThrow(() -> missing(columns.priority(), where));
        boolean noCategory = category == null || category.isBlank();
        boolean noSentiment = sentiment == null || sentiment.isBlank();
        boolean noPriority = priority == null || priority.isBlank();
        if (noCategory && noSentiment && noPriority) return Optional.empty();
        return Optional.of(new TrainingExample(text, noCategory ? null : category,
                noSentiment ? null : parseSentiment(sentiment, columns.sentiment(), where),
                noPriority ? null : parsePriority(priority, columns.priority(), where)));
    }

    private static InvalidInputException missing(String column, String where) {
        return new InvalidInputException(column, where + " has no column '" + column + "'");
    }

    /** Reads a sentiment label: a grade's name in any case, with spaces or hyphens for underscores. */
    static Sentiment parseSentiment(String label, String column, String where) {
        String key = label.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        for (Sentiment sentiment : Sentiment.values()) if (sentiment.name().equals(key)) return sentiment;
        throw new InvalidInputException(column, where + ": sentiment label is not one of very_negative, negative, neutral, positive, very_positive");
    }

    /** Reads a priority label: a priority's name in any case. */
    static Priority parsePriority(String label, String column, String where) {
        String key = label.strip().toUpperCase(Locale.ROOT);
        for (Priority priority : Priority.values()) if (priority.name().equals(key)) return priority;
        throw new InvalidInputException(column, where + ": priority label is not one of low, medium, high, urgent");
    }

    /** This set followed by {@code other}'s examples. */
    public TrainingSet plus(TrainingSet other) {
        List<TrainingExample> all = new ArrayList<>(examples);
        all.addAll(other.examples);
        return new TrainingSet(all);
    }

    public List<TrainingExample> examples() {
        return examples;
    }

    public int size() {
        return examples.size();
    }

    /** The distinct category labels, sorted. */
    public List<String> categoryLabels() {
        TreeSet<String> labels = new TreeSet<>();
        for (TrainingExample example : examples) example.category().ifPresent(labels::add);
        return List.copyOf(labels);
    }

    /** How many examples carry a label for {@code field}. */
    public long count(ClassificationField field) {
        return examples.stream().filter(example -> switch (field) {
            case CATEGORY -> example.category().isPresent();
            case SENTIMENT -> example.sentiment().isPresent();
            case PRIORITY -> example.priority().isPresent();
            default -> false;
        }).count();
    }

    /**
     * A taxonomy whose categories are the category labels found here (sorted), for training from a file without a
     * taxonomy of its own. Its version names the labels' hash, so the same labels give the same taxonomy.
     *
     * @throws InvalidInputException when there is no category label or a label is not a valid category id
     */
    public Taxonomy derivedTaxonomy() {
        List<String> labels = categoryLabels();
        if (labels.isEmpty()) throw new InvalidInputException("category", "no example has a category label");
        Taxonomy.Builder builder = Taxonomy.builder().version("trained-" + Integer.toHexString(String.join("\n", labels).hashCode()));
        for (String label : labels) builder.category(label, "Learned from labelled examples");
        return builder.build();
    }

    @Override
    public String toString() {
        return "TrainingSet[" + examples.size() + " examples, " + categoryLabels().size() + " categories]";
    }
}
