package dev.tickettriage.openai;

import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.port.TicketEvent;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * Throughput harness (not a test): a fake OpenAI-compatible server on loopback answering every request after
 * {@code latencyMs}, an {@link OpenAiClassifier} at that URL with {@code maxInFlight} requests in flight, and
 * {@code tickets} submitted to a {@link TicketTriage} on default settings. Prints tickets/s against the ideal
 * maxInFlight x 1000 / latencyMs, the server's peak concurrent requests, and prompt characters per ticket.
 *
 * <p>Run (from the repo root, after {@code mvn -q -pl ticket-llm-openai -am test-compile}):
 * {@code java -cp ticket-llm-openai/target/test-classes:ticket-llm-openai/target/classes:<test classpath>
 * dev.tickettriage.openai.OpenAiThroughputHarness [latencyMs] [tickets] [maxInFlight]}
 */
public final class OpenAiThroughputHarness {

    private OpenAiThroughputHarness() {
    }

    public static void main(String[] args) throws Exception {
        int latencyMs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        int maxInFlight = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Taxonomy taxonomy = Taxonomy.defaultSupport();
        String body = OpenAiFixtures.completion(OpenAiFixtures.answer(taxonomy.categories().get(0).id()).toString());
        AtomicInteger current = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        LongAdder promptChars = new LongAdder();
        try (MockWebServer server = new MockWebServer()) {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                    int now = current.incrementAndGet();
                    peak.accumulateAndGet(now, Math::max);
                    promptChars.add(request.getBodySize());
                    try {
                        Thread.sleep(latencyMs);   // the fake endpoint's latency (harness only, never in tests)
                    } finally {
                        current.decrementAndGet();
                    }
                    return OpenAiFixtures.ok(body);
                }
            });
            server.start();
            CountDownLatch done = new CountDownLatch(tickets);
            try (OpenAiClassifier classifier = OpenAiClassifier.builder().baseUrl(server.url("/v1/").toString())
                    .limits(maxInFlight, 1).build();
                 TicketTriage triage = TicketTriage.builder().classifier(classifier).taxonomy(taxonomy)
                         .listener(event -> {
                             if (event instanceof TicketEvent.Classified) done.countDown();
                         }).build().start()) {
                long start = System.nanoTime();
                for (int i = 0; i < tickets; i++) {
                    triage.submit(NewTicket.builder().body("My card has not arrived yet (order " + i + "), can you check the delivery status please?").build());
                }
                if (!done.await(10, TimeUnit.MINUTES)) throw new IllegalStateException("not all tickets were classified");
                double seconds = (System.nanoTime() - start) / 1e9;
                double ideal = maxInFlight * 1000.0 / latencyMs;
                System.out.printf(Locale.ROOT, "%,d tickets in %.2f s = %,.0f tickets/s (%.1f %% of the ideal %,.0f/s); peak requests in flight %d; "
                                + "%,d requests; request body %,.0f chars/ticket (~%,.0f tokens at chars/4)%n",
                        tickets, seconds, tickets / seconds, 100 * tickets / seconds / ideal, ideal, peak.get(), server.getRequestCount(),
                        promptChars.sum() / (double) tickets, promptChars.sum() / 4.0 / tickets);
            }
        }
    }
}
