package dev.tickettriage.domain;

import dev.tickettriage.internal.Text;
import dev.tickettriage.error.InvalidInputException;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A ticket's identity: a UUID version 7, so ids sort by creation time (to the millisecond) both as
 * UUIDs and as strings.
 */
public record TicketId(UUID value) implements Comparable<TicketId> {

    public TicketId {
        Objects.requireNonNull(value, "value");
    }

    /** A new time-ordered id for a ticket created at {@code createdAt}. Thread-safe. */
    public static TicketId generate(Instant createdAt) {
        long millis = createdAt.toEpochMilli();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long randA = random.nextLong() & 0x0FFFL;
        long msb = (millis << 16) | 0x7000L | randA;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new TicketId(new UUID(msb, lsb));
    }

    /** Parses the canonical UUID text form. */
    public static TicketId parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return new TicketId(UUID.fromString(text.trim()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("id", "must be a UUID, was '" + abbreviate(text) + "'");
        }
    }

    public static TicketId of(UUID value) {
        return new TicketId(value);
    }

    private static String abbreviate(String text) {
        return Text.truncate(text, 40);
    }

    @Override
    public int compareTo(TicketId other) {
        // UUID.compareTo compares signed longs; v7 timestamps are positive until year 10889, but the
        // low half has its variant bit set, so compare unsigned to keep string order and UUID order equal.
        int high = Long.compareUnsigned(value.getMostSignificantBits(), other.value.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(value.getLeastSignificantBits(), other.value.getLeastSignificantBits());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
