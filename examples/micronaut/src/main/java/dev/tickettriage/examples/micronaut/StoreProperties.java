package dev.tickettriage.examples.micronaut;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code triage.store.*}: the in-memory store unless {@code jdbc-url} is set (H2, PostgreSQL or MariaDB), then the
 * JDBC store, which creates its tables on first start.
 */
@ConfigurationProperties("triage.store")
public record StoreProperties(@Nullable String jdbcUrl, @Nullable String username, @Nullable String password) {

    @Override
    public String toString() {
        return "StoreProperties[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password="
                + (password == null ? "none" : "****") + "]";
    }
}
