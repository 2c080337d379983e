package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {

    @Test
    void should_stand_still_until_moved() {
        MutableClock clock = MutableClock.start();

        assertThat(clock.instant()).isEqualTo(MutableClock.DEFAULT_START);
        assertThat(clock.instant()).isEqualTo(clock.instant());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void should_move_by_amount_when_advanced() {
        MutableClock clock = MutableClock.at(Instant.parse("2026-05-01T00:00:00Z"));

        Instant after = clock.advance(Duration.ofMinutes(90));

        assertThat(after).isEqualTo(Instant.parse("2026-05-01T01:30:00Z"));
        assertThat(clock.millis()).isEqualTo(after.toEpochMilli());
    }

    @Test
    void should_read_set_instant_when_set() {
        MutableClock clock = MutableClock.start();

        clock.set(Instant.parse("2030-01-01T00:00:00Z"));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void should_share_time_with_zoned_view() {
        MutableClock clock = MutableClock.start();
        Clock madrid = clock.withZone(ZoneId.of("Europe/Madrid"));

        clock.advance(Duration.ofHours(1));

        assertThat(madrid.instant()).isEqualTo(clock.instant());
        assertThat(madrid.getZone()).isEqualTo(ZoneId.of("Europe/Madrid"));
    }

    @Test
    void should_lose_no_update_when_advanced_from_many_threads() throws Exception {
        MutableClock clock = MutableClock.start();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1_000; i++) clock.advance(Duration.ofMillis(1));
            });
            threads[t].start();
        }
        for (Thread thread : threads) thread.join();

        assertThat(clock.instant()).isEqualTo(MutableClock.DEFAULT_START.plusMillis(8_000));
    }
}
