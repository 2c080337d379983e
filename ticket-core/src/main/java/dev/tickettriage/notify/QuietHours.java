package dev.tickettriage.notify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/** A daily quiet window in a zone; spans midnight when start is after end. */
final class QuietHours {

    private final LocalTime start;
    private final LocalTime end;
    private final ZoneId zone;

    QuietHours(LocalTime start, LocalTime end, ZoneId zone) {
        this.start = Objects.requireNonNull(start, "start");
        this.end = Objects.requireNonNull(end, "end");
        this.zone = Objects.requireNonNull(zone, "zone");
        if (start.equals(end)) throw new IllegalArgumentException("quiet hours start and end must differ, both were " + start);
    }

    /** When the quiet window {@code now} falls in ends; empty when {@code now} is not quiet. */
    Optional<Instant> endOfQuietAt(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        LocalDate today = local.toLocalDate();
        if (start.isBefore(end)) {
            if (time.isBefore(start) || !time.isBefore(end)) return Optional.empty();
            return Optional.of(at(today, end, now));
        }
        if (!time.isBefore(start)) return Optional.of(at(today.plusDays(1), end, now));
        if (time.isBefore(end)) return Optional.of(at(today, end, now));
        return Optional.empty();
    }

    private Instant at(LocalDate date, LocalTime time, Instant now) {
        Instant instant = ZonedDateTime.of(date, time, zone).toInstant();   // a DST gap moves it forward
        return instant.isAfter(now) ? instant : now.plusSeconds(1);
    }

    @Override
    public String toString() {
        return start + "-" + end + " " + zone;
    }
}
