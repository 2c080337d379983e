package dev.tickettriage.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who produced a classification and at what cost: classifier name, model, taxonomy and prompt
 * versions, latency, token usage and estimated cost in US dollars.
 */
public record Provenance(String classifier, @Nullable String model, String taxonomyVersion, @Nullable String promptVersion,
                         Duration latency, TokenUsage tokenUsage, @Nullable BigDecimal estimatedCostUsd) {

    public Provenance {
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(taxonomyVersion, "taxonomyVersion");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(tokenUsage, "tokenUsage");
        if (classifier.isBlank()) throw new IllegalArgumentException("classifier must not be blank");
        if (latency.isNegative()) throw new IllegalArgumentException("latency must not be negative, was " + latency);
    }

    /** Provenance for a classifier that calls no model and costs nothing. */
    public static Provenance of(String classifier, String taxonomyVersion, Duration latency) {
        return new Provenance(classifier, null, taxonomyVersion, null, latency, TokenUsage.NONE, null);
    }

    public Optional<String> modelName() {
        return Optional.ofNullable(model);
    }

    public Optional<String> prompt() {
        return Optional.ofNullable(promptVersion);
    }

    public Optional<BigDecimal> cost() {
        return Optional.ofNullable(estimatedCostUsd);
    }

    public Provenance withLatency(Duration newLatency) {
        return new Provenance(classifier, model, taxonomyVersion, promptVersion, newLatency, tokenUsage, estimatedCostUsd);
    }
}
