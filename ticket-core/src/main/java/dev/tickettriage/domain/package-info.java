/**
 * The domain: {@link dev.tickettriage.domain.Ticket}, {@link dev.tickettriage.domain.Classification},
 * {@link dev.tickettriage.domain.Taxonomy} and their value types. Pure values; no I/O.
 */
@NullMarked
package dev.tickettriage.domain;

import org.jspecify.annotations.NullMarked;
