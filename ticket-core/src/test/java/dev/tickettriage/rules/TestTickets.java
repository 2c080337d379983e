package dev.tickettriage.rules;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Language;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Provenance;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** Test data for the rules tests (core tests cannot use the testkit). */
final class TestTickets {

    static final Instant CREATED = Instant.parse("2026-03-02T10:00:00Z");   // a Monday
    static final TicketId ID = TicketId.of(UUID.fromString("0190a5f2-7c3e-7000-8000-000000000042"));

    private TestTickets() {
    }

    static Ticket.Builder ticket() {
        return Ticket.builder().id(ID).createdAt(CREATED).version(3)
                .subject("Problem with my card").body("My card was charged twice, please help.");
    }

    static Classification.Builder classification() {
        return Classification.builder()
                .category(Category.of("billing"))
                .sentiment(Sentiment.NEUTRAL)
                .priority(Priority.MEDIUM)
                .language(Language.ENGLISH)
                .summary("Customer was charged twice")
                .confidence(ClassificationField.CATEGORY, Confidence.of(0.91, ConfidenceSource.MODEL))
                .provenance(Provenance.of("test", "v1", Duration.ofMillis(5)));
    }

    static Ticket classified(Sentiment sentiment) {
        return ticket().classification(classification().sentiment(sentiment).build()).build();
    }

    static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static Clock atCreation() {
        return clockAt(CREATED);
    }
}
