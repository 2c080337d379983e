package dev.tickettriage.rules;

import static dev.tickettriage.rules.Conditions.*;
import static dev.tickettriage.rules.TestTickets.CREATED;
import static dev.tickettriage.rules.TestTickets.classification;
import static dev.tickettriage.rules.TestTickets.clockAt;
import static dev.tickettriage.rules.TestTickets.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.Channel;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Customer;
import dev.tickettriage.domain.Language;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.SupportStatus;
import dev.tickettriage.domain.Ticket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionsTest {

    private static boolean holds(Condition condition, Ticket ticket) {
        return condition.test(RuleContext.of(ticket, TestTickets.atCreation()));
    }

    private static boolean holdsAt(Condition condition, Ticket ticket, Instant now) {
        return condition.test(RuleContext.of(ticket, clockAt(now)));
    }

    private static Ticket withText(String subject, String body) {
        return ticket().subject(subject).body(body).build();
    }

    static Stream<Arguments> classificationConditions() {
        return Stream.of(
                Arguments.of("category", category("billing")),
                Arguments.of("categoryIn", categoryIn("billing", "refund")),
                Arguments.of("sentiment", sentiment(Sentiment.NEUTRAL, Sentiment.NEGATIVE)),
                Arguments.of("sentimentAtMost", sentimentAtMost(Sentiment.VERY_POSITIVE)),
                Arguments.of("classifiedPriorityAtLeast", classifiedPriorityAtLeast(Priority.LOW)),
                Arguments.of("confidenceAtLeast", confidenceAtLeast(ClassificationField.CATEGORY, 0.0)),
                Arguments.of("language", language("en")),
                Arguments.of("classified", classified()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classificationConditions")
    void should_be_false_for_unclassified_ticket_and_true_once_classified(String name, Condition condition) {
        assertThat(holds(condition, ticket().build())).isFalse();
        assertThat(holds(condition, ticket().classification(classification().build()).build())).isTrue();
    }

    @Test
    void should_match_category_exactly_when_classified() {
        Ticket billing = ticket().classification(classification().build()).build();

        assertThat(holds(category("billing"), billing)).isTrue();
        assertThat(holds(category("Billing"), billing)).isFalse();
        assertThat(holds(categoryIn("refund", "fraud"), billing)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"VERY_NEGATIVE,true", "NEGATIVE,true", "NEUTRAL,false", "POSITIVE,false"})
    void should_match_negative_grades_when_sentiment_at_most_negative(Sentiment sentiment, boolean expected) {
        assertThat(holds(sentimentAtMost(Sentiment.NEGATIVE), TestTickets.classified(sentiment))).isEqualTo(expected);
    }

    @Test
    void should_use_priority_in_force_not_suggestion_when_priority_at_least() {
        Ticket suggestedUrgent = ticket().classification(classification().priority(Priority.URGENT).build()).build();

        assertThat(holds(priorityAtLeast(Priority.HIGH), suggestedUrgent)).isFalse();
        assertThat(holds(classifiedPriorityAtLeast(Priority.HIGH), suggestedUrgent)).isTrue();
        assertThat(holds(priorityAtLeast(Priority.HIGH), suggestedUrgent.toBuilder().priority(Priority.HIGH).build())).isTrue();
        assertThat(holds(priorityAtLeast(Priority.HIGH), suggestedUrgent.toBuilder().priority(Priority.MEDIUM).build())).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"0.69,false", "0.7,true", "0.95,true"})
    void should_compare_field_confidence_when_confidence_at_least(double confidence, boolean expected) {
        Ticket ticket = ticket().classification(classification()
                .confidence(ClassificationField.CATEGORY, Confidence.of(confidence, ConfidenceSource.MODEL)).build()).build();

        assertThat(holds(confidenceAtLeast(ClassificationField.CATEGORY, 0.7), ticket)).isEqualTo(expected);
    }

    @Test
    void should_be_false_when_field_confidence_is_unrated() {
        Ticket ticket = ticket().classification(classification().build()).build();

        assertThat(holds(confidenceAtLeast(ClassificationField.SENTIMENT, 0.0), ticket)).isFalse();
    }

    @Test
    void should_reject_threshold_outside_unit_interval() {
        assertThatThrownBy(() -> confidenceAtLeast(ClassificationField.CATEGORY, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> confidenceAtLeast(ClassificationField.CATEGORY, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"es,es-MX,true", "es,es,true", "es-MX,es-MX,true", "es-MX,es-ES,false", "es,en,false", "EN,en-GB,true"})
    void should_match_language_by_primary_subtag_unless_region_given(String wanted, String actual, boolean expected) {
        Ticket ticket = ticket().classification(classification().language(Language.of(actual)).build()).build();

        assertThat(holds(language(wanted), ticket)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Total outage since 9am | true",
            "OUTAGE!!! | true",
            "The site is down again | true",
            "Hay una caída del servicio | true",
            "HAY UNA CAIDA DEL SERVICIO | true",
            "La aplicación no funciona | true",
            "La aplicacion NO   FUNCIONA | true",
            "I cannot download the invoice | false",
            "Downtime planned? | false",
            "No funcionamiento | false",
            "Everything works, thanks | false"})
    void should_match_whole_words_ignoring_case_and_accents_when_keywords(String body, boolean expected) {
        Condition condition = containsAnyKeyword("outage", "caída", "down", "no funciona");

        assertThat(holds(condition, withText(null, body))).isEqualTo(expected);
    }

    @Test
    void should_search_subject_too_when_keywords() {
        assertThat(holds(containsAnyKeyword("reembolso"), withText("Solicito un REEMBOLSO", "Gracias"))).isTrue();
    }

    @Test
    void should_reject_blank_keyword() {
        assertThatThrownBy(() -> containsAnyKeyword("ok", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> containsAnyKeyword()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_find_pattern_anywhere_when_matches_regex() {
        Ticket ticket = withText("Order question", "Where is order #A-12345?");

        assertThat(holds(matchesRegex(Pattern.compile("#[A-Z]-\\d{5}")), ticket)).isTrue();
        assertThat(holds(matchesRegex("ORDER QUESTION"), ticket)).isTrue();
        assertThat(holds(matchesRegex(Pattern.compile("ORDER QUESTION")), ticket)).isFalse();
    }

    @Test
    void should_match_channel_and_status() {
        Ticket chat = ticket().channel(Channel.CHAT).status(SupportStatus.PENDING).build();

        assertThat(holds(channel(Channel.EMAIL, Channel.CHAT), chat)).isTrue();
        assertThat(holds(channel(Channel.EMAIL), chat)).isFalse();
        assertThat(holds(status(SupportStatus.PENDING), chat)).isTrue();
        assertThat(holds(status(SupportStatus.OPEN), chat)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"ana@acme.com,true", "ANA@Acme.COM,true", "bo@eu.acme.com,true", "eve@notacme.com,false", "x@acme.com.evil.io,false"})
    void should_match_domain_and_subdomains_when_customer_email_domain(String email, boolean expected) {
        Ticket ticket = ticket().customer(new Customer("Ana", email, null)).build();

        assertThat(holds(customerEmailDomain("acme.com"), ticket)).isEqualTo(expected);
        assertThat(holds(customerEmailDomain("@ACME.com"), ticket)).isEqualTo(expected);
    }

    @Test
    void should_be_false_for_anonymous_customer() {
        assertThat(holds(customerEmailDomain("acme.com"), ticket().build())).isFalse();
        assertThat(holds(hasCustomerExternalId(), ticket().build())).isFalse();
        assertThat(holds(hasCustomerExternalId(), ticket().customer(new Customer(null, null, "crm-7")).build())).isTrue();
    }

    @Test
    void should_match_exact_tag() {
        Ticket ticket = ticket().tag("vip").build();

        assertThat(holds(hasTag("vip"), ticket)).isTrue();
        assertThat(holds(hasTag("VIP"), ticket)).isFalse();
    }

    @Test
    void should_compare_age_against_fixed_clock_when_older_than() {
        Condition olderThanTwoHours = olderThan(Duration.ofHours(2));
        Ticket ticket = ticket().build();

        assertThat(holdsAt(olderThanTwoHours, ticket, CREATED.plus(Duration.ofMinutes(119)))).isFalse();
        assertThat(holdsAt(olderThanTwoHours, ticket, CREATED.plus(Duration.ofHours(2)))).isFalse();
        assertThat(holdsAt(olderThanTwoHours, ticket, CREATED.plus(Duration.ofHours(2)).plusSeconds(1))).isTrue();
    }

    @Test
    void should_judge_business_hours_in_their_own_time_zone() {
        // Madrid is UTC+1 in early March: 09:00-18:00 local is 08:00-17:00 UTC on Monday 2 March 2026
        BusinessHours madrid = BusinessHours.weekdays(java.time.ZoneId.of("Europe/Madrid"),
                java.time.LocalTime.of(9, 0), java.time.LocalTime.of(18, 0));
        Ticket ticket = ticket().build();

        assertThat(holdsAt(withinBusinessHours(madrid), ticket, Instant.parse("2026-03-02T07:59:00Z"))).isFalse();
        assertThat(holdsAt(withinBusinessHours(madrid), ticket, Instant.parse("2026-03-02T08:00:00Z"))).isTrue();
        assertThat(holdsAt(withinBusinessHours(madrid), ticket, Instant.parse("2026-03-02T16:59:00Z"))).isTrue();
        assertThat(holdsAt(outsideBusinessHours(madrid), ticket, Instant.parse("2026-03-02T17:00:00Z"))).isTrue();
        // Saturday noon in Madrid
        assertThat(holdsAt(outsideBusinessHours(madrid), ticket, Instant.parse("2026-03-07T11:00:00Z"))).isTrue();
    }

    @Test
    void should_detect_breach_at_routing_time_when_sla_breached() {
        Ticket urgent = ticket().priority(Priority.URGENT).build();
        Condition breached = slaBreached(SlaPolicy.ofDefaults());

        assertThat(holdsAt(breached, urgent, CREATED.plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(holdsAt(breached, urgent, CREATED.plus(Duration.ofMinutes(61)))).isTrue();
    }

    @Test
    void should_compose_with_and_or_not() {
        Ticket vip = ticket().tag("vip").channel(Channel.PHONE).build();
        Condition isVip = hasTag("vip");
        Condition byEmail = channel(Channel.EMAIL);

        assertThat(List.of(
                holds(isVip.and(byEmail), vip), holds(isVip.or(byEmail), vip),
                holds(Condition.not(byEmail), vip), holds(isVip.negate(), vip),
                holds(Condition.always(), vip), holds(Condition.never(), vip)))
                .containsExactly(false, true, true, false, true, false);
    }
}
