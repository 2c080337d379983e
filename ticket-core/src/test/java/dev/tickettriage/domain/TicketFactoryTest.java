package dev.tickettriage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.error.InvalidTicketException;
import dev.tickettriage.error.InvalidTicketException.Violation;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TicketFactoryTest {

    private static final Instant NOW = Instant.parse("2026-02-03T10:15:30Z");
    private final TicketFactory factory = TicketFactory.ofDefaults();

    private static NewTicket.Builder valid() {
        return NewTicket.builder().subject("Card not arrived").body("My new card has not arrived.")
                .customerName("Alex").customerEmail("alex@example.com").channel(Channel.WEB);
    }

    private List<Violation> violationsOf(NewTicket input) {
        try {
            factory.create(input, NOW);
        } catch (InvalidTicketException e) {
            return e.violations();
        }
        throw new AssertionError("expected InvalidTicketException");
    }

    @Test
    void should_create_new_open_ticket_at_now_when_input_is_valid() {
        Ticket ticket = factory.create(valid().tag("vip").attribute("plan", "gold").build(), NOW);

        assertThat(ticket.createdAt()).isEqualTo(NOW);
        assertThat(ticket.version()).isZero();
        assertThat(ticket.status()).isEqualTo(SupportStatus.OPEN);
        assertThat(ticket.processingState()).isEqualTo(ProcessingState.NEW);
        assertThat(ticket.subject()).contains("Card not arrived");
        assertThat(ticket.customer()).isEqualTo(new Customer("Alex", "alex@example.com", null));
        assertThat(ticket.channel()).isEqualTo(Channel.WEB);
        assertThat(ticket.tags()).containsExactly("vip");
        assertThat(ticket.attributes()).containsEntry("plan", "gold");
    }

    @Test
    void should_report_body_when_missing_or_blank() {
        assertThat(violationsOf(valid().body(null).build())).containsExactly(new Violation("body", "must not be blank"));
        assertThat(violationsOf(valid().body(" \n\t ").build())).containsExactly(new Violation("body", "must not be blank"));
    }

    @Test
    void should_report_every_violation_at_once_when_several_fields_are_bad() {
        NewTicket input = valid().body("").subject("x".repeat(501)).customerEmail("not-an-email").tag("has space").build();

        List<Violation> violations = violationsOf(input);

        assertThat(violations).extracting(Violation::field).containsExactlyInAnyOrder("subject", "body", "customer.email", "tags");
        assertThat(violations).allSatisfy(v -> assertThat(v.reason()).isNotBlank());
    }

    @Test
    void should_name_first_violation_in_exception_without_quoting_text() {
        NewTicket input = valid().body(null).customerEmail("secret-person@@example.com").build();

        assertThatThrownBy(() -> factory.create(input, NOW)).isInstanceOfSatisfying(InvalidTicketException.class, e -> {
            assertThat(e.field()).isEqualTo("body");
            assertThat(e.getMessage()).contains("customer.email").doesNotContain("secret-person");
        });
    }

    @Test
    void should_strip_control_characters_but_keep_newline_and_tab() {
        Ticket ticket = factory.create(valid().body("a\u0000b\u0007c\u007Fd\u0085e\tf\ng\u000Ch").build(), NOW);

        assertThat(ticket.body()).isEqualTo("abcde\tf\ngh");
    }

    @Test
    void should_normalise_crlf_and_lone_cr_to_lf() {
        Ticket ticket = factory.create(valid().body("one\r\ntwo\rthree\n\rfour").build(), NOW);

        assertThat(ticket.body()).isEqualTo("one\ntwo\nthree\n\nfour");
    }

    @Test
    void should_normalise_to_nfc() {
        Ticket ticket = factory.create(valid().body("Nin\u0303o").build(), NOW);   // n + combining tilde

        assertThat(ticket.body()).isEqualTo("Niño");
    }

    @Test
    void should_reject_unpaired_surrogates_in_any_text_field() {
        NewTicket input = valid().body("broken \uD83D text").subject("also \uDE00 broken").build();

        assertThat(violationsOf(input)).extracting(Violation::field).containsExactlyInAnyOrder("body", "subject");
    }

    @Test
    void should_count_body_length_in_code_points_when_emoji_are_used() {
        TicketFactory small = new TicketFactory(TicketLimits.ofDefaults().withMaxBodyLength(5));
        String fiveEmoji = "😀😀😀😀😀";   // 10 UTF-16 chars, 5 code points

        assertThat(small.create(valid().body(fiveEmoji).build(), NOW).body()).isEqualTo(fiveEmoji);
        assertThatThrownBy(() -> small.create(valid().body(fiveEmoji + "😀").build(), NOW))
                .isInstanceOfSatisfying(InvalidTicketException.class, e ->
                        assertThat(e.violations()).containsExactly(new Violation("body", "must be at most 5 characters, was 6")));
    }

    @Test
    void should_enforce_default_body_limit_of_20000_code_points() {
        assertThat(factory.create(valid().body("a".repeat(20_000)).build(), NOW).body()).hasSize(20_000);
        assertThat(violationsOf(valid().body("a".repeat(20_001)).build())).extracting(Violation::field).containsExactly("body");
    }

    @Test
    void should_trim_text_and_drop_blank_optional_fields() {
        NewTicket input = NewTicket.builder().subject("   ").body("  body  ").customerName("\t").customerEmail(" ")
                .customerExternalId("  ").build();

        Ticket ticket = factory.create(input, NOW);

        assertThat(ticket.body()).isEqualTo("body");
        assertThat(ticket.subject()).isEmpty();
        assertThat(ticket.customer().isAnonymous()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alex@example.com", "a.b+tag@sub.example.co.uk", "josé@ejemplo.es", "x@y.io"})
    void should_accept_email_when_well_formed(String email) {
        assertThat(factory.create(valid().customerEmail(email).build(), NOW).customer().email()).contains(email);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plainaddress", "@example.com", "alex@", "alex@example", "alex@@example.com",
            "alex example@example.com", "alex@example..com", "alex@.example.com", "alex@example.com."})
    void should_reject_email_when_malformed(String email) {
        assertThat(violationsOf(valid().customerEmail(email).build()))
                .containsExactly(new Violation("customer.email", "must be an e-mail address like name@example.com"));
    }

    @Test
    void should_reject_tags_with_inner_whitespace_and_trim_outer_whitespace() {
        assertThat(violationsOf(valid().tag("two words").build())).extracting(Violation::field).containsExactly("tags");
        Set<String> tags = new LinkedHashSet<>(List.of("  vip ", "billing"));

        assertThat(factory.create(valid().tags(tags).build(), NOW).tags()).containsExactlyInAnyOrder("vip", "billing");
    }

    @Test
    void should_reject_too_many_tags() {
        NewTicket.Builder builder = valid();
        for (int i = 0; i <= TicketLimits.DEFAULT_MAX_TAGS; i++) builder.tag("t" + i);

        assertThat(violationsOf(builder.build())).extracting(Violation::field).containsExactly("tags");
    }

    @Test
    void should_validate_idempotency_key_when_present() {
        assertThat(factory.idempotencyKey(valid().build())).isEmpty();
        assertThat(factory.idempotencyKey(valid().idempotencyKey("submit-1").build())).contains(IdempotencyKey.of("submit-1"));
        assertThatThrownBy(() -> factory.idempotencyKey(valid().idempotencyKey(" ").build()))
                .isInstanceOfSatisfying(InvalidTicketException.class, e -> assertThat(e.field()).isEqualTo("idempotencyKey"));
    }

    @Test
    void should_give_different_ids_to_tickets_created_at_the_same_instant() {
        assertThat(factory.create(valid().build(), NOW).id()).isNotEqualTo(factory.create(valid().build(), NOW).id());
    }
}
