package dev.tickettriage.examples.quickstart;

/** Writes triage results to stdout in one format, in input order. Not thread-safe. */
interface ResultWriter {

    /** Called once before the first result (a table prints its header here). */
    void begin();

    void write(TriageResult result);

    /** Called once after the last result; flushes. */
    void end();
}
