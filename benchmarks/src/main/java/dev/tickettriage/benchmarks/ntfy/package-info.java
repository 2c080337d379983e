/** ntfy dispatch harness: a local mock ntfy with fixed latency, driven directly and through the pipeline's outbox dispatcher. */
@NullMarked
package dev.tickettriage.benchmarks.ntfy;

import org.jspecify.annotations.NullMarked;
