package dev.tickettriage.ntfy;

import static dev.tickettriage.rules.Actions.notifyTarget;
import static dev.tickettriage.rules.Conditions.classified;

import com.sun.net.httpserver.HttpServer;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Channel;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.Notification;
import dev.tickettriage.rules.RoutingRules;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load harness (not a test): dispatches notifications through {@link NtfyNotifier} to a local mock ntfy (a JDK
 * HttpServer that answers every publish after a fixed latency), and measures notifications/s against the limit set by
 * the concurrency (concurrency / latency) and the heap.
 *
 * <pre>
 * java -Xmx256m -cp ... dev.tickettriage.ntfy.NtfyDispatchHarness [notifications=10000] [concurrency=64] [latencyMs=50] [pipelineTickets=400]
 * </pre>
 *
 * Part 1 calls {@code deliver} from {@code concurrency} threads (what a concurrent dispatcher would do). Part 2 runs
 * the same notifier behind the real pipeline ({@code TicketTriage}, in-memory store, one outbox dispatcher), which
 * delivers one notification at a time.
 */
public final class NtfyDispatchHarness {

    private NtfyDispatchHarness() {
    }

    public static void main(String[] args) throws Exception {
        int notifications = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int latencyMs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int pipelineTickets = args.length > 3 ? Integer.parseInt(args[3]) : 400;

        // the JDK server writes headers and body separately: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        AtomicLong received = new AtomicLong();
        byte[] answer = Fixtures.read("publish-200.json").getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4_096);
        ExecutorService serverThreads = Executors.newFixedThreadPool(Math.max(256, concurrency * 2));
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            try {
                Thread.sleep(latencyMs);   // a harness, not a test: the mock's fixed latency
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        HeapSampler heap = HeapSampler.start();
        try (NtfyNotifier ntfy = NtfyNotifier.builder().serverUrl(url).topic("bench-topic").accessToken("tk_bench").build()) {
            System.out.printf(Locale.ROOT, "JDK %s, %d cores, max heap %d MB, mock latency %d ms%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, latencyMs);
            runConcurrent(ntfy, Math.min(2_000, notifications / 5), concurrency, received, latencyMs, "warm-up");
            heap.reset();
            runConcurrent(ntfy, notifications, concurrency, received, latencyMs, "measured");
            System.out.printf(Locale.ROOT, "  heap used: peak %d MB while sending, %d MB after GC%n", heap.peakMb(), heap.afterGcMb());
            if (pipelineTickets > 0) runPipeline(ntfy, pipelineTickets, received, latencyMs);
        } finally {
            heap.stop();
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }

    private static void runConcurrent(NtfyNotifier ntfy, int count, int concurrency, AtomicLong received, int latencyMs, String label)
            throws InterruptedException {
        long before = received.get();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            senders.execute(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    Notification notification = new Notification("ntfy", "Angry customer #" + i, "Charged twice, nobody answers (" + i + ")",
                            Priority.URGENT, List.of("billing", "negative"), URI.create("https://helpdesk.example.com/tickets/" + i),
                            TicketId.generate(Instant.now()), "bench-" + label + "-" + i);
                    DeliveryResult result = ntfy.deliver(notification);
                    if (!result.isDelivered()) failed.incrementAndGet();
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = count / seconds;
        double limit = concurrency * 1000.0 / latencyMs;
        System.out.printf(Locale.ROOT, "%s: %,d notifications, %d threads: %.2f s, %,.0f notifications/s = %.1f %% of the %,.0f/s limit"
                        + " (%d threads / %d ms); failed %d; server saw %,d%n", label, count, concurrency, seconds, rate,
                100 * rate / limit, limit, concurrency, latencyMs, failed.get(), received.get() - before);
    }

    private static void runPipeline(NtfyNotifier ntfy, int tickets, AtomicLong received, int latencyMs) throws InterruptedException {
        RoutingRules rules = RoutingRules.builder().rule("every-ticket").when(classified())
                .then(notifyTarget("ntfy", "Ticket {id}: {category}", "{summary}", Priority.HIGH)).build();
        long before = received.get();
        try (TicketTriage triage = TicketTriage.builder().rules(rules).notifier("ntfy", ntfy).build()) {
            for (int i = 0; i < tickets; i++) {
                triage.submit(NewTicket.builder().subject("Refund " + i).body("¡Me cobraron dos veces y nadie responde! " + i)
                        .customerEmail("ana" + i + "@example.com").channel(Channel.EMAIL).build());
            }
            long started = System.nanoTime();
            triage.start();
            while (received.get() - before < tickets && System.nanoTime() - started < TimeUnit.MINUTES.toNanos(10)) {
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = (received.get() - before) / seconds;
            double limit = 1000.0 / latencyMs;
            System.out.printf(Locale.ROOT, "pipeline (TicketTriage, in-memory store, default DeliveryConfig): %,d tickets -> %,d notifications"
                            + " in %.2f s = %.1f notifications/s = %.1f %% of the %.0f/s limit of one sequential dispatcher (1 / %d ms)%n",
                    tickets, received.get() - before, seconds, rate, 100 * rate / limit, limit, latencyMs);
        }
    }

    /** Samples heap usage every 20 ms. */
    private static final class HeapSampler implements Runnable {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private final Thread thread = new Thread(this, "heap-sampler");

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            sampler.thread.setDaemon(true);
            sampler.thread.start();
            return sampler;
        }

        @Override
        public void run() {
            while (running) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void reset() {
            System.gc();
            peak.set(memory.getHeapMemoryUsage().getUsed());
        }

        long peakMb() {
            return peak.get() >> 20;
        }

        long afterGcMb() {
            System.gc();
            return memory.getHeapMemoryUsage().getUsed() >> 20;
        }

        void stop() {
            running = false;
            thread.interrupt();
        }
    }
}
