package dev.tickettriage.domain;

/** Where a confidence figure came from, so hosts can weigh a model's self-report against a measured one. */
public enum ConfidenceSource {
    /** Deterministic rule strength (rule classifier). */
    RULE,
    /** A model's own stated confidence. */
    MODEL,
    /** Derived from token log-probabilities. */
    LOGPROB,
    /** Embedding or nearest-neighbour similarity. */
    SIMILARITY
}
