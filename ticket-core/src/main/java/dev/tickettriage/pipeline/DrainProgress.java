package dev.tickettriage.pipeline;

/** Told how far a drain has come: {@code done} tickets finished out of {@code total} unprocessed at the start (total may grow). */
@FunctionalInterface
public interface DrainProgress {

    DrainProgress NONE = (done, total) -> { };

    void onProgress(long done, long total);
}
