package dev.tickettriage.classifier.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.io.TaxonomyJson;
import org.jspecify.annotations.Nullable;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * A trained model: the heads (category, and sentiment and priority when trained), the features they see, the encoder
 * they were trained with, and the taxonomy (whole, so a loaded model classifies against exactly the labels it learned).
 * Saves to and loads from a small versioned file so a service trains once and starts fast.
 *
 * <p>File format {@value #FORMAT_VERSION}: the 8 bytes {@code TTEMBED\n}, an int format version, an int header length
 * and a UTF-8 JSON header (encoder, features, taxonomy, labels, temperatures, training reports), then per head its
 * non-zero weight rows (row index + one float per label) and biases, then a CRC-32 of everything before it. Loading
 * refuses other magic bytes, newer versions, bad checksums and truncated files with a {@link ModelFileException}.
 * Immutable and thread-safe.
 */
public final class EmbeddedModel {

    public static final int FORMAT_VERSION = 1;
    private static final byte[] MAGIC = "TTEMBED\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER_BYTES = 16 * 1024 * 1024;
    private static final int MAX_LABELS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final @Nullable String encoderId;
    private final int encoderDimension;
    private final FeatureSettings features;
    private final Taxonomy taxonomy;
    private final Map<ClassificationField, SoftmaxHead> heads;
    private final Map<ClassificationField, HeadReport> reports;
    private final Instant trainedAt;

    EmbeddedModel(@Nullable String encoderId, int encoderDimension, FeatureSettings features, Taxonomy taxonomy,
                  Map<ClassificationField, SoftmaxHead> heads, Map<ClassificationField, HeadReport> reports, Instant trainedAt) {
        this.encoderId = encoderId;
        this.encoderDimension = encoderDimension;
        this.features = Objects.requireNonNull(features, "features");
        this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
        if (!heads.containsKey(ClassificationField.CATEGORY)) throw new IllegalArgumentException("a model needs a category head");
        this.heads = Collections.unmodifiableMap(new EnumMap<>(heads));
        this.reports = reports.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(reports));
        this.trainedAt = Objects.requireNonNull(trainedAt, "trainedAt");
    }

    /** The encoder the heads were trained with; empty for an n-gram-only model. */
    public Optional<String> encoderId() {
        return Optional.ofNullable(encoderId);
    }

    public FeatureSettings features() {
        return features;
    }

    /** The taxonomy the model was trained for; classify against this one. */
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /** The fields the model has a head for: CATEGORY, and SENTIMENT / PRIORITY when trained with such labels. */
    public Set<ClassificationField> fields() {
        return heads.keySet();
    }

    /** The labels a head predicts (category ids, or sentiment / priority enum names). */
    public List<String> labels(ClassificationField field) {
        SoftmaxHead head = heads.get(field);
        return head == null ? List.of() : head.labels();
    }

    /** How the head for {@code field} was trained; empty for a loaded model of an older format or a missing head. */
    public Optional<HeadReport> report(ClassificationField field) {
        return Optional.ofNullable(reports.get(field));
    }

    public Instant trainedAt() {
        return trainedAt;
    }

    /** Weights held by every head (for sizing: 4 bytes each in memory). */
    public long weightCount() {
        long total = 0;
        for (SoftmaxHead head : heads.values()) total += head.weights().length + head.bias().length;
        return total;
    }

    Optional<SoftmaxHead> head(ClassificationField field) {
        return Optional.ofNullable(heads.get(field));
    }

    /**
     * Checks that {@code encoder} is the one this model was trained with (or that the model needs none).
     *
     * @throws ModelFileException ({@link ModelFileException.Reason#ENCODER_MISMATCH}) otherwise
     */
    public void requireEncoder(@Nullable TextEncoder encoder) {
        if (encoderId == null) return;
        if (encoder == null) throw new ModelFileException(ModelFileException.Reason.ENCODER_MISMATCH, "the model needs encoder " + encoderId + ", none given");
        if (!encoder.id().equals(encoderId) || encoder.dimension() != encoderDimension) {
            throw new ModelFileException(ModelFileException.Reason.ENCODER_MISMATCH, "the model was trained with encoder " + encoderId
                    + " (" + encoderDimension + " dimensions), not " + encoder.id() + " (" + encoder.dimension() + ")");
        }
    }

    /**
     * Checks that {@code expected} is the taxonomy this model was trained for (same fingerprint: labels, aliases, fields).
     *
     * @throws ModelFileException ({@link ModelFileException.Reason#TAXONOMY_MISMATCH}) otherwise
     */
    public void requireTaxonomy(Taxonomy expected) {
        if (!taxonomy.fingerprint().equals(expected.fingerprint())) {
            throw new ModelFileException(ModelFileException.Reason.TAXONOMY_MISMATCH, "the model was trained for taxonomy version "
                    + taxonomy.version() + " (fingerprint " + taxonomy.fingerprint() + "), not version " + expected.version()
                    + " (fingerprint " + expected.fingerprint() + ")");
        }
    }

    /** Writes the model to {@code file} (through a temporary file in the same directory, then an atomic move). */
    public void save(Path file) {
        Objects.requireNonNull(file, "file");
        Path target = file.toAbsolutePath();
        Path temporary = null;
        try {
            Path directory = target.getParent();
            if (directory != null) Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, target.getFileName().toString(), ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary))) {
                writeTo(out);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ModelFileException(ModelFileException.Reason.IO, "cannot write " + target + " (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // best effort: a leftover temporary file is harmless
                }
            }
        }
    }

    /** Writes the model to {@code out} (not closed). */
    public void writeTo(OutputStream out) throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream data = new DataOutputStream(new CheckedOutputStream(out, crc));
        data.write(MAGIC);
        data.writeInt(FORMAT_VERSION);
        byte[] header = JSON.writeValueAsBytes(header());
        data.writeInt(header.length);
        data.write(header);
        for (SoftmaxHead head : heads.values()) {
            int classes = head.labels().size();
            float[] weights = head.weights();
            int rows = weights.length / classes;
            int nonZero = 0;
            for (int r = 0; r < rows; r++) if (!zeroRow(weights, r, classes)) nonZero++;
            data.writeInt(nonZero);
            for (int r = 0; r < rows; r++) {
                if (zeroRow(weights, r, classes)) continue;
                data.writeInt(r);
                for (int k = 0; k < classes; k++) data.writeFloat(weights[r * classes + k]);
            }
            for (float b : head.bias()) data.writeFloat(b);
        }
        data.flush();
        long checksum = crc.getValue();
        DataOutputStream plain = new DataOutputStream(out);
        plain.writeLong(checksum);
        plain.flush();
    }

    private static boolean zeroRow(float[] weights, int row, int classes) {
        for (int k = 0; k < classes; k++) if (weights[row * classes + k] != 0f) return false;
        return true;
    }

    private ObjectNode header() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT_VERSION);
        if (encoderId != null) root.put("encoder", encoderId);
        root.put("encoderDimension", encoderDimension);
        ObjectNode featureNode = root.putObject("features");
        featureNode.put("sentenceVector", features.sentenceVector());
        featureNode.put("ngramMin", features.ngramMin());
        featureNode.put("ngramMax", features.ngramMax());
        featureNode.put("buckets", features.buckets());
        featureNode.put("ngramWeight", features.ngramWeight());
        root.put("taxonomy", TaxonomyJson.write(taxonomy));
        root.put("taxonomyFingerprint", taxonomy.fingerprint());
        root.put("trainedAt", trainedAt.toString());
        ArrayNode headNodes = root.putArray("heads");
        for (Map.Entry<ClassificationField, SoftmaxHead> entry : heads.entrySet()) {
            SoftmaxHead head = entry.getValue();
            ObjectNode node = headNodes.addObject();
            node.put("field", entry.getKey().name());
            ArrayNode labels = node.putArray("labels");
            head.labels().forEach(labels::add);
            node.put("temperature", head.temperature());
            HeadReport report = reports.get(entry.getKey());
            if (report != null) node.set("report", JSON.valueToTree(report));
        }
        return root;
    }

    /**
     * Reads a model file.
     *
     * @throws ModelFileException when the file is missing or unreadable ({@code IO}), not a model file, of a newer
     *         format, corrupt or truncated
     */
    public static EmbeddedModel load(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return readFrom(in);
        } catch (IOException e) {
            throw new ModelFileException(ModelFileException.Reason.IO, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** Reads a model from {@code in} (not closed); see {@link #load(Path)}. */
    public static EmbeddedModel readFrom(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        DataInputStream data = new DataInputStream(new CheckedInputStream(in, crc));
        try {
            byte[] magic = new byte[MAGIC.length];
            data.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) throw new ModelFileException(ModelFileException.Reason.NOT_A_MODEL_FILE, "not an embedded-classifier model file");
            int version = data.readInt();
            if (version != FORMAT_VERSION) {
                throw new ModelFileException(ModelFileException.Reason.UNSUPPORTED_VERSION, "model format " + version
                        + " is not supported (this library reads format " + FORMAT_VERSION + "); retrain or upgrade");
            }
            int headerLength = data.readInt();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) throw corrupt("header length " + headerLength);
            byte[] headerBytes = new byte[headerLength];
            data.readFully(headerBytes);
            JsonNode header = JSON.readTree(headerBytes);
            FeatureSettings features = new FeatureSettings(header.path("features").path("sentenceVector").asBoolean(),
                    header.path("features").path("ngramMin").asInt(), header.path("features").path("ngramMax").asInt(),
                    header.path("features").path("buckets").asInt(), (float) header.path("features").path("ngramWeight").asDouble());
            String encoderId = header.hasNonNull("encoder") ? header.get("encoder").asText() : null;
            int encoderDimension = header.path("encoderDimension").asInt();
            if (features.sentenceVector() != (encoderId != null) || encoderDimension < 0 || encoderDimension > 100_000) {
                throw corrupt("encoder settings");
            }
            Taxonomy taxonomy = TaxonomyJson.read(new StringReader(header.path("taxonomy").asText()));
            if (!taxonomy.fingerprint().equals(header.path("taxonomyFingerprint").asText())) {
                throw corrupt("the taxonomy does not match its recorded fingerprint");
            }
            int dense = features.sentenceVector() ? encoderDimension : 0;
            int featureCount = dense + features.buckets();
            Map<ClassificationField, SoftmaxHead> heads = new EnumMap<>(ClassificationField.class);
            Map<ClassificationField, HeadReport> reports = new EnumMap<>(ClassificationField.class);
            for (JsonNode node : header.path("heads")) {
                ClassificationField field = ClassificationField.valueOf(node.path("field").asText());
                List<String> labels = new ArrayList<>();
                for (JsonNode label : node.path("labels")) labels.add(label.asText());
                int classes = labels.size();
                if (classes < 1 || classes > MAX_LABELS) throw corrupt("head " + field + " has " + classes + " labels");
                float[] weights = new float[Math.multiplyExact(featureCount, classes)];
                int nonZero = data.readInt();
                if (nonZero < 0 || nonZero > featureCount) throw corrupt("head " + field + " row count " + nonZero);
                for (int i = 0; i < nonZero; i++) {
                    int row = data.readInt();
                    if (row < 0 || row >= featureCount) throw corrupt("head " + field + " row index " + row);
                    for (int k = 0; k < classes; k++) weights[row * classes + k] = data.readFloat();
                }
                float[] bias = new float[classes];
                for (int k = 0; k < classes; k++) bias[k] = data.readFloat();
                heads.put(field, new SoftmaxHead(labels, dense, features.buckets(), weights, bias, node.path("temperature").asDouble(1.0)));
                if (node.has("report")) reports.put(field, JSON.treeToValue(node.get("report"), HeadReport.class));
            }
            long expected = crc.getValue();
            long recorded = new DataInputStream(in).readLong();
            if (expected != recorded) throw corrupt("checksum mismatch");
            return new EmbeddedModel(encoderId, encoderDimension, features, taxonomy, heads, reports, Instant.parse(header.path("trainedAt").asText()));
        } catch (EOFException e) {
            throw new ModelFileException(ModelFileException.Reason.CORRUPT, "the file ends early (truncated)", e);
        } catch (ModelFileException e) {
            throw e;
        } catch (InvalidInputException | IllegalArgumentException | ArithmeticException | java.time.format.DateTimeParseException
                 | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ModelFileException(ModelFileException.Reason.CORRUPT, "unreadable header or weights (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static ModelFileException corrupt(String what) {
        return new ModelFileException(ModelFileException.Reason.CORRUPT, what);
    }

    /** The model's size on disk, without writing it anywhere. */
    public long fileBytes() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            writeTo(buffer);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return buffer.size();
    }

    @Override
    public String toString() {
        return "EmbeddedModel[encoder=" + encoderId + ", features=" + features + ", taxonomy=" + taxonomy.version()
                + ", heads=" + heads.keySet() + "]";
    }
}
