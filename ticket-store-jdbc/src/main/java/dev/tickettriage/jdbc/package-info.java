/**
 * The JDBC store: {@link dev.tickettriage.jdbc.JdbcTicketRepository}, a durable {@code TicketRepository} and
 * {@code NotificationOutbox} on H2, PostgreSQL and MariaDB that several service instances can share.
 */
@NullMarked
package dev.tickettriage.jdbc;

import org.jspecify.annotations.NullMarked;
