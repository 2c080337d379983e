package dev.tickettriage.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Category;
import dev.tickettriage.domain.Classification;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Ticket;
import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.rules.RoutingOutcome;
import dev.tickettriage.rules.RoutingRules;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RoutingRulesJsonTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);

    private static Ticket classified(String category, Sentiment sentiment, String body) {
        Classification classification = Classification.builder().category(Category.of(category)).sentiment(sentiment)
                .priority(Priority.MEDIUM).provenance(dev.tickettriage.domain.Provenance.of("test", "v1", java.time.Duration.ZERO)).build();
        return Ticket.builder().id(TicketId.generate(CLOCK.instant())).createdAt(CLOCK.instant()).body(body)
                .classification(classification).build();
    }

    @Test
    void should_run_the_rules_a_file_declares() {
        RoutingRules rules = RoutingRulesJson.read("""
                {"rules": [
                  {"name": "angry-billing", "when": {"category": "billing", "sentimentAtMost": "negative", "keywords": ["refund"]},
                   "then": [{"setPriority": "high"}, {"addTag": "money"},
                            {"notify": "billing-team", "title": "Ticket {id}", "message": "{summary}", "priority": "URGENT"}],
                   "stopProcessing": true},
                  {"name": "never-reached", "when": {}, "then": [{"addTag": "second"}]}]}""");
        RoutingOutcome angry = rules.route(classified("billing", Sentiment.VERY_NEGATIVE, "I want a refund now"), CLOCK);
        assertThat(angry.ticket().priority()).contains(Priority.HIGH);
        assertThat(angry.ticket().tags()).containsExactly("money");
        assertThat(angry.notifications()).singleElement().satisfies(n -> {
            assertThat(n.target()).isEqualTo("billing-team");
            assertThat(n.priority()).isEqualTo(Priority.URGENT);
        });
        RoutingOutcome calm = rules.route(classified("billing", Sentiment.NEUTRAL, "I want a refund"), CLOCK);
        assertThat(calm.ticket().tags()).containsExactly("second");
        assertThat(calm.notifications()).isEmpty();
    }

    @Test
    void should_name_the_place_of_each_mistake() {
        assertThatThrownBy(() -> RoutingRulesJson.read("{\"rules\": [{\"name\": \"x\", \"when\": {\"sentimentAtMost\": \"furious\"}, \"then\": [{\"addTag\": \"y\"}]}]}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("rules.rules[0].when.sentimentAtMost"));
        assertThatThrownBy(() -> RoutingRulesJson.read("{\"rules\": [{\"name\": \"x\", \"when\": {\"colour\": \"red\"}, \"then\": [{\"addTag\": \"y\"}]}]}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("rules.rules[0].when.colour"));
        assertThatThrownBy(() -> RoutingRulesJson.read("{\"rules\": [{\"name\": \"x\", \"then\": []}]}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("rules.rules[0].then"));
        assertThatThrownBy(() -> RoutingRulesJson.read("{\"rules\": [{\"name\": \"x\", \"then\": [{\"addTag\": \"a\"}]}, {\"name\": \"x\", \"then\": [{\"addTag\": \"b\"}]}]}"))
                .hasMessageContaining("x");
        assertThatThrownBy(() -> RoutingRulesJson.read("{\"rules\": [], \"rules\": []}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.reason()).contains("not valid JSON"));
        assertThatThrownBy(() -> RoutingRulesJson.read("{\"linkTemplate\": \"not a url {id}\", \"rules\": []}"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("rules.linkTemplate"));
    }
}
