package dev.tickettriage.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiRedactorTest {

    private final PiiRedactor redactor = PiiRedactor.ofDefaults();

    @Test
    void should_replace_email_card_iban_and_phone_and_restore_them_locally() {
        String text = "Mail me at jane.doe+x@example.com, card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, call +49 30 1234567.";

        PiiRedactor.Redaction redaction = redactor.redact(text);

        assertThat(redaction.text()).isEqualTo("Mail me at [EMAIL_1], card [CARD_1], IBAN [IBAN_1], call [PHONE_1].");
        assertThat(redaction.restore("Reply sent to [EMAIL_1] about [CARD_1]")).isEqualTo("Reply sent to jane.doe+x@example.com about 4111 1111 1111 1111");
        assertThat(redaction.toString()).doesNotContain("example.com", "4111");
    }

    @ParameterizedTest
    @ValueSource(strings = {"order 4111 1111 1111 1112 failed", "on 2026-11-23 at 10:30", "ticket #12345", "IBAN DE00 3704 0044 0532 0130 00"})
    void should_leave_numbers_that_fail_the_checks(String text) {
        assertThat(redactor.redact(text).text()).doesNotContain("[CARD_", "[IBAN_");
    }

    @Test
    void should_use_one_placeholder_for_a_repeated_value() {
        PiiRedactor.Redaction redaction = redactor.redact("a@b.io and again a@b.io");

        assertThat(redaction.text()).isEqualTo("[EMAIL_1] and again [EMAIL_1]");
        assertThat(redaction.count()).isEqualTo(1);
    }

    @Test
    void should_stay_fast_on_a_long_run_of_letters_with_an_at_sign_at_the_end() {
        String text = "x".repeat(200_000) + " @";

        // quadratic backtracking took minutes here; a linear scan is instant (assertTimeout guards against regressions)
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> assertThat(redactor.redact(text).count()).isZero());
    }
}
