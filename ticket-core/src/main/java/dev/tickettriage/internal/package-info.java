/** Helpers shared by core and adapters; not API, may change in any release. */
@NullMarked
package dev.tickettriage.internal;

import org.jspecify.annotations.NullMarked;
