/**
 * Spring Boot auto-configuration for ticket-triage: one {@link dev.tickettriage.TicketTriage} bean built from
 * {@code ticket-triage.*} properties ({@link dev.tickettriage.spring.TicketTriageProperties}), started when the
 * context is refreshed and closed on shutdown, with Actuator health indicators and Micrometer metrics when those
 * are on the classpath.
 */
@NullMarked
package dev.tickettriage.spring;

import org.jspecify.annotations.NullMarked;
