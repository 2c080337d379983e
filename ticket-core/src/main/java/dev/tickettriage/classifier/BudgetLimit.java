package dev.tickettriage.classifier;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * One limit of a {@link ClassifierBudget}: at most {@code amount} tokens (input plus output) or US dollars of
 * estimated cost per {@link BudgetPeriod}. The limit is spent once the usage reaches the amount.
 *
 * @param period when the usage resets
 * @param metric what is counted
 * @param amount the most that may be used per period; positive (whole for tokens)
 */
public record BudgetLimit(BudgetPeriod period, Metric metric, BigDecimal amount) {

    /** What a limit counts. */
    public enum Metric {
        /** Input plus output tokens, from {@link dev.tickettriage.domain.Provenance#tokenUsage()}. */
        TOKENS,
        /** Estimated cost in US dollars, from {@link dev.tickettriage.domain.Provenance#cost()}. */
        COST_USD
    }

    /**
     * @throws IllegalArgumentException when {@code amount} is not positive, or not whole for tokens
     */
    public BudgetLimit {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() <= 0) throw new IllegalArgumentException("amount must be positive, was " + amount.toPlainString());
        if (metric == Metric.TOKENS && amount.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("a token amount must be whole, was " + amount.toPlainString());
        }
    }

    /** At most {@code tokens} tokens per day. */
    public static BudgetLimit tokensPerDay(long tokens) {
        return new BudgetLimit(BudgetPeriod.DAY, Metric.TOKENS, BigDecimal.valueOf(tokens));
    }

    /** At most {@code tokens} tokens per month. */
    public static BudgetLimit tokensPerMonth(long tokens) {
        return new BudgetLimit(BudgetPeriod.MONTH, Metric.TOKENS, BigDecimal.valueOf(tokens));
    }

    /** At most {@code usd} US dollars of estimated cost per day. */
    public static BudgetLimit costPerDay(BigDecimal usd) {
        return new BudgetLimit(BudgetPeriod.DAY, Metric.COST_USD, usd);
    }

    /** At most {@code usd} US dollars of estimated cost per month. */
    public static BudgetLimit costPerMonth(BigDecimal usd) {
        return new BudgetLimit(BudgetPeriod.MONTH, Metric.COST_USD, usd);
    }

    /** A short description, for example {@code 1000000 tokens per day} or {@code 40 USD per month}. */
    public String describe() {
        return amount.stripTrailingZeros().toPlainString() + (metric == Metric.TOKENS ? " tokens" : " USD") + " per "
                + period.name().toLowerCase(Locale.ROOT);
    }
}
