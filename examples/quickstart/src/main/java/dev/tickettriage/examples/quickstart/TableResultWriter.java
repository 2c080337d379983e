package dev.tickettriage.examples.quickstart;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An aligned table for people. Column widths are fixed up front (the category column fits the taxonomy's
 * longest label), so rows stream out as they are ready and the table needs no memory for rows.
 */
final class TableResultWriter implements ResultWriter {

    static final int SUMMARY_WIDTH = 60;
    private static final int MAX_CATEGORY_WIDTH = 24;
    private static final int ID_WIDTH = 8;

    private final PrintStream out;
    private final int categoryWidth;
    private final String format;

    TableResultWriter(PrintStream out, Taxonomy taxonomy) {
        this.out = Objects.requireNonNull(out, "out");
        int width = Math.min(MAX_CATEGORY_WIDTH, Math.max("CATEGORY".length(),
                taxonomy.categories().stream().map(Category::id).mapToInt(String::length).max().orElse(0)));
        this.categoryWidth = width;
        this.format = "%5s  %-" + ID_WIDTH + "s  %-" + width + "s  %-13s  %-8s  %4s  %-5s  %s%n";
    }

    @Override
    public void begin() {
        out.printf(Locale.ROOT, format, "ROW", "ID", "CATEGORY", "SENTIMENT", "PRIORITY", "CONF", "LANG", "SUMMARY");
    }

    @Override
    public void write(TriageResult result) {
        Optional<Classification> classification = result.classification();
        String id = shortId(result);
        if (classification.isEmpty() || !result.isProcessed()) {
            out.printf(Locale.ROOT, format, result.row(), id, "-", "-", result.priority().map(Enum::name).orElse("-"), "-", "-",
                    oneLine(result.status() + ": " + result.error().orElse("no classification"), SUMMARY_WIDTH));
            return;
        }
        Classification c = classification.get();
        String confidence = c.confidence(ClassificationField.CATEGORY)
                .map(value -> String.format(Locale.ROOT, "%.2f", value.value())).orElse("-");
        out.printf(Locale.ROOT, format, result.row(), id, fit(c.category().id(), categoryWidth), c.sentiment().name(),
                result.priority().map(Enum::name).orElse("-"), confidence, fit(c.language().tag(), 5),
                oneLine(c.summary().orElse(""), SUMMARY_WIDTH));
    }

    @Override
    public void end() {
        out.flush();
    }

    /**
     * The last 8 hex digits of the id: ticket ids are UUIDv7, whose leading digits are a timestamp and
     * therefore the same for every ticket of a run; the trailing ones are random.
     */
    static String shortId(TriageResult result) {
        String id = result.ticket().id().toString();
        return id.substring(id.length() - ID_WIDTH);
    }

    /** Untrusted text made safe for one table cell: control characters and line breaks become spaces, runs collapse. */
    static String oneLine(String text, int width) {
        StringBuilder cleaned = new StringBuilder(Math.min(text.length(), width * 2));
        boolean space = false;
        for (int i = 0; i < text.length() && cleaned.length() <= width * 2; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                space = cleaned.length() > 0;
                continue;
            }
            if (space) cleaned.append(' ');
            space = false;
            cleaned.append(c);
        }
        return fit(cleaned.toString(), width);
    }

    /** Cuts {@code text} to {@code width} characters for a table column, marking the cut; keeps surrogate pairs whole. */
    private static String fit(String text, int width) {
        if (text.length() <= width) return text;
        int end = Math.max(0, width - 1);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) end--;
        return text.substring(0, end) + "…";
    }
}
