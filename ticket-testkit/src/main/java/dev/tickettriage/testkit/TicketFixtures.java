package dev.tickettriage.testkit;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Channel;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Customer;
import dev.tickettriage.domain.FieldValue;
import dev.tickettriage.domain.FilledField;
import dev.tickettriage.domain.Language;
import dev.tickettriage.domain.NewTicket;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Processing;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.ScoredCategory;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Taxonomy;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.domain.TokenUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Test data: ticket, classification and new-ticket builders with sensible defaults, a few ready-made
 * tickets in English and Spanish, and a small BANKING77-style taxonomy.
 *
 * <p>Every method returns a fresh object or builder; the class holds no mutable state and is thread-safe
 * (the builders it returns are not). Instants are whole milliseconds so every store can round-trip them.
 */
public final class TicketFixtures {

    /** The creation time tickets get unless {@link TicketBuilder#createdAt(Instant)} says otherwise. */
    public static final Instant DEFAULT_CREATED_AT = MutableClock.DEFAULT_START;

    /** The version of {@link #bankingTaxonomy()}. */
    public static final String BANKING_TAXONOMY_VERSION = "banking-test-1";

    private static final Taxonomy BANKING = Taxonomy.builder()
            .version(BANKING_TAXONOMY_VERSION)
            .category("card_arrival", "The customer is waiting for a new or replacement card",
                    List.of("My new card has not arrived yet", "¿Cuándo llega mi tarjeta nueva?"),
                    List.of("card_delivery", "tarjeta_no_llega"))
            .category("refund_not_showing_up", "A refund the merchant promised is not on the account",
                    List.of("The refund is still not in my account", "No veo el reembolso en mi cuenta"),
                    List.of("refund", "reembolso"))
            .category("lost_or_stolen_card", "The customer lost a card or it was stolen",
                    List.of("I lost my card yesterday", "Me robaron la tarjeta"),
                    List.of("stolen_card", "tarjeta_robada"))
            .category("exchange_rate", "Questions about the exchange rate applied to a payment",
                    List.of("Why was the exchange rate so bad?", "¿Qué tipo de cambio aplicaron?"),
                    List.of("fx_rate", "tipo_de_cambio"))
            .category("other", "Anything else", List.of("Hello", "Hola"), List.of("general", "otro"))
            .fallback("other")
            .build();

    private TicketFixtures() {
    }

    /** A builder for a valid NEW ticket (version 0) about a card that has not arrived, channel EMAIL. */
    public static TicketBuilder aTicket() {
        return new TicketBuilder();
    }

    /** A NEW ticket from an angry customer asking for a refund (English, e-mail channel). */
    public static Ticket angryCustomer() {
        return aTicket()
                .withSubject("REFUND NOW!!!")
                .withBody("This is the third time I write. You charged me twice and the refund is still not showing up. "
                        + "I am furious and I will close my account if this is not fixed today!")
                .withCustomerName("Pat Angry")
                .withCustomerEmail("pat.angry@example.com")
                .build();
    }

    /** A NEW ticket in Spanish about a stolen card (chat channel). */
    public static Ticket spanishTicket() {
        return aTicket()
                .withSubject("Me robaron la tarjeta")
                .withBody("Hola, ayer me robaron la cartera con la tarjeta dentro. ¿Pueden bloquearla y enviarme una nueva? Gracias.")
                .withChannel(Channel.CHAT)
                .withCustomerName("María Núñez")
                .withCustomerEmail("maria.nunez@example.es")
                .build();
    }

    /**
     * A ticket with every optional field set (subject and body with accents and emoji, customer, tags,
     * attributes, a full classification, priority, assignee, a retry state), for round-trip tests.
     */
    public static Ticket fullyPopulatedTicket(Instant createdAt) {
        return aTicket()
                .createdAt(createdAt)
                .withSubject("Tarjeta no llegó 💳 — ¿ayuda?")
                .withBody("Línea 1: pedí la tarjeta hace 10 días 😡\nLine 2: still nothing.\tTabbed 🇪🇸 ünïcödé ✓")
                .withCustomer(new Customer("Zoë Ñandú", "zoe@example.com", "crm-42"))
                .withChannel(Channel.WEB)
                .withTags("vip", "card", "español")
                .withAttribute("plan", "premium")
                .withAttribute("región", "EU-Sur")
                .withClassification(aFullClassification().build())
                .withPriority(Priority.HIGH)
                .withAssignee("agent-7")
                .withStatus(SupportStatus.IN_PROGRESS)
                .withProcessing(new Processing(dev.tickettriage.domain.ProcessingState.NEW, 2, "classifier timed out",
                        createdAt.plusSeconds(300)))
                .build();
    }

    /** A classification builder with the required fields set: card_arrival, NEUTRAL (0), MEDIUM, English, rule provenance. */
    public static Classification.Builder aClassification() {
        return Classification.builder()
                .category(Category.of("card_arrival"))
                .sentiment(Sentiment.NEUTRAL)
                .sentimentScore(0.0)
                .priority(Priority.MEDIUM)
                .language(Language.ENGLISH)
                .confidence(ClassificationField.CATEGORY, Confidence.of(0.9, ConfidenceSource.RULE))
                .provenance(Provenance.of("scripted", BANKING_TAXONOMY_VERSION, Duration.ofMillis(3)));
    }

    /**
     * A classification builder with every field set, including alternatives, token usage and cost, and one custom field
     * of each kind (card_type, channels_tried, replacement_requested, days_waiting, card_nickname).
     */
    public static Classification.Builder aFullClassification() {
        return Classification.builder()
                .category(Category.of("card_arrival"))
                .sentiment(Sentiment.NEGATIVE)
                .sentimentScore(-0.45)
                .priority(Priority.HIGH)
                .language(Language.of("es-MX"))
                .confidence(ClassificationField.CATEGORY, Confidence.of(0.91, ConfidenceSource.MODEL))
                .confidence(ClassificationField.SENTIMENT, Confidence.of(0.75, ConfidenceSource.LOGPROB))
                .confidence(ClassificationField.PRIORITY, Confidence.of(0.5, ConfidenceSource.RULE))
                .alternatives(List.of(new ScoredCategory(Category.of("lost_or_stolen_card"), 0.06),
                        new ScoredCategory(Category.of("other"), 0.03)))
                .summary("Card ordered 10 days ago has not arrived")
                .suggestedReply("Sentimos la demora; revisamos el envío de su tarjeta.")
                .keyTopics(List.of("card", "delivery", "envío"))
                .rationale("mentions a card that did not arrive")
                .field("card_type", FieldValue.choice("debit"), Confidence.of(0.88, ConfidenceSource.MODEL))
                .field("channels_tried", FieldValue.choices("app", "phone"), Confidence.of(0.7, ConfidenceSource.MODEL))
                .field("replacement_requested", FieldValue.of(true), Confidence.of(0.95, ConfidenceSource.LOGPROB))
                .field("days_waiting", FieldValue.number(10), Confidence.of(0.8, ConfidenceSource.MODEL))
                .field("card_nickname", FieldValue.text("Tarjeta azul 💳"), Confidence.of(0.6, ConfidenceSource.MODEL))
                .provenance(new Provenance("openai", "gpt-4o-mini", BANKING_TAXONOMY_VERSION, "prompt-3",
                        Duration.ofMillis(812), new TokenUsage(412, 57), new BigDecimal("0.000150")));
    }

    /** A small banking taxonomy in the style of BANKING77 (five labels with English and Spanish aliases, fallback {@code other}). */
    public static Taxonomy bankingTaxonomy() {
        return BANKING;
    }

    /** A valid {@link NewTicket} builder (subject, body, e-mail, channel WEB); change fields to test validation. */
    public static NewTicket.Builder newTicket() {
        return NewTicket.builder()
                .subject("Card not arrived")
                .body("I ordered a new card two weeks ago and it has not arrived yet.")
                .customerName("Alex Doe")
                .customerEmail("alex.doe@example.com")
                .channel(Channel.WEB);
    }

    /** Builds test tickets with defaults for every required field; not thread-safe. */
    public static final class TicketBuilder {
        private final Ticket.Builder ticket = Ticket.builder()
                .subject("Card not arrived")
                .body("I ordered a new card two weeks ago and it has not arrived yet.")
                .channel(Channel.EMAIL);
        private @Nullable TicketId id;
        private Instant createdAt = DEFAULT_CREATED_AT;
        private @Nullable String customerName;
        private @Nullable String customerEmail;
        private @Nullable Classification classification;
        private final List<FilledField> fields = new java.util.ArrayList<>();

        private TicketBuilder() {
        }

        /** Default: a fresh time-ordered id for the creation time. */
        public TicketBuilder withId(TicketId value) { this.id = Objects.requireNonNull(value, "id"); return this; }

        /** Default {@link #DEFAULT_CREATED_AT}. */
        public TicketBuilder createdAt(Instant value) { this.createdAt = Objects.requireNonNull(value, "createdAt"); return this; }

        public TicketBuilder withSubject(@Nullable String value) { ticket.subject(value); return this; }

        public TicketBuilder withBody(String value) { ticket.body(value); return this; }

        public TicketBuilder withChannel(Channel value) { ticket.channel(value); return this; }

        public TicketBuilder withCustomerName(@Nullable String value) { this.customerName = value; return this; }

        public TicketBuilder withCustomerEmail(@Nullable String value) { this.customerEmail = value; return this; }

        /** Replaces name and e-mail set earlier. */
        public TicketBuilder withCustomer(Customer value) {
            Objects.requireNonNull(value, "customer");
            this.customerName = null;
            this.customerEmail = null;
            ticket.customer(value);
            return this;
        }

        public TicketBuilder withStatus(SupportStatus value) { ticket.status(value); return this; }

        public TicketBuilder withProcessing(Processing value) { ticket.processing(value); return this; }

        public TicketBuilder withAssignee(@Nullable String value) { ticket.assignee(value); return this; }

        public TicketBuilder withPriority(@Nullable Priority value) { ticket.priority(value); return this; }

        /** Replaces the tags; order is kept. */
        public TicketBuilder withTags(String... values) { ticket.tags(new java.util.LinkedHashSet<>(List.of(values))); return this; }

        public TicketBuilder withAttribute(String key, String value) { ticket.attribute(key, value); return this; }

        public TicketBuilder withVersion(long value) { ticket.version(value); return this; }

        public TicketBuilder withClassification(@Nullable Classification value) {
            this.classification = value;
            ticket.classification(value);
            return this;
        }

        /**
         * Sets custom field {@code name} on the ticket's classification with confidence 0.9 (MODEL); a ticket without one
         * gets {@link #aClassification()}. Applied at {@link #build()}, so the order of calls does not matter.
         */
        public TicketBuilder withField(String name, FieldValue value) {
            return withField(name, value, Confidence.of(0.9, ConfidenceSource.MODEL));
        }

        /** Sets custom field {@code name} with {@code confidence}; see {@link #withField(String, FieldValue)}. */
        public TicketBuilder withField(String name, FieldValue value, Confidence confidence) {
            fields.add(FilledField.of(name, value, confidence));
            return this;
        }

        /** Attaches {@link #aClassification()} with these values and sets the ticket's priority to match. */
        public TicketBuilder classifiedAs(String category, Sentiment sentiment, Priority priority) {
            return classifiedAs(Category.of(category), sentiment, priority);
        }

        /** Attaches {@link #aClassification()} with these values and sets the ticket's priority to match. */
        public TicketBuilder classifiedAs(Category category, Sentiment sentiment, Priority priority) {
            withClassification(aClassification().category(category).sentiment(sentiment).priority(priority).build());
            ticket.priority(priority);
            return this;
        }

        /** @throws NullPointerException when the body was set to null */
        public Ticket build() {
            if (customerName != null || customerEmail != null) {
                ticket.customer(new Customer(customerName, customerEmail, null));
            }
            if (!fields.isEmpty()) {
                Classification.Builder withFields = (classification != null ? classification.toBuilder() : aClassification());
                fields.forEach(withFields::field);
                ticket.classification(withFields.build());
            }
            return ticket.id(id != null ? id : TicketId.generate(createdAt)).createdAt(createdAt).build();
        }
    }
}
