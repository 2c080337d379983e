package dev.tickettriage.classifier;

import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An LRU cache in front of a classifier; see {@link Classifiers#cached}. A batch is looked up first; only the
 * misses go to the delegate, as one batch (tickets with the same text as one ticket), and the answers are merged
 * back by ticket id. Hits carry {@link dev.tickettriage.domain.Provenance#isCacheHit()} provenance.
 */
final class CachingClassifier implements Classifier {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Classifier delegate;
    private final LongSupplier nanoTime;
    private final Map<String, Classification> cache;

    CachingClassifier(Classifier delegate, int maxEntries) {
        this(delegate, maxEntries, System::nanoTime);
    }

    /** @param nanoTime a monotonic nanosecond ticker for the lookup latency (tests pass a fake) */
    CachingClassifier(Classifier delegate, int maxEntries, LongSupplier nanoTime) {
        this.delegate = delegate;
        this.nanoTime = nanoTime;
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
        long start = nanoTime.getAsLong();
        String key = key(ticket.text(), taxonomy.fingerprint());
        Classification hit = lookup(key);
        if (hit != null) return asHit(hit, start);
        // classify outside the lock: a slow model call must not block other tickets
        Classification result = delegate.classify(ticket, taxonomy);
        store(key, result);
        return result;
    }

    @Override
    public List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
        Lookup lookup = lookupAll(tickets, taxonomy);
        if (lookup.toAsk.isEmpty()) return Batches.inOrder(tickets, lookup.results);
        return lookup.merge(tickets, Batches.classify(delegate, lookup.toAsk, taxonomy));
    }

    @Override
    public CompletionStage<List<ClassificationResult>> classifyAllAsync(List<Ticket> tickets, Taxonomy taxonomy, Executor executor) {
        Lookup lookup = lookupAll(tickets, taxonomy);
        if (lookup.toAsk.isEmpty()) return CompletableFuture.completedFuture(Batches.inOrder(tickets, lookup.results));
        return Batches.classifyAsync(delegate, lookup.toAsk, taxonomy, executor).thenApply(answers -> lookup.merge(tickets, answers));
    }

    private Lookup lookupAll(List<Ticket> tickets, Taxonomy taxonomy) {
        Lookup lookup = new Lookup();
        for (Ticket ticket : tickets) {
            long start = nanoTime.getAsLong();
            String key = key(ticket.text(), taxonomy.fingerprint());
            Classification hit = lookup(key);
            if (hit != null) {
                lookup.results.put(ticket.id(), ClassificationResult.success(ticket.id(), asHit(hit, start)));
                continue;
            }
            lookup.keys.put(ticket.id(), key);
            Ticket first = lookup.firstWithKey.putIfAbsent(key, ticket);
            if (first == null) lookup.toAsk.add(ticket);   // a repeated text in the same batch is asked once
        }
        return lookup;
    }

    /** What a batch found in the cache, and which tickets must go to the delegate. */
    private final class Lookup {
        final Map<TicketId, ClassificationResult> results = new LinkedHashMap<>();
        final Map<TicketId, String> keys = new LinkedHashMap<>();
        final Map<String, Ticket> firstWithKey = new LinkedHashMap<>();
        final List<Ticket> toAsk = new ArrayList<>();

        List<ClassificationResult> merge(List<Ticket> tickets, Map<TicketId, ClassificationResult> answers) {
            Map<String, ClassificationResult> byKey = new LinkedHashMap<>();
            for (Ticket asked : toAsk) {
                ClassificationResult answer = answers.get(asked.id());
                if (answer == null) continue;   // Batches fills every id; defensive
                String key = keys.get(asked.id());
                byKey.put(key, answer);
                answer.value().ifPresent(classification -> store(key, classification));
                results.put(asked.id(), answer);
            }
            for (Map.Entry<TicketId, String> pending : keys.entrySet()) {
                if (results.containsKey(pending.getKey())) continue;
                ClassificationResult answer = byKey.get(pending.getValue());
                if (answer == null) continue;
                long start = nanoTime.getAsLong();
                results.put(pending.getKey(), answer.value()
                        .map(classification -> ClassificationResult.success(pending.getKey(), asHit(classification, start)))
                        .orElseGet(() -> ClassificationResult.failure(pending.getKey(), answer.error().orElseThrow())));
            }
            return Batches.inOrder(tickets, results);
        }
    }

    private @Nullable Classification lookup(String key) {
        synchronized (cache) {
            return cache.get(key);
        }
    }

    private void store(String key, Classification classification) {
        synchronized (cache) {
            cache.put(key, classification);
        }
    }

    private Classification asHit(Classification hit, long startNanos) {
        Duration lookup = Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - startNanos));
        return hit.toBuilder().provenance(hit.provenance().asCacheHit(lookup)).build();
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

    /** The delegate's: the cache only ever saves calls. */
    @Override
    public ClassifierLimits limits() {
        return delegate.limits();
    }
}
