package dev.tickettriage.ntfy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tickettriage.port.DeliveryResult;
import dev.tickettriage.port.DeliveryResult.Status;
import dev.tickettriage.testkit.MutableClock;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The status table of {@link HttpOutcomes}, the one place that decides what is retried. */
class HttpOutcomesTest {

    private final MutableClock clock = MutableClock.start();   // 2026-01-01T09:00:00Z
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "200, DELIVERED", "201, DELIVERED", "204, DELIVERED",
            "301, PERMANENT_FAILURE", "302, PERMANENT_FAILURE", "307, PERMANENT_FAILURE",
            "400, PERMANENT_FAILURE", "401, PERMANENT_FAILURE", "403, PERMANENT_FAILURE", "404, PERMANENT_FAILURE",
            "405, PERMANENT_FAILURE", "413, PERMANENT_FAILURE", "422, PERMANENT_FAILURE",
            "408, RETRYABLE_FAILURE", "425, RETRYABLE_FAILURE", "429, RETRYABLE_FAILURE",
            "500, RETRYABLE_FAILURE", "502, RETRYABLE_FAILURE", "503, RETRYABLE_FAILURE", "504, RETRYABLE_FAILURE",
            "507, RETRYABLE_FAILURE"})
    void should_map_status_when_ntfy_answers(int status, Status expected) {
        DeliveryResult result = HttpOutcomes.forStatus(status, null, "", clock, json);

        assertThat(result.status()).isEqualTo(expected);
        if (expected != Status.DELIVERED) assertThat(result.failureDetail().orElseThrow()).contains("HTTP " + status);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "error-400-40009.json, 40009, topic invalid",
            "error-401-40101.json, 40101, unauthorized",
            "error-403-40301.json, 40301, forbidden",
            "error-404-40401.json, 40401, page not found",
            "error-413-41303.json, 41303, JSON body too large"})
    void should_carry_ntfy_code_and_message_when_failure_is_permanent(String fixture, long code, String message) {
        int status = (int) (code / 100);

        DeliveryResult result = HttpOutcomes.forStatus(status, null, Fixtures.read(fixture), clock, json);

        assertThat(result.status()).isEqualTo(Status.PERMANENT_FAILURE);
        assertThat(result.failureDetail().orElseThrow()).startsWith("ntfy answered HTTP " + status + " (code " + code + "): ")
                .contains(message);
    }

    @Test
    void should_cut_server_message_to_200_characters_when_it_is_long() {
        String body = "{\"code\":40000,\"http\":400,\"error\":\"" + "x".repeat(5_000) + "\"}";

        String detail = HttpOutcomes.forStatus(400, null, body, clock, json).failureDetail().orElseThrow();

        assertThat(detail).contains("x".repeat(200) + "…").doesNotContain("x".repeat(201));
    }

    @Test
    void should_quote_start_of_body_when_answer_is_not_ntfy_json() {
        String detail = HttpOutcomes.forStatus(502, null, Fixtures.read("proxy-502.html"), clock, json).failureDetail().orElseThrow();

        assertThat(detail).isEqualTo("ntfy answered HTTP 502: <html><body><h1>502 Bad Gateway</h1></body></html>");
    }

    @Test
    void should_honour_delta_seconds_when_retry_after_is_a_number() {
        DeliveryResult result = HttpOutcomes.forStatus(429, "120", Fixtures.read("error-429-42901.json"), clock, json);

        assertThat(result.status()).isEqualTo(Status.RETRYABLE_FAILURE);
        assertThat(result.retryDelay()).contains(Duration.ofSeconds(120));
        assertThat(result.failureDetail().orElseThrow()).contains("(code 42901)");
    }

    @Test
    void should_measure_from_the_clock_when_retry_after_is_an_http_date() {
        DeliveryResult result = HttpOutcomes.forStatus(503, "Thu, 01 Jan 2026 09:05:30 GMT", "", clock, json);

        assertThat(result.retryDelay()).contains(Duration.ofSeconds(330));
    }

    @Test
    void should_wait_zero_when_retry_after_date_has_passed() {
        assertThat(HttpOutcomes.parseRetryAfter("Thu, 01 Jan 2026 08:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"soon", "-5", "1.5", "99999999999999999999999", "Thu, 32 Jan 2026 09:00:00 GMT"})
    void should_leave_delay_to_the_retry_policy_when_retry_after_is_absent_or_garbage(String value) {
        assertThat(HttpOutcomes.parseRetryAfter(value, clock)).isNull();
    }

    @Test
    void should_be_retryable_naming_only_the_class_when_io_fails() {
        for (IOException failure : new IOException[] {new SocketTimeoutException("timeout to ntfy.example.com"),
                new ConnectException("refused"), new InterruptedIOException("interrupted")}) {
            DeliveryResult result = HttpOutcomes.forIoFailure(failure);

            assertThat(result.status()).isEqualTo(Status.RETRYABLE_FAILURE);
            assertThat(result.failureDetail().orElseThrow()).isEqualTo("ntfy request failed: " + failure.getClass().getName());
        }
    }
}
