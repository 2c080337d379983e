package dev.tickettriage.benchmarks;

import dev.tickettriage.pipeline.IntakeConfig;
import dev.tickettriage.pipeline.WorkerConfig;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.memory.InMemoryTicketRepository;
import dev.tickettriage.port.TicketEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load harness: a burst of N tickets (default 1,000,000) submitted as fast as 8 threads can, through the
 * in-memory pipeline with a bounded backlog and a repository that retains 100,000 tickets. Prints throughput,
 * how often submitters had to wait, and the heap after each 100,000 tickets, to show the heap stays bounded.
 *
 * <p>Run: {@code java -Xmx512m -cp ... dev.tickettriage.benchmarks.BurstHarness [tickets]} (see BENCHMARKS.md).
 */
public final class BurstHarness {

    private BurstHarness() {
    }

    public static void main(String[] args) throws InterruptedException {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int submitters = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int retain = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        AtomicLong finished = new AtomicLong();
        BenchmarkFixtures.CountingNotifier notifier = new BenchmarkFixtures.CountingNotifier();
        InMemoryTicketRepository repository = InMemoryTicketRepository.builder().retainAtMost(retain).build();
        try (TicketTriage triage = TicketTriage.builder().repository(repository)
                .classifier(new BenchmarkFixtures.NoOpClassifier(Taxonomy.defaultSupport())).defaultNotifier(notifier)
                .listener(event -> {
                    if (event instanceof TicketEvent.Classified) finished.incrementAndGet();
                })
                .workers(WorkerConfig.ofDefaults().withWorkers(2).withLimits(0, 256).withPollInterval(Duration.ofMillis(5)))
                .intake(IntakeConfig.ofDefaults().withBacklog(20_000, Duration.ofMinutes(5))).build().start()) {
            NewTicket calm = NewTicket.builder().body("My card has not arrived yet, can you check the delivery status please?").build();
            NewTicket angry = NewTicket.builder().body("I am angry, you charged me twice and nobody answers!").build();
            long start = System.nanoTime();
            long peakHeap = 0;
            Thread[] threads = new Thread[submitters];
            for (int t = 0; t < submitters; t++) {
                int offset = t;
                threads[t] = new Thread(() -> {
                    for (int i = offset; i < tickets; i += submitters) triage.submit(i % 10 == 0 ? angry : calm);
                });
                threads[t].start();
            }
            long nextReport = 100_000;
            while (finished.get() < tickets) {
                if (finished.get() >= nextReport) {
                    long heap = usedHeapMb();
                    peakHeap = Math.max(peakHeap, heap);
                    System.out.printf(Locale.ROOT, "%,9d processed  heap used %,5d MB  stored %,7d%n", finished.get(), heap, repository.size());
                    nextReport += 100_000;
                }
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            for (Thread thread : threads) thread.join();
            triage.awaitIdle(Duration.ofMinutes(1));
            System.out.printf(Locale.ROOT, "%,d tickets in %.2f s = %,.0f tickets/s end to end; %,d notifications; peak heap seen %,d MB (max %,d MB)%n",
                    tickets, seconds, tickets / seconds, notifier.delivered.get(), peakHeap,
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
        }
    }

    private static long usedHeapMb() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) used += pool.getUsage().getUsed();
        }
        return used / (1024 * 1024);
    }
}
