package dev.tickettriage.classifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a {@link ClassifierBudget}: per limit the usage in its current period, and counters since the
 * budget was built.
 *
 * @param budget        the budget's name
 * @param at            when the snapshot was taken
 * @param limits        one entry per configured limit, in configuration order
 * @param calls         classifier answers counted against the budget
 * @param fallbackCalls tickets answered by the fallback because the budget was spent
 * @param heldCalls     tickets held (answered with a rate-limit signal) because the budget was spent
 */
public record BudgetUsage(String budget, Instant at, List<LimitUsage> limits, long calls, long fallbackCalls, long heldCalls) {

    public BudgetUsage {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(at, "at");
        limits = List.copyOf(limits);
    }

    /** Whether any limit is spent. */
    public boolean spent() {
        return limits.stream().anyMatch(LimitUsage::spent);
    }

    /** When the classifier will be called again, if a limit is spent: the latest reset of the spent limits. */
    public Optional<Instant> spentUntil() {
        return limits.stream().filter(LimitUsage::spent).map(LimitUsage::resetsAt).max(Instant::compareTo);
    }

    /**
     * One limit's usage in its current period.
     *
     * @param limit       the limit
     * @param used        tokens or US dollars used since {@code periodStart}
     * @param periodStart when the current period started
     * @param resetsAt    when it ends
     */
    public record LimitUsage(BudgetLimit limit, BigDecimal used, Instant periodStart, Instant resetsAt) {

        public LimitUsage {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(used, "used");
            Objects.requireNonNull(periodStart, "periodStart");
            Objects.requireNonNull(resetsAt, "resetsAt");
        }

        /** Whether the usage reached the limit. */
        public boolean spent() {
            return used.compareTo(limit.amount()) >= 0;
        }

        /** What is left this period; zero when spent. */
        public BigDecimal remaining() {
            return spent() ? BigDecimal.ZERO : limit.amount().subtract(used);
        }

        /** The usage as a fraction of the limit (may exceed 1: calls in flight when it was spent still count). */
        public double fraction() {
            return used.doubleValue() / limit.amount().doubleValue();
        }
    }
}
