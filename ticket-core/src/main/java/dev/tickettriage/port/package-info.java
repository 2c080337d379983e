/**
 * The ports: what ticket-triage needs from the outside world ({@link dev.tickettriage.port.TicketRepository},
 * {@link dev.tickettriage.port.NotificationOutbox}, {@link dev.tickettriage.port.Classifier},
 * {@link dev.tickettriage.port.Notifier}) and what it tells it ({@link dev.tickettriage.port.TriageListener}).
 */
@NullMarked
package dev.tickettriage.port;

import org.jspecify.annotations.NullMarked;
