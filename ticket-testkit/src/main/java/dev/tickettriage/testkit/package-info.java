/**
 * Test support for ticket-triage and its adapters: contract suites every implementation must pass, fakes,
 * fixtures and AssertJ assertions.
 */
@NullMarked
package dev.tickettriage.testkit;

import org.jspecify.annotations.NullMarked;
