package dev.tickettriage.classifier.embedded;

/** How token vectors become one sentence vector. */
public enum Pooling {
    /** The first token's vector ({@code [CLS]}), as BGE models are trained. */
    CLS,
    /** The mean over real (non-padding) tokens, as sentence-transformers MiniLM models are trained. */
    MEAN
}
