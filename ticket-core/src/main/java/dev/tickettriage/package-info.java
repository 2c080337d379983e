/** The ticket-triage entry points: the pipeline facade and taxonomy files ({@link dev.tickettriage.TaxonomyJson}). */
@NullMarked
package dev.tickettriage;

import org.jspecify.annotations.NullMarked;
