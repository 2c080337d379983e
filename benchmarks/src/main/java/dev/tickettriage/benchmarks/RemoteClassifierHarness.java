package dev.tickettriage.benchmarks;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.IdempotencyKey;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.port.AuditEntry;
import dev.tickettriage.port.ClassificationResult;
import dev.tickettriage.port.Classifier;
import dev.tickettriage.port.ClassifierLimits;
import dev.tickettriage.port.NotificationOutbox;
import dev.tickettriage.port.Page;
import dev.tickettriage.port.TicketChange;
import dev.tickettriage.port.TicketEvent;
import dev.tickettriage.port.TicketQuery;
import dev.tickettriage.port.TicketRepository;
import dev.tickettriage.port.TicketStats;
import dev.tickettriage.pipeline.WorkerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Load harness for issue 5's remote-classifier targets: a fake remote classifier whose every call takes a fixed
 * latency and that declares 64 calls in flight, N tickets submitted at once, the pipeline on its <b>default</b>
 * settings ({@link WorkerConfig#ofDefaults()}: 2 claim threads, limits from the classifier). Prints tickets/s, the
 * peak number of calls in flight the classifier saw, the claim threads, and repository calls per second by method
 * (the repository is wrapped in a counting decorator).
 *
 * <p>Modes: {@code blocking} (implements only {@code classify}, which sleeps: the default async fan-out runs it on
 * the pipeline's executor), {@code async} (overrides {@code classifyAllAsync} and completes from a timer, like an
 * OkHttp {@code enqueue}: no pipeline thread waits), {@code batch} (8 tickets per call, one sleep per call).
 *
 * <p>Run: {@code java -cp ... dev.tickettriage.benchmarks.RemoteClassifierHarness [latencyMs] [tickets] [mode]}
 * (see BENCHMARKS.md).
 */
public final class RemoteClassifierHarness {

    static final int IN_FLIGHT = 64;
    static final int BATCH = 8;

    private RemoteClassifierHarness() {
    }

    public static void main(String[] args) throws InterruptedException {
        long latencyMs = args.length > 0 ? Long.parseLong(args[0]) : 200;
        int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        String mode = args.length > 2 ? args[2] : "blocking";
        Taxonomy taxonomy = Taxonomy.defaultSupport();
        FakeRemoteClassifier classifier = new FakeRemoteClassifier(taxonomy, Duration.ofMillis(latencyMs), mode);
        CountingRepository repository = new CountingRepository(InMemoryTicketRepository.create());
        CountDownLatch done = new CountDownLatch(tickets);
        WorkerConfig workers = WorkerConfig.ofDefaults();
        try (TicketTriage triage = TicketTriage.builder().repository(repository).classifier(classifier)
                .defaultNotifier(new BenchmarkFixtures.CountingNotifier())
                .listener(event -> {
                    if (event instanceof TicketEvent.Classified) done.countDown();
                })
                .workers(workers).build().start()) {
            NewTicket ticket = NewTicket.builder().body("My card has not arrived yet, can you check the delivery status please?").build();
            long start = System.nanoTime();
            repository.reset();
            for (int i = 0; i < tickets; i++) triage.submit(ticket);
            done.await();
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Long> counts = repository.counts();
            double ideal = IN_FLIGHT * (mode.equals("batch") ? BATCH : 1) * 1000.0 / latencyMs;
            System.out.printf(Locale.ROOT, "mode %s, latency %d ms, %,d tickets in %.2f s = %,.0f tickets/s (%.1f %% of the ideal %,.0f/s); "
                            + "peak calls in flight %d (declared %d); %d claim threads; %,d classifier calls%n",
                    mode, latencyMs, tickets, seconds, tickets / seconds, 100 * tickets / seconds / ideal, ideal,
                    classifier.peak.get(), IN_FLIGHT, workers.workers(), classifier.calls.sum());
            long total = 0;
            StringBuilder perMethod = new StringBuilder();
            for (Map.Entry<String, Long> entry : counts.entrySet()) {
                total += entry.getValue();
                perMethod.append(String.format(Locale.ROOT, " %s %,.0f/s", entry.getKey(), entry.getValue() / seconds));
            }
            System.out.printf(Locale.ROOT, "repository calls: %,.0f/s (%,d in all):%s%n", total / seconds, total, perMethod);
        } finally {
            classifier.close();
        }
    }

    /** Answers after a fixed latency; counts calls in flight and their peak. */
    static final class FakeRemoteClassifier implements Classifier {
        private final Classification answer;
        private final Duration latency;
        private final String mode;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fake-remote-timer");
            thread.setDaemon(true);
            return thread;
        });
        final AtomicInteger current = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final LongAdder calls = new LongAdder();

        FakeRemoteClassifier(Taxonomy taxonomy, Duration latency, String mode) {
            this.answer = Classification.builder().category(taxonomy.categories().get(0)).sentimentFromScore(0).priority(Priority.MEDIUM)
                    .provenance(Provenance.of("fake-remote", taxonomy.version(), latency)).build();
            this.latency = latency;
            this.mode = mode;
        }

        @Override
        public ClassifierLimits limits() {
            return ClassifierLimits.remote(IN_FLIGHT, mode.equals("batch") ? BATCH : 1);
        }

        @Override
        public Classification classify(Ticket ticket, Taxonomy taxonomy) {
            enter();
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                current.decrementAndGet();
            }
            return answer;
        }

        @Override
        public List<ClassificationResult> classifyAll(List<Ticket> tickets, Taxonomy taxonomy) {
            if (!mode.equals("batch")) return Classifier.super.classifyAll(tickets, taxonomy);
            enter();
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                current.decrementAndGet();
            }
            List<ClassificationResult> results = new ArrayList<>(tickets.size());
            for (Ticket ticket : tickets) results.add(ClassificationResult.success(ticket.id(), answer));
            return results;
        }

        @Override
        public CompletionStage<List<ClassificationResult>> classifyAllAsync(List<Ticket> tickets, Taxonomy taxonomy, Executor executor) {
            if (!mode.equals("async")) return Classifier.super.classifyAllAsync(tickets, taxonomy, executor);
            enter();
            CompletableFuture<List<ClassificationResult>> future = new CompletableFuture<>();
            timer.schedule(() -> {
                current.decrementAndGet();
                List<ClassificationResult> results = new ArrayList<>(tickets.size());
                for (Ticket ticket : tickets) results.add(ClassificationResult.success(ticket.id(), answer));
                future.complete(results);
            }, latency.toMillis(), TimeUnit.MILLISECONDS);
            return future;
        }

        private void enter() {
            calls.increment();
            int now = current.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
        }

        @Override
        public Set<ClassificationField> capabilities() {
            return Set.of(ClassificationField.CATEGORY, ClassificationField.SENTIMENT, ClassificationField.PRIORITY);
        }

        @Override
        public String name() {
            return "fake-remote";
        }

        void close() {
            timer.shutdownNow();
        }
    }

    /** Counts every repository call by method name. */
    static final class CountingRepository implements TicketRepository {
        private final TicketRepository delegate;
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

        CountingRepository(TicketRepository delegate) {
            this.delegate = delegate;
        }

        private void count(String method) {
            counts.computeIfAbsent(method, key -> new LongAdder()).increment();
        }

        void reset() {
            counts.clear();
        }

        Map<String, Long> counts() {
            Map<String, Long> snapshot = new TreeMap<>();
            counts.forEach((method, adder) -> snapshot.put(method, adder.sum()));
            return snapshot;
        }

        @Override
        public InsertResult insert(Ticket ticket, @Nullable IdempotencyKey key) {
            count("insert");
            return delegate.insert(ticket, key);
        }

        @Override
        public Optional<Ticket> findById(TicketId id) {
            count("findById");
            return delegate.findById(id);
        }

        @Override
        public Ticket update(TicketChange change) {
            count("update");
            return delegate.update(change);
        }

        @Override
        public Page<Ticket> query(TicketQuery query) {
            count("query");
            return delegate.query(query);
        }

        @Override
        public TicketStats stats(TicketQuery query) {
            count("stats");
            return delegate.stats(query);
        }

        @Override
        public List<AuditEntry> auditTrail(TicketId id) {
            count("auditTrail");
            return delegate.auditTrail(id);
        }

        @Override
        public List<Ticket> claim(String owner, int limit, Duration leaseDuration) {
            count("claim");
            return delegate.claim(owner, limit, leaseDuration);
        }

        @Override
        public boolean extendLease(TicketId id, String owner, Duration leaseDuration) {
            count("extendLease");
            return delegate.extendLease(id, owner, leaseDuration);
        }

        @Override
        public boolean release(TicketId id, String owner) {
            count("release");
            return delegate.release(id, owner);
        }

        @Override
        public NotificationOutbox outbox() {
            return delegate.outbox();
        }
    }
}
