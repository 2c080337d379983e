/** Embedded defaults: the in-memory ticket store and outbox, and a logging notifier. */
@NullMarked
package dev.tickettriage.memory;

import org.jspecify.annotations.NullMarked;
