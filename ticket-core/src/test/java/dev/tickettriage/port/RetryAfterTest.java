package dev.tickettriage.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T08:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({"408,true", "425,true", "429,true", "500,true", "503,true", "599,true", "200,false", "301,false",
            "400,false", "401,false", "403,false", "404,false", "413,false", "600,false"})
    void should_tell_retryable_statuses(int status, boolean retryable) {
        assertThat(RetryAfter.isRetryableStatus(status)).isEqualTo(retryable);
    }

    @Test
    void should_parse_delta_seconds_and_http_dates_from_the_clock() {
        assertThat(RetryAfter.parse(" 120 ", clock)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 08:01:30 GMT", clock)).contains(Duration.ofSeconds(90));
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 07:00:00 GMT", clock)).contains(Duration.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "soon", "-5", "1.5", "99999999999999999999999"})
    void should_be_empty_when_the_value_is_unparsable(String value) {
        assertThat(RetryAfter.parse(value, clock)).isEmpty();
    }

    @Test
    void should_be_empty_when_the_header_is_absent() {
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
    }

    @Test
    void should_read_retry_after_ms_first_then_decimal_or_whole_seconds_from_llm_providers() {
        java.util.Map<String, String> both = java.util.Map.of("retry-after-ms", "120.5", "retry-after", "3");
        assertThat(RetryAfter.fromHeaders(both::get, clock)).contains(Duration.ofMillis(121));
        assertThat(RetryAfter.fromHeaders(java.util.Map.of("retry-after", "1.5")::get, clock)).contains(Duration.ofMillis(1_500));
        assertThat(RetryAfter.fromHeaders(java.util.Map.of("retry-after", "0.0004")::get, clock)).contains(Duration.ofMillis(1));
        assertThat(RetryAfter.fromHeaders(java.util.Map.of("retry-after", "2")::get, clock)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfter.fromHeaders(java.util.Map.of("retry-after", "Thu, 01 Jan 2026 08:00:10 GMT")::get, clock))
                .contains(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "-5", "soon", "1e3", "12.", "99999999999999999999999"})
    void should_fall_back_to_retry_after_when_retry_after_ms_is_unusable(String millis) {
        java.util.Map<String, String> headers = java.util.Map.of("retry-after-ms", millis, "retry-after", "7");
        assertThat(RetryAfter.fromHeaders(headers::get, clock)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parseMillis(millis)).isEmpty();
    }

    @Test
    void should_be_empty_when_no_header_names_a_delay() {
        assertThat(RetryAfter.fromHeaders(name -> null, clock)).isEmpty();
        assertThat(RetryAfter.fromHeaders(java.util.Map.of("retry-after", "-1.5")::get, clock)).isEmpty();
    }
}
