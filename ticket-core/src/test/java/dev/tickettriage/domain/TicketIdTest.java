package dev.tickettriage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.error.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TicketIdTest {

    @Test
    void should_sort_by_creation_millis_as_ids_and_as_strings() {
        List<TicketId> generated = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 500; i++) {
            generated.add(TicketId.generate(start.plusMillis(i * 7L)));
        }

        List<TicketId> byCompareTo = new ArrayList<>(generated);
        byCompareTo.sort(Comparator.naturalOrder());
        List<TicketId> byString = new ArrayList<>(generated);
        byString.sort(Comparator.comparing(TicketId::toString));

        assertThat(byCompareTo).containsExactlyElementsOf(generated);
        assertThat(byString).containsExactlyElementsOf(generated);
    }

    @Test
    void should_order_same_as_string_when_low_bits_differ_in_sign() {
        TicketId low = TicketId.of(new UUID(0x0190000000007000L, 0x8000000000000000L));
        TicketId high = TicketId.of(new UUID(0x0190000000007000L, 0xBFFFFFFFFFFFFFFFL));

        assertThat(low.compareTo(high)).isNegative();
        assertThat(low.toString().compareTo(high.toString())).isNegative();
    }

    @Test
    void should_generate_version_7_variant_2_uuids() {
        UUID uuid = TicketId.generate(Instant.now()).value();

        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
    }

    @Test
    void should_embed_creation_millis() {
        Instant at = Instant.parse("2026-06-01T12:00:00.123Z");

        assertThat(TicketId.generate(at).value().getMostSignificantBits() >>> 16).isEqualTo(at.toEpochMilli());
    }

    @Test
    void should_parse_its_own_text_form() {
        TicketId id = TicketId.generate(Instant.now());

        assertThat(TicketId.parse(id.toString())).isEqualTo(id);
        assertThat(TicketId.parse(" " + id + " ")).isEqualTo(id);
    }

    @Test
    void should_reject_text_that_is_not_a_uuid_with_a_short_message() {
        String longGarbage = "x".repeat(500);

        assertThatThrownBy(() -> TicketId.parse(longGarbage))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("id");
                    assertThat(e.getMessage().length()).isLessThan(120);
                });
    }
}
