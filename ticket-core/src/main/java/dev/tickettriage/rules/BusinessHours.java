package dev.tickettriage.rules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Opening hours in one time zone: open on {@code days} from {@code open} (inclusive) to {@code close}
 * (exclusive), local time. Spans across midnight are not supported: {@code open} must be before
 * {@code close}. Immutable and thread-safe.
 *
 * @throws IllegalArgumentException when {@code days} is empty or {@code open} is not before {@code close}
 */
public record BusinessHours(ZoneId zone, Set<DayOfWeek> days, LocalTime open, LocalTime close) {

    public BusinessHours {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        if (days.isEmpty()) throw new IllegalArgumentException("days must not be empty");
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException("open must be before close, was " + open + "-" + close);
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /** Monday to Friday, {@code open} to {@code close} in {@code zone}. */
    public static BusinessHours weekdays(ZoneId zone, LocalTime open, LocalTime close) {
        return new BusinessHours(zone, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), open, close);
    }

    /** Whether {@code instant} falls within these hours, judged by the local day and time in {@link #zone()}. */
    public boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(open) && time.isBefore(close);
    }
}
