/**
 * Test support for ticket-triage and its adapters: fakes ({@link dev.tickettriage.testkit.ScriptedClassifier},
 * {@link dev.tickettriage.testkit.RecordingNotifier}, {@link dev.tickettriage.testkit.MutableClock}), test data
 * ({@link dev.tickettriage.testkit.TicketFixtures}), fluent rule assertions
 * ({@link dev.tickettriage.testkit.RuleAssertions}), evaluation assertions
 * ({@link dev.tickettriage.testkit.EvaluationAssertions}), the contract suites every port implementation must pass
 * (for example {@link dev.tickettriage.testkit.ClassifierContract})
 * and reusable ArchUnit rules ({@link dev.tickettriage.testkit.ArchitectureRules}).
 */
@NullMarked
package dev.tickettriage.testkit;

import org.jspecify.annotations.NullMarked;
