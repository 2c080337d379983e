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
}
