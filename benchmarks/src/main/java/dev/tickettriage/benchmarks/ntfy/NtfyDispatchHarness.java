package dev.tickettriage.benchmarks.ntfy;

import static dev.tickettriage.rules.Actions.notifyTarget;
import static dev.tickettriage.rules.Conditions.classified;

import com.sun.net.httpserver.HttpServer;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.Channel;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.ntfy.NtfyNotifier;
import dev.tickettriage.pipeline.DeliveryConfig;
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
 * Load harness (not a test): dispatches notifications to a local mock ntfy (a JDK HttpServer on 127.0.0.1 that answers
 * every publish after a fixed latency) and measures notifications/s against the limit set by the concurrency
 * (concurrency / latency), and the heap.
 *
 * <pre>
 * java -Xmx256m -cp ... dev.tickettriage.benchmarks.ntfy.NtfyDispatchHarness [notifications=10000] [concurrency=16] [latencyMs=50] [mode=both]
 * </pre>
 *
 * {@code mode}: {@code direct} calls {@link NtfyNotifier#deliver} from {@code concurrency} threads (the notifier's own
 * ceiling); {@code pipeline} runs the notifications through {@code TicketTriage} (in-memory store: submit, classify,
 * route, outbox, the outbox dispatcher with {@code DeliveryConfig.withConcurrency(concurrency)}, ntfy); {@code both}
 * runs the two. Each part first sends a warm-up of a fifth of the count (at most 2,000).
 */
public final class NtfyDispatchHarness {

    private static final byte[] ANSWER = ("{\"id\":\"hwQ2YpKdmg\",\"time\":1635528741,\"expires\":1635571941,\"event\":\"message\","
            + "\"topic\":\"bench-topic\",\"title\":\"Ticket\",\"message\":\"Charged twice\",\"priority\":4,\"sequence_id\":\"bench\"}\n")
            .getBytes(StandardCharsets.UTF_8);

    private NtfyDispatchHarness() {
    }

    public static void main(String[] args) throws Exception {
        int notifications = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : DeliveryConfig.DEFAULT_CONCURRENCY;
        int latencyMs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        String mode = args.length > 3 ? args[3] : "both";

        // the JDK server writes headers and body separately: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        AtomicLong received = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4_096);
        ExecutorService serverThreads = Executors.newFixedThreadPool(Math.max(256, concurrency * 2));
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            try {
                Thread.sleep(latencyMs);   // the mock's fixed latency
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ANSWER.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ANSWER);
            }
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        HeapSampler heap = HeapSampler.start();
        int warmUp = Math.min(2_000, notifications / 5);
        try (NtfyNotifier ntfy = NtfyNotifier.builder().serverUrl(url).topic("bench-topic").accessToken("tk_bench").build()) {
            System.out.printf(Locale.ROOT, "JDK %s, %d cores, max heap %d MB, mock latency %d ms, concurrency %d%n",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                    latencyMs, concurrency);
            if (!"pipeline".equals(mode)) {
                runDirect(ntfy, warmUp, concurrency, received, latencyMs, "direct warm-up");
                heap.reset();
                runDirect(ntfy, notifications, concurrency, received, latencyMs, "direct");
                System.out.printf(Locale.ROOT, "  heap used: peak %d MB while sending, %d MB after GC%n", heap.peakMb(), heap.afterGcMb());
            }
            if (!"direct".equals(mode)) {
                runPipeline(ntfy, warmUp, concurrency, received, latencyMs, "pipeline warm-up");
                heap.reset();
                runPipeline(ntfy, notifications, concurrency, received, latencyMs, "pipeline");
                System.out.printf(Locale.ROOT, "  heap used: peak %d MB while dispatching, %d MB after GC%n", heap.peakMb(), heap.afterGcMb());
            }
        } finally {
            heap.stop();
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }

    private static void runDirect(NtfyNotifier ntfy, int count, int concurrency, AtomicLong received, int latencyMs, String label)
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
                            TicketId.generate(Instant.now()), "bench-" + label.replace(' ', '-') + "-" + i);
                    DeliveryResult result = ntfy.deliver(notification);
                    if (!result.isDelivered()) failed.incrementAndGet();
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(1, TimeUnit.HOURS);
        report(label, count, received.get() - before, System.nanoTime() - started, concurrency, latencyMs, "failed " + failed.get());
    }

    /** Submits {@code count} tickets (each routed to ntfy by a rule), then starts the pipeline and waits for every publish. */
    private static void runPipeline(NtfyNotifier ntfy, int count, int concurrency, AtomicLong received, int latencyMs, String label)
            throws InterruptedException {
        RoutingRules rules = RoutingRules.builder().rule("every-ticket").when(classified())
                .then(notifyTarget("ntfy", "Ticket {id}: {category}", "{summary}", Priority.HIGH)).build();
        DeliveryConfig delivery = DeliveryConfig.ofDefaults().withConcurrency(concurrency).withBatchSize(Math.max(64, concurrency));
        long before = received.get();
        try (TicketTriage triage = TicketTriage.builder().rules(rules).notifier("ntfy", ntfy).delivery(delivery).build()) {
            for (int i = 0; i < count; i++) {
                triage.submit(NewTicket.builder().subject("Refund " + i).body("¡Me cobraron dos veces y nadie responde! " + i)
                        .customerEmail("ana" + i + "@example.com").channel(Channel.EMAIL).build());
            }
            long started = System.nanoTime();
            triage.start();
            long deadline = started + TimeUnit.MINUTES.toNanos(15);
            while (received.get() - before < count && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long elapsed = System.nanoTime() - started;
            report(label, count, received.get() - before, elapsed, concurrency, latencyMs,
                    "dead letters " + triage.deadLetters(100).size());
        }
    }

    private static void report(String label, int count, long seen, long nanos, int concurrency, int latencyMs, String extra) {
        double seconds = nanos / 1e9;
        double rate = seen / seconds;
        double limit = concurrency * 1000.0 / latencyMs;
        System.out.printf(Locale.ROOT, "%s: %,d notifications (server saw %,d) in %.2f s = %,.0f/s = %.1f %% of the %,.0f/s limit"
                + " (%d in flight / %d ms); %s%n", label, count, seen, seconds, rate, 100 * rate / limit, limit, concurrency, latencyMs, extra);
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
