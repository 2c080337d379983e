package dev.tickettriage.classifier.embedded;

/**
 * The features of one text: a dense part (the sentence vector, possibly empty) and a sparse part (hashed character
 * n-gram buckets, sorted, with their values). Arrays are owned by the row and never changed after construction.
 */
record FeatureRow(float[] dense, int[] indices, float[] values) {
}
