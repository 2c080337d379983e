/**
 * The embedded default classifier ({@link dev.tickettriage.classifier.RuleClassifier}: keyword, phrase and
 * regex rules, a sentiment lexicon, priority cues and language detection for English and Spanish) and
 * composition helpers ({@link dev.tickettriage.classifier.Classifiers}: first-confident, fallback, cache).
 */
@NullMarked
package dev.tickettriage.classifier;

import org.jspecify.annotations.NullMarked;
