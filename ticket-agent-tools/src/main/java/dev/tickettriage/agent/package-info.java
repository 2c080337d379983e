/**
 * LangChain4j tools over the {@link dev.tickettriage.TicketTriage} facade: {@link dev.tickettriage.agent.TicketTools}
 * lets an AiServices assistant search, read, create, update and count tickets, every call going through the facade
 * (validation, audit trail, events).
 */
@NullMarked
package dev.tickettriage.agent;

import org.jspecify.annotations.NullMarked;
