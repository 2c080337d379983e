package dev.tickettriage.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it with {@link #set(Instant)} or {@link #advance(Duration)}.
 *
 * <p>Thread-safe: the current instant is held atomically and shared by every clock derived with
 * {@link #withZone(ZoneId)}. Time may be moved backwards on purpose (to test clock skew).
 */
public final class MutableClock extends Clock {

    /** The instant {@link #start()} uses: 2026-01-01T09:00:00Z. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T09:00:00Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock in UTC that reads {@code start} until moved. */
    public static MutableClock at(Instant start) {
        return new MutableClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    /** A clock in UTC that reads {@link #DEFAULT_START} until moved. */
    public static MutableClock start() {
        return at(DEFAULT_START);
    }

    /** Sets the current instant. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    /**
     * Moves the clock by {@code amount} (which may be negative) and returns the new instant.
     *
     * @throws NullPointerException when amount is null
     */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        return now.updateAndGet(current -> current.plus(amount));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view in another zone that shares this clock's instant (moving one moves both). */
    @Override
    public Clock withZone(ZoneId newZone) {
        return new MutableClock(now, Objects.requireNonNull(newZone, "zone"));
    }

    @Override
    public String toString() {
        return "MutableClock[" + now.get() + ", " + zone + "]";
    }
}
