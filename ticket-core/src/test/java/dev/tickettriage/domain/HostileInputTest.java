package dev.tickettriage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tickettriage.error.IdempotencyConflictException;
import dev.tickettriage.error.InvalidInputException;
import dev.tickettriage.error.InvalidTicketException;
import dev.tickettriage.error.InvalidTicketException.Violation;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 5 section 6: input that tries to slip past validation. */
class HostileInputTest {

    private static final Instant NOW = Instant.parse("2026-02-03T10:15:30Z");
    private static final String LONE_HIGH_SURROGATE = "\uD83D";
    private final TicketFactory factory = TicketFactory.ofDefaults();

    private List<Violation> violationsOf(TicketFactory ticketFactory, NewTicket input) {
        try {
            ticketFactory.create(input, NOW);
        } catch (InvalidTicketException e) {
            return e.violations();
        }
        throw new AssertionError("expected InvalidTicketException");
    }

    private List<Violation> violationsOf(NewTicket input) {
        return violationsOf(factory, input);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u00A0", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u2003", "\u3000", "\u2028",
            "\u200E", "\u00AD", "\u3164", "\u2800", "\uFE0F", "\u00A0\u200B \u2060\uFEFF\t\u202F"})
    void should_reject_body_as_blank_when_it_has_no_visible_character(String invisible) {
        NewTicket input = NewTicket.of(invisible + invisible);

        assertThat(violationsOf(input)).containsExactly(new Violation("body", "must not be blank"));
    }

    @Test
    void should_drop_subject_as_blank_when_it_has_no_visible_character() {
        Ticket ticket = factory.create(NewTicket.builder().subject("\u00A0\u200B\u2060").body("card lost").build(), NOW);

        assertThat(ticket.subject()).isEmpty();
    }

    @Test
    void should_accept_body_when_a_visible_character_is_surrounded_by_invisible_ones() {
        Ticket ticket = factory.create(NewTicket.of("\u200B\u00A0ok\u2060"), NOW);

        assertThat(ticket.body()).contains("ok");
    }

    @Test
    void should_reject_tags_with_zero_width_characters_inside() {
        assertThat(violationsOf(NewTicket.builder().body("hi").tag("v\u200Bip").build()))
                .extracting(Violation::field).containsExactly("tags");
    }

    @ParameterizedTest
    @ValueSource(strings = {"key-\uD83D", "\uDE00key", "\u200B\u00A0"})
    void should_reject_idempotency_key_when_it_has_an_unpaired_surrogate_or_no_visible_character(String key) {
        assertThatThrownBy(() -> IdempotencyKey.of(key))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("idempotencyKey"));
        assertThat(violationsOf(NewTicket.builder().body("hi").idempotencyKey(key).build()))
                .extracting(Violation::field).containsExactly("idempotencyKey");
    }

    @Test
    void should_accept_idempotency_key_with_a_paired_surrogate() {
        assertThat(IdempotencyKey.of("order-\uD83D\uDE00").value()).isEqualTo("order-\uD83D\uDE00");
    }

    @Test
    void should_reject_category_label_when_it_has_an_unpaired_surrogate() {
        assertThatThrownBy(() -> Category.of("billing" + LONE_HIGH_SURROGATE))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("category");
                    assertThat(e.reason()).contains("unpaired UTF-16 surrogate");
                });
        assertThatThrownBy(() -> Taxonomy.builder().version("v1").category("billing" + LONE_HIGH_SURROGATE, "money").build())
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void should_reject_category_label_when_it_has_no_visible_character() {
        assertThatThrownBy(() -> Category.of("\u200B")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void should_reject_taxonomy_alias_when_it_has_an_unpaired_surrogate() {
        assertThatThrownBy(() -> Taxonomy.builder().version("v1")
                .category("billing", "money", List.of(), List.of("invoice" + LONE_HIGH_SURROGATE)).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("taxonomy.aliases"));
    }

    @Test
    void should_reject_taxonomy_examples_description_and_version_when_they_have_an_unpaired_surrogate() {
        assertThatThrownBy(() -> new CategoryDefinition(Category.of("billing"), "money",
                List.of("charged " + LONE_HIGH_SURROGATE), List.of()))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("taxonomy.examples"));
        assertThatThrownBy(() -> CategoryDefinition.of("billing", "money" + LONE_HIGH_SURROGATE))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("taxonomy.description"));
        assertThatThrownBy(() -> Taxonomy.builder().version("v" + LONE_HIGH_SURROGATE).category("billing", "money").build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("taxonomy.version"));
    }

    @Test
    void should_reject_taxonomy_alias_when_it_has_no_visible_character() {
        assertThatThrownBy(() -> Taxonomy.builder().version("v1")
                .category("billing", "money", List.of(), List.of("\u00A0\u200B")).build())
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("taxonomy.aliases"));
    }

    @Test
    void should_report_colliding_attribute_keys_by_position_when_nfc_and_nfd_forms_are_used() {
        NewTicket input = NewTicket.builder().body("hi")
                .attribute("plan", "gold")
                .attribute("caf\u00E9", "secret-value-one")
                .attribute("cafe\u0301", "secret-value-two")
                .build();

        assertThatThrownBy(() -> factory.create(input, NOW)).isInstanceOfSatisfying(InvalidTicketException.class, e -> {
            assertThat(e.violations()).containsExactly(new Violation("attributes",
                    "key at position 3 equals the key at position 2 after normalisation (NFC, control characters removed, trimmed)"));
            assertThat(e.getMessage()).doesNotContain("secret-value", "caf");
        });
    }

    @Test
    void should_report_colliding_attribute_keys_when_they_differ_only_by_blanks_or_control_characters() {
        NewTicket input = NewTicket.builder().body("hi").attribute("plan", "a").attribute(" pl\u0000an ", "b").build();

        assertThat(violationsOf(input)).extracting(Violation::field).containsExactly("attributes");
    }

    @Test
    void should_report_null_tags_and_attribute_keys_and_values_as_violations_instead_of_throwing_npe() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("plan", null);
        attributes.put(null, "gold");
        Set<String> tags = new HashSet<>(Arrays.asList("vip", null));

        NewTicket input = NewTicket.builder().body("hi").tags(tags).attributes(attributes).tag(null).build();

        assertThat(violationsOf(input)).extracting(Violation::field)
                .containsExactlyInAnyOrder("tags", "attributes.value", "attributes.key");
        assertThat(violationsOf(input)).allSatisfy(violation -> assertThat(violation.reason()).contains("must not be null"));
    }

    @Test
    void should_name_the_position_when_an_attribute_value_is_null() {
        NewTicket input = NewTicket.builder().body("hi").attribute("plan", "gold").attribute("tier", null).build();

        assertThat(violationsOf(input)).containsExactly(new Violation("attributes.value", "at position 2 must not be null"));
    }

    @Test
    void should_report_every_new_violation_in_one_exception() {
        NewTicket input = NewTicket.builder()
                .subject("re: " + LONE_HIGH_SURROGATE)
                .body("\u00A0\u200B")
                .tag(null)
                .attribute("caf\u00E9", "1")
                .attribute("cafe\u0301", "2")
                .attribute("tier", null)
                .idempotencyKey("key-" + LONE_HIGH_SURROGATE)
                .build();

        assertThat(violationsOf(input)).extracting(Violation::field)
                .containsExactly("subject", "body", "tags", "attributes", "attributes.value", "idempotencyKey");
    }

    @Test
    void should_check_raw_length_before_normalising_when_body_is_over_the_limit() {
        // 11 code points as sent; NFC composes e + U+0301 into one, which would bring it to the limit of 10
        TicketFactory small = new TicketFactory(TicketLimits.ofDefaults().withMaxBodyLength(10));
        String body = "cafe\u0301 12345";

        assertThat(violationsOf(small, NewTicket.of(body)))
                .containsExactly(new Violation("body", "must be at most 10 characters, was 11"));
    }

    @Test
    void should_report_the_raw_length_when_a_huge_body_is_rejected() {
        // 10 MiB of NFD text, with an unpaired surrogate at the end: only the size is reported, so nothing
        // past the length check (surrogate scan, normalisation) looked at it
        String body = "e\u0301".repeat(5 * 1024 * 1024 - 1) + "x" + LONE_HIGH_SURROGATE;

        assertThat(violationsOf(NewTicket.of(body)))
                .containsExactly(new Violation("body", "must be at most 20000 characters, was " + body.length()));
    }

    @Test
    void should_accept_a_retry_when_the_request_is_the_same_after_normalisation() {
        Ticket stored = factory.create(NewTicket.builder().subject("Refund").body("caf\u00E9\r\nbill").customerEmail("a@example.com")
                .tag("first").build(), NOW);
        Ticket retried = factory.create(NewTicket.builder().subject(" Refund ").body("cafe\u0301\nbill").customerEmail("a@example.com")
                .tag("retry").build(), NOW.plusSeconds(5));

        assertThatCode(() -> factory.requireSameRequest(stored, retried)).doesNotThrowAnyException();
    }

    @Test
    void should_throw_idempotency_conflict_when_the_same_key_comes_with_another_request() {
        Ticket stored = factory.create(NewTicket.builder().body("my card is lost").build(), NOW);
        Ticket other = factory.create(NewTicket.builder().body("please refund order 42").build(), NOW);

        assertThatThrownBy(() -> factory.requireSameRequest(stored, other))
                .isInstanceOfSatisfying(IdempotencyConflictException.class, e -> {
                    assertThat(e.field()).isEqualTo("idempotencyKey");
                    assertThat(e.existingTicket()).isEqualTo(stored.id());
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains(stored.id().toString()).doesNotContain("card", "refund");
                });
    }

    @Test
    void should_throw_idempotency_conflict_when_only_channel_or_customer_differs() {
        Ticket stored = factory.create(NewTicket.builder().body("lost card").channel(Channel.EMAIL).build(), NOW);
        Ticket otherChannel = factory.create(NewTicket.builder().body("lost card").channel(Channel.WEB).build(), NOW);
        Ticket otherCustomer = factory.create(NewTicket.builder().body("lost card").channel(Channel.EMAIL)
                .customerExternalId("c-2").build(), NOW);

        assertThatThrownBy(() -> factory.requireSameRequest(stored, otherChannel)).isInstanceOf(IdempotencyConflictException.class);
        assertThatThrownBy(() -> factory.requireSameRequest(stored, otherCustomer)).isInstanceOf(IdempotencyConflictException.class);
    }

    @Test
    void should_tell_apart_requests_whose_fields_only_shift_text_between_them() {
        Ticket stored = factory.create(NewTicket.builder().subject("ab").body("c").build(), NOW);
        Ticket shifted = factory.create(NewTicket.builder().subject("a").body("bc").build(), NOW);

        assertThatThrownBy(() -> factory.requireSameRequest(stored, shifted)).isInstanceOf(IdempotencyConflictException.class);
    }
}
