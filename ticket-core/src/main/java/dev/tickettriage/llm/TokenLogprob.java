package dev.tickettriage.llm;

import java.util.Objects;

/** One generated token and its natural-log probability, as providers return with {@code logprobs: true}. */
public record TokenLogprob(String token, double logprob) {

    public TokenLogprob {
        Objects.requireNonNull(token, "token");
        if (Double.isNaN(logprob) || logprob > 0) throw new IllegalArgumentException("logprob must be <= 0, was " + logprob);
    }

    @Override
    public String toString() {
        return "TokenLogprob[chars=" + token.length() + ", logprob=" + logprob + "]";
    }
}
