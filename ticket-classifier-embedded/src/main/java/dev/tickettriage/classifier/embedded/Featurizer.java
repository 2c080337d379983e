package dev.tickettriage.classifier.embedded;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Computes {@link FeatureRow}s for texts: the encoder's vector (when used) and the n-gram buckets (when used). Thread-safe. */
final class Featurizer {

    private final FeatureSettings settings;
    private final @Nullable TextEncoder encoder;
    private final @Nullable CharNgrams ngrams;

    Featurizer(FeatureSettings settings, @Nullable TextEncoder encoder) {
        this.settings = settings;
        if (settings.sentenceVector() && encoder == null) throw new IllegalArgumentException("these features need an encoder");
        this.encoder = settings.sentenceVector() ? encoder : null;
        this.ngrams = settings.usesNgrams() ? new CharNgrams(settings.ngramMin(), settings.ngramMax(), settings.buckets()) : null;
    }

    int denseDimension() {
        return encoder == null ? 0 : encoder.dimension();
    }

    int sparseDimension() {
        return settings.buckets();
    }

    FeatureRow row(String text) {
        return rows(List.of(text), 1).get(0);
    }

    List<FeatureRow> rows(List<String> texts, int threads) {
        List<float[]> vectors = encoder == null ? null : encodeAll(texts, threads);
        List<FeatureRow> rows = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] dense = vectors == null ? new float[0] : vectors.get(i);
            if (ngrams == null) {
                rows.add(new FeatureRow(dense, new int[0], new float[0]));
            } else {
                FeatureRow sparse = ngrams.features(texts.get(i));
                float[] values = sparse.values();
                if (settings.ngramWeight() != 1f) for (int k = 0; k < values.length; k++) values[k] *= settings.ngramWeight();
                rows.add(new FeatureRow(dense, sparse.indices(), values));
            }
        }
        return rows;
    }

    private List<float[]> encodeAll(List<String> texts, int threads) {
        if (threads <= 1 || texts.size() < 64) return encoder.encode(texts);
        int size = (texts.size() + threads - 1) / threads;
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "embedded-encoding");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<List<float[]>>> parts = new ArrayList<>();
            for (int from = 0; from < texts.size(); from += size) {
                List<String> part = texts.subList(from, Math.min(texts.size(), from + size));
                parts.add(executor.submit(() -> encoder.encode(part)));
            }
            List<float[]> out = new ArrayList<>(texts.size());
            for (Future<List<float[]>> part : parts) out.addAll(part.get());
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncoderException("encoding interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new EncoderException("encoding failed", e.getCause());
        } finally {
            executor.shutdownNow();
        }
    }
}
