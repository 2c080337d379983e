package dev.tickettriage.domain;

/** The customer's graded mood, most negative first. Scores map to grades via {@link #fromScore(double)}. */
public enum Sentiment {
    VERY_NEGATIVE, NEGATIVE, NEUTRAL, POSITIVE, VERY_POSITIVE;

    /** Default cut-offs on the [-1, 1] score: below -0.6 very negative, below -0.15 negative, above 0.15 positive, above 0.6 very positive. */
    public static Sentiment fromScore(double score) {
        if (!(score >= -1 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [-1, 1], was " + score);
        }
        if (score <= -0.6) return VERY_NEGATIVE;
        if (score <= -0.15) return NEGATIVE;
        if (score < 0.15) return NEUTRAL;
        if (score < 0.6) return POSITIVE;
        return VERY_POSITIVE;
    }

    /** Whether this is NEGATIVE or VERY_NEGATIVE. */
    public boolean isNegative() {
        return this == NEGATIVE || this == VERY_NEGATIVE;
    }

    /** Whether this is at most (as negative as, or more than) {@code other}. */
    public boolean isAtMost(Sentiment other) {
        return compareTo(other) <= 0;
    }
}
