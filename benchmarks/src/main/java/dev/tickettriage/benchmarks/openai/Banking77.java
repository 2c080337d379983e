package dev.tickettriage.benchmarks.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.io.TextRecord;
import dev.tickettriage.io.TextRecords;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The BANKING77 label set (77 intents, names only) as a {@link Taxonomy}, and its test-split texts as load for the
 * harnesses (used as ticket bodies only; nothing is tuned or scored on them here).
 */
public final class Banking77 {

    /** Where the data lives unless {@code -Dbanking77.dir} says otherwise. */
    public static final Path DEFAULT_DIR = Path.of("/work/shared/data/banking77");

    private final List<String> labels;
    private final List<String> texts;

    private Banking77(List<String> labels, List<String> texts) {
        this.labels = List.copyOf(labels);
        this.texts = List.copyOf(texts);
    }

    public static Banking77 load() {
        Path dir = Path.of(System.getProperty("banking77.dir", DEFAULT_DIR.toString()));
        try {
            JsonNode categories = new ObjectMapper().readTree(dir.resolve("categories.json").toFile());
            List<String> labels = new ArrayList<>();
            categories.forEach(label -> labels.add(label.asText()));
            List<String> texts = new ArrayList<>();
            try (Reader reader = Files.newBufferedReader(dir.resolve("test.csv"), StandardCharsets.UTF_8);
                 Stream<TextRecord> records = TextRecords.csv(reader)) {
                records.forEach(record -> record.get("text").ifPresent(texts::add));
            }
            return new Banking77(labels, texts);
        } catch (IOException e) {
            throw new UncheckedIOException("BANKING77 data not readable in " + dir, e);
        }
    }

    public List<String> labels() {
        return labels;
    }

    /** The 77 labels, each described by its words ("card_arrival" -> "card arrival"), no examples. */
    public Taxonomy taxonomy() {
        Taxonomy.Builder builder = Taxonomy.builder().version("banking77");
        for (String label : labels) builder.category(label, label.replace('_', ' '));
        return builder.build();
    }

    /** The {@code index}-th ticket text, cycling through the test split. */
    public String text(int index) {
        return texts.get(index % texts.size());
    }
}
