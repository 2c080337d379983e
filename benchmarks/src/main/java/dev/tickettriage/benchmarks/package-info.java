/** JMH benchmarks; not published. */
@NullMarked
package dev.tickettriage.benchmarks;

import org.jspecify.annotations.NullMarked;
