package dev.tickettriage.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The limiter on a hand-moved clock; scheduled wake-ups are captured and run by the test. */
class RequestLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Runnable> wakeUps = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final ScheduledExecutorService timer = mock(ScheduledExecutorService.class);

    @BeforeEach
    @SuppressWarnings({"unchecked", "rawtypes"})
    void captureWakeUps() {
        when(timer.schedule(any(Runnable.class), anyLong(), eq(TimeUnit.NANOSECONDS))).thenAnswer(call -> {
            wakeUps.add(call.getArgument(0));
            delays.add(call.getArgument(1));
            return (ScheduledFuture) mock(ScheduledFuture.class);
        });
    }

    private RequestLimiter limiter(int maxInFlight, int perMinute, long tokensPerMinute) {
        return new RequestLimiter(new RequestLimiter.Limits(maxInFlight, perMinute, tokensPerMinute), timer, now::get);
    }

    private void advanceMillisAndWake(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
        List<Runnable> due = new ArrayList<>(wakeUps);
        wakeUps.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void should_hold_requests_above_the_in_flight_limit_until_one_is_released() {
        RequestLimiter limiter = limiter(2, 0, 0);
        CompletableFuture<RequestLimiter.Permit> first = limiter.acquire(10);
        CompletableFuture<RequestLimiter.Permit> second = limiter.acquire(10);
        CompletableFuture<RequestLimiter.Permit> third = limiter.acquire(10);

        assertThat(first).isDone();
        assertThat(second).isDone();
        assertThat(third).isNotDone();
        assertThat(limiter.waiting()).isEqualTo(1);

        limiter.release(first.join(), 10);
        limiter.release(first.join(), 10);   // a second release of the same permit changes nothing

        assertThat(third).isDone();
        assertThat(limiter.inFlight()).isEqualTo(2);
        assertThat(wakeUps).isEmpty();
    }

    @Test
    void should_spread_requests_per_minute_over_the_minute() {
        RequestLimiter limiter = limiter(64, 120, 0);   // 2 per second, a burst of at most 2
        List<CompletableFuture<RequestLimiter.Permit>> permits = new ArrayList<>();
        for (int i = 0; i < 5; i++) permits.add(limiter.acquire(0));

        assertThat(permits).filteredOn(CompletableFuture::isDone).hasSize(2);
        assertThat(delays).containsExactly(TimeUnit.MILLISECONDS.toNanos(500));

        advanceMillisAndWake(500);
        assertThat(permits).filteredOn(CompletableFuture::isDone).hasSize(3);
        advanceMillisAndWake(1_000);
        assertThat(permits).filteredOn(CompletableFuture::isDone).hasSize(5);
    }

    @Test
    void should_estimate_tokens_before_and_correct_them_with_the_reported_usage() {
        RequestLimiter limiter = limiter(64, 0, 6_000);   // 100 tokens per second
        CompletableFuture<RequestLimiter.Permit> first = limiter.acquire(80);
        CompletableFuture<RequestLimiter.Permit> second = limiter.acquire(80);
        assertThat(first).isDone();
        assertThat(second).as("20 tokens left, 80 estimated").isNotDone();

        limiter.release(first.join(), 20);   // it used 20, not 80: 60 come back

        assertThat(second).isDone();
    }

    @Test
    void should_let_a_request_larger_than_a_second_of_tokens_go_on_a_full_bucket_and_leave_a_debt() {
        RequestLimiter limiter = limiter(64, 0, 6_000);
        CompletableFuture<RequestLimiter.Permit> big = limiter.acquire(1_000);
        CompletableFuture<RequestLimiter.Permit> next = limiter.acquire(50);

        assertThat(big).isDone();
        assertThat(next).isNotDone();
        advanceMillisAndWake(5_000);   // 500 tokens refilled: still 400 in debt
        assertThat(next).isNotDone();
        advanceMillisAndWake(9_500);
        assertThat(next).isDone();
    }

    @Test
    void should_send_nothing_while_paused_after_a_429() {
        RequestLimiter limiter = limiter(64, 0, 0);
        limiter.pauseFor(TimeUnit.SECONDS.toNanos(2));
        CompletableFuture<RequestLimiter.Permit> held = limiter.acquire(10);

        assertThat(held).isNotDone();
        advanceMillisAndWake(2_000);
        assertThat(held).isDone();
    }

    @Test
    void should_hand_the_slot_of_a_cancelled_wait_to_the_next_request() {
        RequestLimiter limiter = limiter(1, 0, 0);
        CompletableFuture<RequestLimiter.Permit> first = limiter.acquire(1);
        CompletableFuture<RequestLimiter.Permit> gaveUp = limiter.acquire(1);
        CompletableFuture<RequestLimiter.Permit> next = limiter.acquire(1);
        gaveUp.cancel(false);

        limiter.release(first.join(), 1);

        assertThat(next).isDone();
        assertThat(limiter.inFlight()).isEqualTo(1);
    }
}
