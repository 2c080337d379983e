/** JMH benchmarks and load harnesses for ticket-triage; not published. */
package dev.tickettriage.benchmarks;
