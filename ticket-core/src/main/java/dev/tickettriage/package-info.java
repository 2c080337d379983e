/**
 * ticket-triage: classify, store, route and notify customer-support tickets. Start with
 * {@link dev.tickettriage.TicketTriage#builder()}.
 */
@NullMarked
package dev.tickettriage;

import org.jspecify.annotations.NullMarked;
