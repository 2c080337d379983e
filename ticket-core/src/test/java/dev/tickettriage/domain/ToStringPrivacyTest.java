package dev.tickettriage.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickettriage.port.Notification;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ticket text and personal data must never reach logs or exception messages through toString(). */
class ToStringPrivacyTest {

    private static final String BODY = "My PIN is 1234 and my card number is 4111";
    private static final String SUBJECT = "Private subject line";
    private static final String EMAIL = "jane.secret@example.com";
    private static final String NAME = "Jane Secret";

    @Test
    void should_not_leak_body_subject_or_customer_from_ticket() {
        Ticket ticket = Ticket.builder().id(TicketId.generate(Instant.EPOCH)).createdAt(Instant.EPOCH).subject(SUBJECT).body(BODY)
                .customer(new Customer(NAME, EMAIL, "crm-1")).build();

        assertThat(ticket.toString()).doesNotContain(BODY, SUBJECT, EMAIL, NAME).contains(ticket.id().toString());
    }

    @Test
    void should_mask_name_and_email_of_customer() {
        assertThat(new Customer(NAME, EMAIL, "crm-1").toString()).doesNotContain(NAME, EMAIL).contains("crm-1");
    }

    @Test
    void should_not_leak_text_or_email_from_new_ticket() {
        NewTicket input = NewTicket.builder().subject(SUBJECT).body(BODY).customerName(NAME).customerEmail(EMAIL).build();

        assertThat(input.toString()).doesNotContain(BODY, SUBJECT, EMAIL, NAME);
    }

    @Test
    void should_not_leak_title_or_message_from_notification() {
        Notification notification = new Notification("alerts", "Title quoting " + SUBJECT, "Message quoting " + BODY,
                Priority.HIGH, List.of(), null, TicketId.generate(Instant.EPOCH), "key-1");

        assertThat(notification.toString()).doesNotContain(SUBJECT, BODY).contains("key-1");
    }
}
