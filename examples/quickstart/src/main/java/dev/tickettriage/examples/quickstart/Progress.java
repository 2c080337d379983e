package dev.tickettriage.examples.quickstart;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Progress for large inputs, on stderr only: nothing until more than {@link #THRESHOLD_ROWS} rows were
 * read, then at most one update per second. On a terminal the line is rewritten in place; otherwise each
 * update is its own line. Not thread-safe.
 */
final class Progress {

    static final long THRESHOLD_ROWS = 1_000;
    private static final long INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private final PrintStream err;
    private final boolean enabled;
    private final boolean interactive;
    private final LongSupplier nanoTime;
    private final long start;
    private long lastPrint;
    private boolean printed;

    Progress(PrintStream err, boolean enabled, boolean interactive, LongSupplier nanoTime) {
        this.err = Objects.requireNonNull(err, "err");
        this.enabled = enabled;
        this.interactive = interactive;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.start = nanoTime.getAsLong();
    }

    /** Reports that {@code rows} input rows have been read and triaged so far. */
    void update(long rows) {
        if (!enabled || rows <= THRESHOLD_ROWS) return;
        long now = nanoTime.getAsLong();
        if (printed && now - lastPrint < INTERVAL_NANOS) return;
        lastPrint = now;
        printed = true;
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        String line = String.format(Locale.ROOT, "progress: %,d rows triaged (%,.0f rows/s)", rows, rows / seconds);
        if (interactive) {
            err.print("\r" + line);
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends an in-place progress line so later messages start on a fresh line. */
    void finish() {
        if (printed && interactive) {
            err.println();
        }
    }
}
