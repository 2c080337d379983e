package dev.tickettriage.benchmarks;

import dev.tickettriage.classifier.embedded.TextEncoder;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A harness-only {@link TextEncoder} that remembers the vectors of another encoder (and can keep them in a file), so
 * several head settings can be compared without encoding the same texts again. Never used to time classification.
 */
final class CachedEncoder implements TextEncoder {

    private final TextEncoder delegate;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    CachedEncoder(TextEncoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public List<float[]> encode(List<String> texts) {
        List<String> missing = new ArrayList<>();
        for (String text : texts) if (!vectors.containsKey(text) && !missing.contains(text)) missing.add(text);
        if (!missing.isEmpty()) {
            List<float[]> computed = delegate.encode(missing);
            for (int i = 0; i < missing.size(); i++) vectors.put(missing.get(i), computed.get(i));
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String text : texts) out.add(vectors.get(text));
        return out;
    }

    int size() {
        return vectors.size();
    }

    void load(Path file) {
        if (!Files.exists(file)) return;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int count = in.readInt();
            int dimension = in.readInt();
            if (dimension != dimension()) return;
            for (int i = 0; i < count; i++) {
                String text = in.readUTF();
                float[] vector = new float[dimension];
                for (int d = 0; d < dimension; d++) vector[d] = in.readFloat();
                vectors.put(text, vector);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void save(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
                out.writeInt(vectors.size());
                out.writeInt(dimension());
                for (Map.Entry<String, float[]> entry : vectors.entrySet()) {
                    out.writeUTF(entry.getKey());
                    for (float value : entry.getValue()) out.writeFloat(value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
