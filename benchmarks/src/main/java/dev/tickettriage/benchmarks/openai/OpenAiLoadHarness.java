package dev.tickettriage.benchmarks.openai;

import com.sun.management.OperatingSystemMXBean;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import dev.tickettriage.TicketTriage;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.openai.OpenAiClassifier;
import dev.tickettriage.port.TicketEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load harness for issue 7 (not a test): the same tickets (BANKING77 test texts, 77-label taxonomy) against a
 * {@link FakeOpenAiServer} on loopback through
 *
 * <ul>
 *   <li>{@code ours}: {@link OpenAiClassifier} in a {@link TicketTriage} on default settings apart from the base URL
 *       and the in-flight limit (plus {@code --rpm} as the classifier's requests/min limit when given);</li>
 *   <li>{@code langchain4j}: LangChain4j 1.19 {@code AiServices} over {@code OpenAiChatModel} returning an enum,
 *       called from a pool of {@code maxInFlight} threads, as a Java team would write it;</li>
 *   <li>{@code sequential}: a naive loop calling {@link OpenAiClassifier#classify} one ticket after another.</li>
 * </ul>
 *
 * <p>Usage: {@code OpenAiLoadHarness MODES LATENCY_MS TICKETS MAX_IN_FLIGHT [--rpm R] [--errors P] [--malformed P]
 * [--batch N] [--sequential-tickets N]} with MODES a comma list of the three. Prints tickets/s against the ideal
 * {@code maxInFlight x 1000 / latency} (or R/60 with {@code --rpm}), failed tickets, the server's view (requests,
 * statuses, peak in flight, prompt characters per ticket), peak heap and process CPU time.
 */
public final class OpenAiLoadHarness {

    /** The enum a LangChain4j user writes for the 77 BANKING77 intents (constant = label upper-cased). */
    public enum Banking77Intent {
        CARD_ARRIVAL, CARD_LINKING, EXCHANGE_RATE, CARD_PAYMENT_WRONG_EXCHANGE_RATE, EXTRA_CHARGE_ON_STATEMENT,
        PENDING_CASH_WITHDRAWAL, FIAT_CURRENCY_SUPPORT, CARD_DELIVERY_ESTIMATE, AUTOMATIC_TOP_UP, CARD_NOT_WORKING,
        EXCHANGE_VIA_APP, LOST_OR_STOLEN_CARD, AGE_LIMIT, PIN_BLOCKED, CONTACTLESS_NOT_WORKING, TOP_UP_BY_BANK_TRANSFER_CHARGE,
        PENDING_TOP_UP, CANCEL_TRANSFER, TOP_UP_LIMITS, WRONG_AMOUNT_OF_CASH_RECEIVED, CARD_PAYMENT_FEE_CHARGED,
        TRANSFER_NOT_RECEIVED_BY_RECIPIENT, SUPPORTED_CARDS_AND_CURRENCIES, GETTING_VIRTUAL_CARD, CARD_ACCEPTANCE,
        TOP_UP_REVERTED, BALANCE_NOT_UPDATED_AFTER_CHEQUE_OR_CASH_DEPOSIT, CARD_PAYMENT_NOT_RECOGNISED, EDIT_PERSONAL_DETAILS,
        WHY_VERIFY_IDENTITY, UNABLE_TO_VERIFY_IDENTITY, GET_PHYSICAL_CARD, VISA_OR_MASTERCARD, TOPPING_UP_BY_CARD,
        DISPOSABLE_CARD_LIMITS, COMPROMISED_CARD, ATM_SUPPORT, DIRECT_DEBIT_PAYMENT_NOT_RECOGNISED, PASSCODE_FORGOTTEN,
        DECLINED_CASH_WITHDRAWAL, PENDING_CARD_PAYMENT, LOST_OR_STOLEN_PHONE, REQUEST_REFUND, DECLINED_TRANSFER,
        REFUND_NOT_SHOWING_UP, DECLINED_CARD_PAYMENT, PENDING_TRANSFER, TERMINATE_ACCOUNT, CARD_SWALLOWED,
        TRANSACTION_CHARGED_TWICE, VERIFY_SOURCE_OF_FUNDS, TRANSFER_TIMING, REVERTED_CARD_PAYMENT, CHANGE_PIN,
        BENEFICIARY_NOT_ALLOWED, TRANSFER_FEE_CHARGED, RECEIVING_MONEY, FAILED_TRANSFER, TRANSFER_INTO_ACCOUNT,
        VERIFY_TOP_UP, GETTING_SPARE_CARD, TOP_UP_BY_CASH_OR_CHEQUE, ORDER_PHYSICAL_CARD, VIRTUAL_CARD_NOT_WORKING,
        WRONG_EXCHANGE_RATE_FOR_CASH_WITHDRAWAL, GET_DISPOSABLE_VIRTUAL_CARD, TOP_UP_FAILED, BALANCE_NOT_UPDATED_AFTER_BANK_TRANSFER,
        CASH_WITHDRAWAL_NOT_RECOGNISED, EXCHANGE_CHARGE, TOP_UP_BY_CARD_CHARGE, ACTIVATE_MY_CARD, CASH_WITHDRAWAL_CHARGE,
        CARD_ABOUT_TO_EXPIRE, APPLE_PAY_OR_GOOGLE_PAY, VERIFY_MY_IDENTITY, COUNTRY_SUPPORT
    }

    /** The AiServices interface a LangChain4j user writes. */
    interface IntentClassifier {
        @dev.langchain4j.service.SystemMessage("You classify banking customer support messages into one intent.")
        Banking77Intent classify(@dev.langchain4j.service.UserMessage String message);
    }

    private record Options(List<String> modes, int latencyMs, int tickets, int maxInFlight, int rpm, double errors, double malformed,
                           int batch, int sequentialTickets) {
    }

    private OpenAiLoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Banking77 data = Banking77.load();
        System.out.printf(Locale.ROOT, "# %s; JDK %s; %d cores; max heap %d MB%n", Instant.now(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        for (String mode : options.modes()) {
            FakeOpenAiServer.Settings settings = FakeOpenAiServer.Settings.latency(options.latencyMs(), data.labels())
                    .withFaults(options.errors(), options.malformed()).withRequestsPerMinute(options.rpm());
            try (FakeOpenAiServer server = FakeOpenAiServer.start(settings); Probe probe = new Probe(server)) {
                Result result;
                switch (mode) {
                    case "ours": result = ours(options, data, server); break;
                    case "langchain4j": result = langchain4j(options, data, server); break;
                    case "sequential": result = sequential(options, data, server); break;
                    default: throw new IllegalArgumentException("unknown mode " + mode + " (ours, langchain4j, sequential)");
                }
                print(mode, options, result, server, probe);
            }
            System.gc();
        }
    }

    private static Options parse(String[] args) {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: MODES LATENCY_MS TICKETS MAX_IN_FLIGHT [--rpm R] [--errors P] [--malformed P] [--batch N] [--sequential-tickets N]");
        }
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 4; i + 1 < args.length; i += 2) flags.put(args[i], args[i + 1]);
        int tickets = Integer.parseInt(args[2]);
        return new Options(List.of(args[0].split(",")), Integer.parseInt(args[1]), tickets, Integer.parseInt(args[3]),
                Integer.parseInt(flags.getOrDefault("--rpm", "0")), Double.parseDouble(flags.getOrDefault("--errors", "0")),
                Double.parseDouble(flags.getOrDefault("--malformed", "0")), Integer.parseInt(flags.getOrDefault("--batch", "1")),
                Integer.parseInt(flags.getOrDefault("--sequential-tickets", Integer.toString(tickets))));
    }

    private record Result(int tickets, int failed, double seconds) {
    }

    private static OpenAiClassifier.Builder classifier(Options options, FakeOpenAiServer server) {
        OpenAiClassifier.Builder builder = OpenAiClassifier.builder().baseUrl(server.baseUrl()).limits(options.maxInFlight(), options.batch());
        if (options.rpm() > 0) builder.requestsPerMinute(options.rpm());
        return builder;
    }

    private static Result ours(Options options, Banking77 data, FakeOpenAiServer server) throws InterruptedException {
        Taxonomy taxonomy = data.taxonomy();
        CountDownLatch done = new CountDownLatch(options.tickets());
        AtomicInteger failed = new AtomicInteger();
        try (OpenAiClassifier classifier = classifier(options, server).build();
             TicketTriage triage = TicketTriage.builder().classifier(classifier).taxonomy(taxonomy).listener(event -> {
                 if (event instanceof TicketEvent.Classified) {
                     done.countDown();
                 } else if (event instanceof TicketEvent.Failed && !((TicketEvent.Failed) event).willRetry()) {
                     failed.incrementAndGet();
                     done.countDown();
                 }
             }).build().start()) {
            long start = System.nanoTime();
            for (int i = 0; i < options.tickets(); i++) triage.submit(NewTicket.builder().body(data.text(i)).build());
            if (!done.await(30, TimeUnit.MINUTES)) throw new IllegalStateException("not all tickets finished in 30 min");
            return new Result(options.tickets(), failed.get(), (System.nanoTime() - start) / 1e9);
        }
    }

    private static Result langchain4j(Options options, Banking77 data, FakeOpenAiServer server) throws InterruptedException {
        OpenAiChatModel model = OpenAiChatModel.builder().baseUrl(server.baseUrl().toString()).apiKey("sk-fake-key")
                .modelName("gpt-4o-mini").temperature(0.0).build();
        IntentClassifier classifier = AiServices.create(IntentClassifier.class, model);
        ExecutorService threads = Executors.newFixedThreadPool(options.maxInFlight());
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(options.tickets());
        long start = System.nanoTime();
        for (int i = 0; i < options.tickets(); i++) {
            String text = data.text(i);
            threads.execute(() -> {
                try {
                    if (classifier.classify(text) == null) failed.incrementAndGet();
                } catch (RuntimeException e) {
                    failed.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        if (!done.await(30, TimeUnit.MINUTES)) throw new IllegalStateException("not all tickets finished in 30 min");
        double seconds = (System.nanoTime() - start) / 1e9;
        threads.shutdownNow();
        return new Result(options.tickets(), failed.get(), seconds);
    }

    private static Result sequential(Options options, Banking77 data, FakeOpenAiServer server) {
        Taxonomy taxonomy = data.taxonomy();
        int failed = 0;
        int count = Math.min(options.tickets(), options.sequentialTickets());
        try (OpenAiClassifier classifier = classifier(options, server).build()) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                Ticket ticket = Ticket.builder().id(TicketId.of(new UUID(0, i))).createdAt(Instant.now()).body(data.text(i)).build();
                try {
                    classifier.classify(ticket, taxonomy);
                } catch (RuntimeException e) {
                    failed++;
                }
            }
            return new Result(count, failed, (System.nanoTime() - start) / 1e9);
        }
    }

    private static void print(String mode, Options options, Result result, FakeOpenAiServer server, Probe probe) {
        double rate = result.tickets() / result.seconds();
        double ideal = options.rpm() > 0 ? options.rpm() / 60.0 * options.batch()
                : options.maxInFlight() * 1000.0 / Math.max(1, options.latencyMs()) * options.batch();
        if (mode.equals("sequential")) ideal = 1000.0 / Math.max(1, options.latencyMs()) * options.batch();
        System.out.printf(Locale.ROOT, "%-11s %,6d tickets in %7.2f s = %7.1f tickets/s = %5.1f %% of %,.0f/s%s; failed %d; %s; "
                        + "prompt %,.0f chars/ticket (~%,.0f tokens at chars/4; system part %,.0f chars/request); mean in flight at the server %.1f; heap peak %d MB; CPU %.1f s (%.2f ms/ticket)%n",
                mode, result.tickets(), result.seconds(), rate, 100 * rate / ideal, ideal,
                mode.equals("sequential") ? " (one at a time)" : options.rpm() > 0 ? " (R = " + options.rpm() + "/min)" : "",
                result.failed(), server.summary(), server.promptChars() / (double) result.tickets(),
                server.promptChars() / 4.0 / result.tickets(), server.systemChars() / (double) Math.max(1, server.requests()),
                probe.meanInFlight(), probe.peakHeapMb(), probe.cpuSeconds(), probe.cpuSeconds() * 1000 / result.tickets());
    }

    /** Samples heap use every 50 ms and the process CPU time over its life. */
    private static final class Probe implements AutoCloseable {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final long cpuStart = os.getProcessCpuTime();
        private long cpuEnd;
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heap-probe");
            thread.setDaemon(true);
            return thread;
        });

        private final AtomicLong inFlightSum = new AtomicLong();
        private final AtomicLong inFlightSamples = new AtomicLong();

        Probe(FakeOpenAiServer server) {
            sampler.scheduleAtFixedRate(() -> {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                long now = server.inFlightNow();
                if (now > 0 || inFlightSamples.get() > 0) {
                    inFlightSum.addAndGet(now);
                    inFlightSamples.incrementAndGet();
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
        }

        double meanInFlight() {
            return inFlightSum.get() / (double) Math.max(1, inFlightSamples.get());
        }

        long peakHeapMb() {
            return peak.get() >> 20;
        }

        double cpuSeconds() {
            return ((cpuEnd == 0 ? os.getProcessCpuTime() : cpuEnd) - cpuStart) / 1e9;
        }

        @Override
        public void close() {
            cpuEnd = os.getProcessCpuTime();
            sampler.shutdownNow();
        }
    }
}
