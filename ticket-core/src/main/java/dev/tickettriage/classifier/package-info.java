/**
 * The embedded default classifier ({@link dev.tickettriage.classifier.RuleClassifier}: keyword, phrase and
 * regex rules, a sentiment lexicon, priority cues and language detection for English and Spanish) and
 * composition helpers ({@link dev.tickettriage.classifier.Classifiers}: first-confident, fallback, cache), and token and
 * cost budgets ({@link dev.tickettriage.classifier.ClassifierBudget}, {@link dev.tickettriage.classifier.BudgetedClassifier}).
 */
@NullMarked
package dev.tickettriage.classifier;

import org.jspecify.annotations.NullMarked;
