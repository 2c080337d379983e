package dev.tickettriage.rules;

import static dev.tickettriage.rules.TestTickets.classification;
import static dev.tickettriage.rules.TestTickets.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.domain.Channel;
import dev.tickettriage.domain.ClassificationField;
import dev.tickettriage.domain.Confidence;
import dev.tickettriage.domain.ConfidenceSource;
import dev.tickettriage.domain.Customer;
import dev.tickettriage.domain.Language;
import dev.tickettriage.domain.Priority;
import dev.tickettriage.domain.Sentiment;
import dev.tickettriage.domain.Ticket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplatesTest {

    private static final Ticket CLASSIFIED = ticket()
            .channel(Channel.EMAIL).customer(new Customer("Ana Pérez", "ana@acme.com", "crm-7")).assignee("bob")
            .classification(classification().sentiment(Sentiment.VERY_NEGATIVE).language(Language.SPANISH)
                    .priority(Priority.HIGH)
                    .confidence(ClassificationField.CATEGORY, Confidence.of(0.876, ConfidenceSource.MODEL)).build())
            .build();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{id}                  | 0190a5f2-7c3e-7000-8000-000000000042",
            "{category}            | billing",
            "{sentiment}           | VERY_NEGATIVE",
            "{priority}            | HIGH",
            "{language}            | es",
            "{summary}             | Customer was charged twice",
            "{subject}             | Problem with my card",
            "{channel}             | EMAIL",
            "{status}              | OPEN",
            "{assignee}            | bob",
            "{rule}                | my-rule",
            "{customer.name}       | Ana Pérez",
            "{customer.externalId} | crm-7",
            "{confidence.category} | 0.88",
            "{confidence.sentiment}| -",
            "{nope}                | {nope}",
            "{confidence.bogus}    | {confidence.bogus}",
            "{ id }                | { id }"})
    void should_render_placeholder(String template, String expected) {
        assertThat(Templates.message(template, CLASSIFIED, "my-rule")).isEqualTo(expected);
    }

    @Test
    void should_render_missing_values_as_dash_when_unclassified() {
        Ticket bare = ticket().subject(null).build();

        assertThat(Templates.message("{category}|{sentiment}|{summary}|{subject}|{priority}|{customer.name}|{confidence.category}", bare, "r"))
                .isEqualTo("-|-|-|-|-|-|-");
    }

    @Test
    void should_prefer_priority_in_force_over_classified_priority() {
        assertThat(Templates.message("{priority}", CLASSIFIED.toBuilder().priority(Priority.LOW).build(), "r")).isEqualTo("LOW");
    }

    @Test
    void should_keep_dollar_signs_and_backslashes_in_values_verbatim() {
        Ticket ticket = ticket().subject("Charged $5 \\ twice").build();

        assertThat(Templates.message("Subject: {subject}", ticket, "r")).isEqualTo("Subject: Charged $5 \\ twice");
    }

    @Test
    void should_cut_message_to_one_thousand_characters() {
        Ticket ticket = ticket().classification(classification().summary("x".repeat(5_000)).build()).build();

        String message = Templates.message("Summary: {summary}", ticket, "r");

        assertThat(message).hasSize(Templates.MAX_MESSAGE_LENGTH).endsWith("…").startsWith("Summary: xxx");
    }

    @Test
    void should_render_title_on_one_line_and_cut_it() {
        Ticket ticket = ticket().subject("first line\r\nsecond line\n\nthird " + "y".repeat(500)).build();

        String title = Templates.title("Re: {subject}", ticket, "r");

        assertThat(title).doesNotContain("\n", "\r").startsWith("Re: first line second line third y")
                .hasSize(Templates.MAX_TITLE_LENGTH);
    }
}
