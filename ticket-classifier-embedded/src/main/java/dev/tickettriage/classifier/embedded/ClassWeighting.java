package dev.tickettriage.classifier.embedded;

/** How training weighs examples of frequent and rare labels. */
public enum ClassWeighting {
    /** Every example counts the same: frequent labels dominate. */
    NONE,
    /** Each label's examples together weigh the same ({@code n / (labels * count)} per example), so rare labels are not drowned out. */
    BALANCED
}
