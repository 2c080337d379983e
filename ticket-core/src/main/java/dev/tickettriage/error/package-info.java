/** The exceptions ticket-triage throws: {@link dev.tickettriage.error.TriageException} and its subclasses. */
@NullMarked
package dev.tickettriage.error;

import org.jspecify.annotations.NullMarked;
