package dev.tickettriage.domain;

import java.util.Objects;

/** An alternative category with its score in [0, 1]; used for top-k alternatives. */
public record ScoredCategory(Category category, double score) {

    public ScoredCategory {
        Objects.requireNonNull(category, "category");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], was " + score);
        }
    }
}
