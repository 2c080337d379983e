package dev.tickettriage.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Taxonomy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SentimentTest {

    private final RuleClassifier classifier = RuleClassifier.ofDefaults();

    private double score(String body) {
        return classifier.classify(RuleClassifierTest.ticket(body), Taxonomy.defaultSupport()).sentimentScore();
    }

    private Sentiment grade(String body) {
        return Sentiment.fromScore(score(body));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "I am not happy with this | NEGATIVE",
            "No estoy contento con el servicio | NEGATIVE",
            "La aplicación nunca funciona | NEGATIVE",
            "It doesn't work | NEGATIVE",
            "Still waiting for an answer, third time I write | NEGATIVE",
            "Worst airline ever, ridiculous | NEGATIVE",
            "Pésimo servicio, estoy harto | NEGATIVE",
            "Thank you so much, you are great | POSITIVE",
            "Muchas gracias, excelente atención | POSITIVE",
            "Me encanta la nueva versión | POSITIVE",
            "Not bad at all | POSITIVE",
            "I have a question about my order number | NEUTRAL",
            "Quiero cambiar la dirección de envío | NEUTRAL",
            "Hello, what are your office opening hours on Saturday? | NEUTRAL",
            "I waited on the phone for hours and nobody answered | NEGATIVE"})
    void should_grade_support_phrasing(String body, String expected) {
        Sentiment sentiment = grade(body);
        switch (expected) {
            case "NEGATIVE" -> assertThat(sentiment.isNegative()).as(body + " -> " + sentiment).isTrue();
            case "POSITIVE" -> assertThat(sentiment).as(body).isIn(Sentiment.POSITIVE, Sentiment.VERY_POSITIVE);
            default -> assertThat(sentiment).as(body).isEqualTo(Sentiment.NEUTRAL);
        }
    }

    @Test
    void should_strengthen_score_when_intensified() {
        assertThat(score("the service was very bad")).isLessThan(score("the service was bad"));
        assertThat(score("el servicio fue muy malo")).isLessThan(score("el servicio fue malo"));
        assertThat(score("it was slightly bad")).isGreaterThan(score("it was bad"));
    }

    @Test
    void should_strengthen_score_when_exclaimed_or_capitalised() {
        assertThat(score("this is bad!!!")).isLessThan(score("this is bad"));
        assertThat(score("this is BAD")).isLessThan(score("this is bad"));
    }

    @Test
    void should_weigh_clause_after_but_more() {
        assertThat(score("The staff was nice but the flight was terrible")).isNegative();
        assertThat(score("The flight was terrible but the staff was lovely and helpful")).isPositive();
    }

    @Test
    void should_keep_score_in_range_when_text_is_extreme() {
        assertThat(score("worst ".repeat(500))).isBetween(-1.0, -0.9);
        assertThat(score("great ".repeat(500))).isBetween(0.9, 1.0);
    }

    @Test
    void should_read_emoji_and_emoticons() {
        assertThat(score("flight delayed again 😡")).isLessThan(score("flight delayed again"));
        assertThat(score("see you soon :)")).isPositive();
        assertThat(score("see http://example.com/x")).isZero();
    }
}
