package dev.tickettriage.jdbc;

/**
 * The databases the JDBC store speaks. Normally detected from the connection's {@code DatabaseMetaData};
 * set one with {@link JdbcTicketRepository.Builder#dialect(JdbcDialect)} to skip detection.
 */
public enum JdbcDialect {
    /** H2 2.x, in memory or in a file (the embedded default). */
    H2,
    /** PostgreSQL 12 or later. */
    POSTGRESQL,
    /** MariaDB 10.6 or later. */
    MARIADB
}
