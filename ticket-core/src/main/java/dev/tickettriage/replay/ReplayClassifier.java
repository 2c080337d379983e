package dev.tickettriage.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.error.MissingRecordingException;
import dev.tickettriage.error.MissingRecordingException.Reason;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Answers from a recordings file written by {@link RecordingClassifier}: offline, free and deterministic, for prompt
 * and model regression tests in CI. A ticket is found by the classifier name and prompt version given here, the
 * taxonomy's fingerprint and the ticket's text (subject and body); the answer is returned as recorded, with its
 * provenance marked as a {@linkplain dev.tickettriage.domain.Provenance#isCacheHit() cache hit} (same classifier and
 * model, no tokens, zero cost).
 *
 * <p>A ticket with no recording fails with a {@link MissingRecordingException} (permanent) whose
 * {@link MissingRecordingException#reason() reason} says whether the text was never recorded or was recorded under
 * another taxonomy, prompt version or classifier name, so a stale recording is never replayed silently. With
 * {@link Builder#onMissing(Classifier)} such tickets go to a live classifier instead (wrap it in a
 * {@link RecordingClassifier} to fill the gaps).
 *
 * <pre>{@code
 * Classifier replay = ReplayClassifier.builder(Path.of("src/test/resources/answers.jsonl"), "openai")
 *         .promptVersion(TriagePrompt.VERSION).build();
 * EvaluationReport report = Evaluator.builder(replay, taxonomy).build().evaluate(examples);
 * }</pre>
 *
 * <p>The file is read once, when built. Immutable and thread-safe.
 */
public final class ReplayClassifier implements Classifier {

    private final String name;
    private final String promptVersion;
    private final Path file;
    private final Map<String, Recordings.Entry> byKey;
    private final Map<String, List<Recordings.Entry>> byText;
    private final Set<ClassificationField> capabilities;
    private final @Nullable Classifier onMissing;
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong missed = new AtomicLong();

    private ReplayClassifier(Builder builder) {
        this.name = builder.name;
        this.promptVersion = builder.promptVersion;
        this.file = builder.file;
        this.onMissing = builder.onMissing;
        this.capabilities = builder.capabilities != null ? builder.capabilities
                : onMissing != null ? onMissing.capabilities() : Set.copyOf(EnumSet.allOf(ClassificationField.class));
        this.byKey = Recordings.load(file, builder.mapper);
        Map<String, List<Recordings.Entry>> texts = new HashMap<>();
        for (Recordings.Entry entry : byKey.values()) texts.computeIfAbsent(entry.textHash(), hash -> new ArrayList<>()).add(entry);
        this.byText = texts;
    }

    /**
     * A builder replaying the answers {@code file} holds for the classifier recorded as {@code classifierName} (the
     * {@link RecordingClassifier}'s name, by default the real classifier's {@link Classifier#name()}).
     */
    public static Builder builder(Path file, String classifierName) {
        return new Builder(Objects.requireNonNull(file, "file"), Objects.requireNonNull(classifierName, "classifierName"));
    }

    /**
     * The recorded answer for {@code ticket}.
     *
     * @throws MissingRecordingException when none matches and no fall-through classifier is set
     */
    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        String textHash = Recordings.textHash(ticket);
        Recordings.Entry entry = byKey.get(Recordings.key(name, promptVersion, taxonomy.fingerprint(), textHash));
        if (entry != null) {
            replayed.incrementAndGet();
            Classification recorded = entry.classification();
            return recorded.toBuilder().provenance(recorded.provenance().asCacheHit(Duration.ZERO)).build();
        }
        missed.incrementAndGet();
        if (onMissing != null) return onMissing.classify(ticket, taxonomy);
        throw missing(ticket, taxonomy, textHash);
    }

    private MissingRecordingException missing(Ticket ticket, Taxonomy taxonomy, String textHash) {
        List<Recordings.Entry> sameText = byText.getOrDefault(textHash, List.of());
        String where = "no recorded answer for ticket " + ticket.id() + " (classifier " + name
                + (promptVersion.isEmpty() ? "" : ", prompt " + promptVersion) + ", taxonomy " + taxonomy.version()
                + " fingerprint " + shortHash(taxonomy.fingerprint()) + ") in " + file.getFileName();
        if (sameText.isEmpty()) {
            return new MissingRecordingException(where + ": this ticket text was never recorded; record it with RecordingClassifier",
                    Reason.NOT_RECORDED);
        }
        for (Recordings.Entry entry : sameText) {
            if (entry.classifier().equals(name) && entry.promptVersion().equals(promptVersion)) {
                return new MissingRecordingException(where + ": it was recorded under taxonomy " + entry.taxonomyVersion() + " fingerprint "
                        + shortHash(entry.taxonomyFingerprint()) + "; the taxonomy changed since, so record again", Reason.TAXONOMY_CHANGED);
            }
        }
        for (Recordings.Entry entry : sameText) {
            if (entry.classifier().equals(name)) {
                return new MissingRecordingException(where + ": it was recorded under prompt version '" + entry.promptVersion()
                        + "'; the prompt changed since, so record again", Reason.PROMPT_CHANGED);
            }
        }
        return new MissingRecordingException(where + ": it was recorded by classifier " + sameText.get(0).classifier()
                + "; replay under that name or record again", Reason.CLASSIFIER_CHANGED);
    }

    private static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    /** How many recorded answers the file holds (the newest per key). */
    public int size() {
        return byKey.size();
    }

    /** Tickets answered from the file so far. */
    public long replayed() {
        return replayed.get();
    }

    /** Tickets with no recording so far (failed, or passed to the fall-through classifier). */
    public long missed() {
        return missed.get();
    }

    /** The classifier name the answers were recorded under. */
    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return capabilities;
    }

    /** Replay computes in the JVM; the fall-through classifier's limits when one is set. */
    @Override
    public ClassifierLimits limits() {
        return onMissing == null ? ClassifierLimits.cpuBound() : onMissing.limits();
    }

    @Override
    public String toString() {
        return "ReplayClassifier[" + name + " <- " + file + ", " + byKey.size() + " answers]";
    }

    /** Builds a {@link ReplayClassifier}; not thread-safe. */
    public static final class Builder {
        private final Path file;
        private final String name;
        private String promptVersion = "";
        private @Nullable Classifier onMissing;
        private @Nullable Set<ClassificationField> capabilities;
        private ObjectMapper mapper = new ObjectMapper();

        private Builder(Path file, String name) {
            if (name.isBlank()) throw new IllegalArgumentException("classifierName must not be blank");
            this.file = file;
            this.name = name;
        }

        /** The prompt version the answers were recorded under; default empty, as {@link RecordingClassifier}'s. */
        public Builder promptVersion(String value) {
            this.promptVersion = Objects.requireNonNull(value, "promptVersion");
            return this;
        }

        /** Sends tickets with no recording to {@code live} instead of failing them; default none (fail). */
        public Builder onMissing(Classifier live) {
            this.onMissing = Objects.requireNonNull(live, "live");
            return this;
        }

        /** The fields the recorded classifier fills; default the fall-through classifier's, else every field. */
        public Builder capabilities(Set<ClassificationField> values) {
            this.capabilities = Set.copyOf(values);
            return this;
        }

        /** The mapper reading lines (not modified); default a plain {@link ObjectMapper}. */
        public Builder objectMapper(ObjectMapper value) {
            this.mapper = Objects.requireNonNull(value, "objectMapper");
            return this;
        }

        /**
         * Reads the file.
         *
         * @throws dev.tickettriage.error.InvalidInputException naming the line and field when a line is not a recording
         * @throws java.io.UncheckedIOException                  when the file is missing or unreadable
         */
        public ReplayClassifier build() {
            return new ReplayClassifier(this);
        }
    }
}
