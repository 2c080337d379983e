/**
 * Test support for ticket-triage users and adapters: contract suites, fakes, fixtures and AssertJ
 * assertions such as {@link dev.tickettriage.testkit.RuleAssertions}.
 */
@NullMarked
package dev.tickettriage.testkit;

import org.jspecify.annotations.NullMarked;
