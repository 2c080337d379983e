package dev.tickettriage.classifier;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.port.Classifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** An LRU cache in front of a classifier; see {@link Classifiers#cached}. */
final class CachingClassifier implements Classifier {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Classifier delegate;
    private final Map<String, Classification> cache;

    CachingClassifier(Classifier delegate, int maxEntries) {
        this.delegate = delegate;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Classification> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public Classification classify(Ticket ticket, Taxonomy taxonomy) {
        String key = key(ticket.text(), taxonomy.version());
        synchronized (cache) {
            Classification hit = cache.get(key);
            if (hit != null) return hit;
        }
        // classify outside the lock: a slow model call must not block other tickets
        Classification result = delegate.classify(ticket, taxonomy);
        synchronized (cache) {
            cache.put(key, result);
        }
        return result;
    }

    /** The number of cached results. */
    int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    static String key(String text, String taxonomyVersion) {
        String normalised = WHITESPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT))
                .replaceAll(" ").strip();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(normalised.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(taxonomyVersion.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }

    @Override
    public Set<ClassificationField> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public String name() {
        return delegate.name();
    }
}
