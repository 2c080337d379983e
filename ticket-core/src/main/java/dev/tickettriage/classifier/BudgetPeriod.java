package dev.tickettriage.classifier;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/** The calendar period a {@link BudgetLimit} applies to, in the budget's time zone. */
public enum BudgetPeriod {

    /** From midnight to midnight. */
    DAY,

    /** From midnight of the first day of the month to that of the next month. */
    MONTH;

    /** When the period containing {@code instant} started. */
    public Instant start(Instant instant, ZoneId zone) {
        LocalDate date = LocalDate.ofInstant(instant, zone);
        LocalDate first = this == DAY ? date : date.with(TemporalAdjusters.firstDayOfMonth());
        return first.atStartOfDay(zone).toInstant();
    }

    /** When the period containing {@code instant} ends, which is when the next one starts. */
    public Instant end(Instant instant, ZoneId zone) {
        LocalDate date = LocalDate.ofInstant(instant, zone);
        LocalDate next = this == DAY ? date.plusDays(1) : date.with(TemporalAdjusters.firstDayOfNextMonth());
        return next.atStartOfDay(zone).toInstant();
    }
}
