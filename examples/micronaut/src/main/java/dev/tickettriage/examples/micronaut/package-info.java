/**
 * A Micronaut 4 REST service on ticket-triage: the {@code TriageFactory} builds the library's facade from
 * application properties, the controller maps it onto HTTP, and errors leave as RFC 9457 problem+json.
 */
@NullMarked
package dev.tickettriage.examples.micronaut;

import org.jspecify.annotations.NullMarked;
