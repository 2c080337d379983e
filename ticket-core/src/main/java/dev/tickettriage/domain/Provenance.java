package dev.tickettriage.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who produced a classification and at what cost: classifier name, model, taxonomy and prompt versions, latency,
 * token usage, estimated cost in US dollars, and whether the answer came from a cache.
 *
 * <p>A {@linkplain #isCacheHit() cache hit} re-serves an answer a classifier produced earlier: it names that
 * classifier and model, but its tokens are {@link TokenUsage#NONE}, its cost zero and its latency that of the
 * lookup, so summing tokens or cost over stored classifications never counts a model call twice.
 *
 * <p>Absent values (model, prompt version, cost) are {@link Optional}s. Immutable and thread-safe; build with
 * {@link #of}, {@link #builder} or the constructor.
 */
public final class Provenance {

    private final String classifier;
    private final @Nullable String model;
    private final String taxonomyVersion;
    private final @Nullable String promptVersion;
    private final Duration latency;
    private final TokenUsage tokenUsage;
    private final @Nullable BigDecimal estimatedCostUsd;
    private final boolean cacheHit;

    /**
     * Provenance of a classifier call (not a cache hit).
     *
     * @param model            the model called, or {@code null} for none
     * @param promptVersion    the prompt's version, or {@code null} for none
     * @param estimatedCostUsd the call's estimated cost, or {@code null} when unknown or not applicable
     * @throws IllegalArgumentException when {@code classifier} is blank or {@code latency} negative
     */
    public Provenance(String classifier, @Nullable String model, String taxonomyVersion, @Nullable String promptVersion,
                      Duration latency, TokenUsage tokenUsage, @Nullable BigDecimal estimatedCostUsd) {
        this(classifier, model, taxonomyVersion, promptVersion, latency, tokenUsage, estimatedCostUsd, false);
    }

    private Provenance(String classifier, @Nullable String model, String taxonomyVersion, @Nullable String promptVersion,
                       Duration latency, TokenUsage tokenUsage, @Nullable BigDecimal estimatedCostUsd, boolean cacheHit) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.model = model;
        this.taxonomyVersion = Objects.requireNonNull(taxonomyVersion, "taxonomyVersion");
        this.promptVersion = promptVersion;
        this.latency = Objects.requireNonNull(latency, "latency");
        this.tokenUsage = Objects.requireNonNull(tokenUsage, "tokenUsage");
        this.estimatedCostUsd = estimatedCostUsd;
        this.cacheHit = cacheHit;
        if (classifier.isBlank()) throw new IllegalArgumentException("classifier must not be blank");
        if (latency.isNegative()) throw new IllegalArgumentException("latency must not be negative, was " + latency);
        if (cacheHit && (tokenUsage.totalTokens() != 0 || (estimatedCostUsd != null && estimatedCostUsd.signum() != 0))) {
            throw new IllegalArgumentException("a cache hit uses no tokens and costs nothing");
        }
    }

    /** Provenance for a classifier that calls no model and costs nothing. */
    public static Provenance of(String classifier, String taxonomyVersion, Duration latency) {
        return new Provenance(classifier, null, taxonomyVersion, null, latency, TokenUsage.NONE, null);
    }

    /** A builder starting from the two required values: latency zero, no tokens, no model, prompt or cost; not thread-safe. */
    public static Builder builder(String classifier, String taxonomyVersion) {
        return new Builder(classifier, taxonomyVersion);
    }

    /** A builder holding this provenance's values. */
    public Builder toBuilder() {
        Builder builder = new Builder(classifier, taxonomyVersion);
        builder.model = model;
        builder.promptVersion = promptVersion;
        builder.latency = latency;
        builder.tokenUsage = tokenUsage;
        builder.estimatedCostUsd = estimatedCostUsd;
        builder.cacheHit = cacheHit;
        return builder;
    }

    /** The name of the classifier that produced the labels (for a cache hit: the one that produced them first). */
    public String classifier() {
        return classifier;
    }

    /** The model called, if any. */
    public Optional<String> modelName() {
        return Optional.ofNullable(model);
    }

    public String taxonomyVersion() {
        return taxonomyVersion;
    }

    /** The prompt's version, if the classifier uses one. */
    public Optional<String> prompt() {
        return Optional.ofNullable(promptVersion);
    }

    /** How long the call (or, for a cache hit, the lookup) took. */
    public Duration latency() {
        return latency;
    }

    /** Tokens the call used; {@link TokenUsage#NONE} for a cache hit. */
    public TokenUsage tokenUsage() {
        return tokenUsage;
    }

    /** The estimated cost in US dollars, when known; zero for a cache hit of a priced call. */
    public Optional<BigDecimal> cost() {
        return Optional.ofNullable(estimatedCostUsd);
    }

    /** Whether this answer was served from a cache rather than by a classifier call. */
    public boolean isCacheHit() {
        return cacheHit;
    }

    public Provenance withLatency(Duration newLatency) {
        return new Provenance(classifier, model, taxonomyVersion, promptVersion, newLatency, tokenUsage, estimatedCostUsd, cacheHit);
    }

    /**
     * This provenance as a cache hit found in {@code lookupLatency}: same classifier, model, taxonomy and prompt; no
     * tokens; cost zero when the original call had one (else absent).
     */
    public Provenance asCacheHit(Duration lookupLatency) {
        return new Provenance(classifier, model, taxonomyVersion, promptVersion, lookupLatency, TokenUsage.NONE,
                estimatedCostUsd == null ? null : BigDecimal.ZERO, true);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) return true;
        if (!(other instanceof Provenance)) return false;
        Provenance that = (Provenance) other;
        return cacheHit == that.cacheHit && classifier.equals(that.classifier) && Objects.equals(model, that.model)
                && taxonomyVersion.equals(that.taxonomyVersion) && Objects.equals(promptVersion, that.promptVersion)
                && latency.equals(that.latency) && tokenUsage.equals(that.tokenUsage)
                && Objects.equals(estimatedCostUsd, that.estimatedCostUsd);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classifier, model, taxonomyVersion, promptVersion, latency, tokenUsage, estimatedCostUsd, cacheHit);
    }

    @Override
    public String toString() {
        return "Provenance[classifier=" + classifier + ", model=" + model + ", taxonomyVersion=" + taxonomyVersion
                + ", promptVersion=" + promptVersion + ", latency=" + latency + ", tokenUsage=" + tokenUsage
                + ", estimatedCostUsd=" + estimatedCostUsd + ", cacheHit=" + cacheHit + "]";
    }

    /** Builds a {@link Provenance}; not thread-safe. */
    public static final class Builder {
        private final String classifier;
        private final String taxonomyVersion;
        private @Nullable String model;
        private @Nullable String promptVersion;
        private Duration latency = Duration.ZERO;
        private TokenUsage tokenUsage = TokenUsage.NONE;
        private @Nullable BigDecimal estimatedCostUsd;
        private boolean cacheHit;

        private Builder(String classifier, String taxonomyVersion) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            this.taxonomyVersion = Objects.requireNonNull(taxonomyVersion, "taxonomyVersion");
        }

        /** The model called (default none). */
        public Builder model(String value) {
            this.model = Objects.requireNonNull(value, "model");
            return this;
        }

        /** The prompt's version (default none). */
        public Builder promptVersion(String value) {
            this.promptVersion = Objects.requireNonNull(value, "promptVersion");
            return this;
        }

        /** How long the call took (default zero). */
        public Builder latency(Duration value) {
            this.latency = Objects.requireNonNull(value, "latency");
            return this;
        }

        /** Tokens used (default {@link TokenUsage#NONE}). */
        public Builder tokenUsage(TokenUsage value) {
            this.tokenUsage = Objects.requireNonNull(value, "tokenUsage");
            return this;
        }

        /** The estimated cost in US dollars (default unknown). */
        public Builder estimatedCostUsd(BigDecimal value) {
            this.estimatedCostUsd = Objects.requireNonNull(value, "estimatedCostUsd");
            return this;
        }

        /** Marks the answer as served from a cache (default: a classifier call). */
        public Builder cacheHit() {
            this.cacheHit = true;
            return this;
        }

        /**
         * @throws IllegalArgumentException when the classifier name is blank, the latency negative, or a cache hit
         *                                  carries tokens or a non-zero cost
         */
        public Provenance build() {
            return new Provenance(classifier, model, taxonomyVersion, promptVersion, latency, tokenUsage, estimatedCostUsd, cacheHit);
        }
    }
}
