/**
 * The quickstart: triages a bundled sample, or a CSV/JSONL file or stdin, offline with the rule
 * classifier and the in-memory store, and prints a table, JSONL or CSV. Entry point {@link
 * dev.tickettriage.examples.quickstart.QuickstartApp}.
 */
@NullMarked
package dev.tickettriage.examples.quickstart;

import org.jspecify.annotations.NullMarked;
