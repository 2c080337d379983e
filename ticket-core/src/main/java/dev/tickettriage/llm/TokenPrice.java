package dev.tickettriage.llm;

import dev.tickettriage.domain.TokenUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A model's price in US dollars per million input and output tokens, to estimate each call's cost. Immutable.
 *
 * @throws IllegalArgumentException when a price is negative
 */
public record TokenPrice(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public TokenPrice {
        Objects.requireNonNull(inputPerMillion, "inputPerMillion");
        Objects.requireNonNull(outputPerMillion, "outputPerMillion");
        if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
            throw new IllegalArgumentException("prices must not be negative, were " + inputPerMillion + "/" + outputPerMillion);
        }
    }

    /** A price from dollar amounts per million tokens, such as {@code of("0.15", "0.60")}. */
    public static TokenPrice of(String inputPerMillion, String outputPerMillion) {
        return new TokenPrice(new BigDecimal(inputPerMillion), new BigDecimal(outputPerMillion));
    }

    /** The estimated cost of {@code usage}, in US dollars, rounded to 8 decimals. */
    public BigDecimal cost(TokenUsage usage) {
        BigDecimal input = inputPerMillion.multiply(BigDecimal.valueOf(usage.inputTokens()));
        BigDecimal output = outputPerMillion.multiply(BigDecimal.valueOf(usage.outputTokens()));
        return input.add(output).divide(MILLION, 8, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
