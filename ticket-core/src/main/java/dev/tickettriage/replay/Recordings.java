package dev.tickettriage.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.internal.Digests;
import dev.tickettriage.io.ClassificationJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The recordings file: one JSON object per line, appended; the last line for a key wins.
 *
 * <pre>{@code
 * {"format":"ticket-triage-recording/1","key":"…","textHash":"…","classifier":"openai","promptVersion":"",
 *  "taxonomyFingerprint":"…","taxonomyVersion":"banking-1","ticketId":"…","recordedAt":"2026-…Z","classification":{…}}
 * }</pre>
 */
final class Recordings {

    static final String FORMAT = "ticket-triage-recording/1";

    private Recordings() {
    }

    /** One recorded answer and what it was recorded under. */
    record Entry(String key, String textHash, String classifier, String promptVersion, String taxonomyFingerprint,
                 String taxonomyVersion, Classification classification) {
    }

    /** The hash of the ticket's text (subject and body, NFC). */
    static String textHash(Ticket ticket) {
        return Digests.sha256Hex("ticket-text/1", Normalizer.normalize(ticket.text(), Normalizer.Form.NFC));
    }

    static String key(String classifier, String promptVersion, String taxonomyFingerprint, String textHash) {
        return Digests.sha256Hex("recording/1", classifier, promptVersion, taxonomyFingerprint, textHash);
    }

    static String line(ObjectMapper mapper, String classifier, String promptVersion, Taxonomy taxonomy, Ticket ticket,
                       Classification classification, Instant recordedAt) {
        String textHash = textHash(ticket);
        ObjectNode node = mapper.createObjectNode();
        node.put("format", FORMAT);
        node.put("key", key(classifier, promptVersion, taxonomy.fingerprint(), textHash));
        node.put("textHash", textHash);
        node.put("classifier", classifier);
        node.put("promptVersion", promptVersion);
        node.put("taxonomyFingerprint", taxonomy.fingerprint());
        node.put("taxonomyVersion", taxonomy.version());
        node.put("ticketId", ticket.id().toString());
        node.put("recordedAt", recordedAt.toString());
        node.set("classification", ClassificationJson.write(classification, mapper.getNodeFactory()));
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * Every entry of {@code file} by key (the last line for a key wins); empty lines are skipped.
     *
     * @throws InvalidInputException naming the file, line and field when a line is not a valid recording
     * @throws UncheckedIOException  when the file cannot be read (a missing file is an error too)
     */
    static Map<String, Entry> load(Path file, ObjectMapper mapper) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (text.isBlank()) continue;
                Entry entry = entry(mapper, text, file.getFileName() + ":" + number);
                entries.remove(entry.key());   // keep file order of the newest answers
                entries.put(entry.key(), entry);
            }
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no recordings file at " + file + "; record one with RecordingClassifier first", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recordings file " + file, e);
        }
        return entries;
    }

    private static Entry entry(ObjectMapper mapper, String text, String where) {
        JsonNode node;
        try {
            node = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(where, "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) throw new InvalidInputException(where, "must be a JSON object");
        String format = node.path("format").asText("");
        if (!FORMAT.equals(format)) throw new InvalidInputException(where + ": format", "must be " + FORMAT + ", was '" + format + "'");
        String textHash = required(node, "textHash", where);
        String classifier = required(node, "classifier", where);
        String promptVersion = node.path("promptVersion").asText("");
        String fingerprint = required(node, "taxonomyFingerprint", where);
        String key = key(classifier, promptVersion, fingerprint, textHash);
        if (!key.equals(node.path("key").asText())) {
            throw new InvalidInputException(where + ": key", "does not match the line's classifier, prompt version, taxonomy and text hash (edited by hand?)");
        }
        Classification classification = ClassificationJson.read(node.path("classification"), where + ": classification");
        return new Entry(key, textHash, classifier, promptVersion, fingerprint, node.path("taxonomyVersion").asText(""), classification);
    }

    private static String required(JsonNode node, String name, String where) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) throw new InvalidInputException(where + ": " + name, "must be a non-blank string");
        return value.asText();
    }
}
