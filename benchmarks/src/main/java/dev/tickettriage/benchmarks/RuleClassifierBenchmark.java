package dev.tickettriage.benchmarks;

import dev.tickettriage.classifier.RuleClassifier;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Single-threaded throughput of {@link RuleClassifier#classify} on short banking-style queries (written for
 * this benchmark, about the length of BANKING77 texts), against the default taxonomy and a 77-label taxonomy
 * derived from label words only. Run:
 * {@code java -cp ... org.openjdk.jmh.Main RuleClassifierBenchmark -f1 -wi 2 -i 3 -w 2s -r 2s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class RuleClassifierBenchmark {

    static final List<String> QUERIES = List.of(
            "How long does it take for my new card to arrive?",
            "I still have not received the card you sent me last week.",
            "My card was stolen this morning, please block it.",
            "I lost my wallet with my card in it, what should I do?",
            "What exchange rate do you use when I pay abroad?",
            "Why was I charged a fee for paying in euros?",
            "The exchange rate on my last purchase looks wrong.",
            "There is a charge on my statement I don't recognise.",
            "I was charged twice for the same coffee.",
            "Can I get a refund for an item I returned?",
            "My refund still isn't showing in my account.",
            "How do I top up my account with a bank transfer?",
            "My top up failed but the money left my bank.",
            "Is there a limit on how much I can top up?",
            "Why is my top up still pending?",
            "How do I activate my new card?",
            "My card doesn't work at the shop.",
            "Contactless payments stopped working on my card.",
            "My card got stuck in the ATM.",
            "The ATM gave me less cash than I asked for.",
            "I withdrew cash but it shows as pending.",
            "Why was I charged for withdrawing cash?",
            "I need to change my PIN.",
            "My PIN is blocked after too many tries.",
            "How can I verify my identity?",
            "The app won't accept my ID for verification.",
            "Why do you need to know the source of my funds?",
            "I forgot my passcode and can't log in.",
            "My phone was stolen and the app is on it.",
            "Can I cancel a transfer I just made?",
            "My transfer hasn't reached the recipient yet.",
            "How long do transfers take to arrive?",
            "Why was my transfer declined?",
            "There was a fee on my transfer, why?",
            "Can I link my card to Apple Pay?",
            "Does Google Pay work with your cards?",
            "Which currencies can I hold in my account?",
            "Do you support cards in my country?",
            "I want to close my account.",
            "How do I change my address in the app?",
            "Can I get a virtual card for online shopping?",
            "How many disposable cards can I create?",
            "My virtual card is not working online.",
            "I would like a spare card for my partner.",
            "How do I order a physical card?",
            "My card is about to expire, will you send a new one?",
            "A direct debit I did not set up was taken.",
            "My balance did not update after my cheque deposit.",
            "Is there an age limit to open an account?",
            "Me cobraron dos veces la misma compra, necesito un reembolso.");

    @Param({"default", "labels77"})
    public String taxonomyKind;

    private final RuleClassifier classifier = RuleClassifier.ofDefaults();
    private Taxonomy taxonomy;
    private Ticket[] tickets;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        taxonomy = taxonomyKind.equals("default") ? Taxonomy.defaultSupport() : labelTaxonomy();
        tickets = new Ticket[QUERIES.size()];
        for (int i = 0; i < tickets.length; i++) {
            tickets[i] = Ticket.builder().id(TicketId.of(new UUID(0L, i))).createdAt(Instant.EPOCH).body(QUERIES.get(i)).build();
        }
    }

    /** One classification per invocation, cycling through the queries. */
    @Benchmark
    public Classification classify() {
        Ticket ticket = tickets[next];
        next = next + 1 == tickets.length ? 0 : next + 1;
        return classifier.classify(ticket, taxonomy);
    }

    /** 77 intent-style labels of our own (11 topics x 7 states), names only, like a taxonomy built from a label list. */
    static Taxonomy labelTaxonomy() {
        String[] topics = {"card", "transfer", "top_up", "cash_withdrawal", "account", "pin", "refund", "exchange_rate",
                "card_payment", "identity_verification", "phone"};
        String[] states = {"arrival", "pending", "failed", "fee_charged", "limits", "declined", "lost_or_stolen"};
        List<String> labels = new java.util.ArrayList<>();
        for (String topic : topics) for (String state : states) labels.add(topic + "_" + state);
        Taxonomy.Builder builder = Taxonomy.builder().version("labels77");
        for (String label : labels) builder.category(label, label);
        return builder.build();
    }
}
