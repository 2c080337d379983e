package dev.tickettriage.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tickettriage.domain.TicketId;
import dev.tickettriage.error.ExpiredAcknowledgementTokenException;
import dev.tickettriage.error.InvalidAcknowledgementTokenException;
import dev.tickettriage.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertAcknowledgementsTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef-host-secret".getBytes(StandardCharsets.UTF_8);
    private final MutableClock clock = MutableClock.start();
    private final AlertAcknowledgements acks = AlertAcknowledgements.builder(SECRET).validity(Duration.ofHours(1)).clock(clock).build();
    private final TicketId ticket = TicketId.generate(Instant.EPOCH);

    @Test
    void should_return_what_the_token_acknowledges_when_it_is_valid() {
        String token = acks.issue(ticket, "ticket-42/negative-sentiment/support-alerts");

        AlertAcknowledgements.Acknowledgement ack = acks.verify(token);

        assertThat(ack.ticketId()).isEqualTo(ticket);
        assertThat(ack.notificationKey()).isEqualTo("ticket-42/negative-sentiment/support-alerts");
        assertThat(ack.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");   // URL-safe, no padding
    }

    @Test
    void should_throw_expired_when_the_validity_has_passed() {
        String token = acks.issue(ticket, "k");
        clock.advance(Duration.ofHours(1));

        assertThatThrownBy(() -> acks.verify(token)).isInstanceOfSatisfying(ExpiredAcknowledgementTokenException.class,
                e -> assertThat(e.expiredAt()).isEqualTo(clock.instant()));
    }

    @Test
    void should_accept_the_token_just_before_it_expires() {
        String token = acks.issue(ticket, "k");
        clock.advance(Duration.ofHours(1).minusSeconds(1));

        assertThat(acks.verify(token).ticketId()).isEqualTo(ticket);
    }

    @Test
    void should_throw_invalid_when_signed_with_another_secret() {
        AlertAcknowledgements other = AlertAcknowledgements.builder("another-secret-that-is-32-bytes-long!!".getBytes(StandardCharsets.UTF_8))
                .clock(clock).build();
        String token = other.issue(ticket, "k");

        assertThatThrownBy(() -> acks.verify(token)).isExactlyInstanceOf(InvalidAcknowledgementTokenException.class)
                .hasMessageNotContaining(token);
    }

    @Test
    void should_throw_invalid_when_the_payload_was_changed() {
        String token = acks.issue(ticket, "k");
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String[] parts = payload.split(":");
        String later = parts[0] + ":" + parts[1] + ":" + (Long.parseLong(parts[2]) + 86_400) + ":" + parts[3];   // extend the expiry
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(later.getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));

        assertThatThrownBy(() -> acks.verify(forged)).isExactlyInstanceOf(InvalidAcknowledgementTokenException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "abc", "a.b.c", "!!!.???", "YQ.YQ", "djE6eDox.AAAA"})
    void should_throw_invalid_when_the_token_is_malformed(String token) {
        assertThatThrownBy(() -> acks.verify(token)).isExactlyInstanceOf(InvalidAcknowledgementTokenException.class);
    }

    @Test
    void should_refuse_a_short_secret_and_never_print_it() {
        assertThatThrownBy(() -> AlertAcknowledgements.builder(new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThat(acks.toString()).contains("secret=****").doesNotContain("host-secret");
    }
}
