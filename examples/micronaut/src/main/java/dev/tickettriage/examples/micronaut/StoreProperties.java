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
        // a URL may carry a password in its settings (?password=..., ;PASSWORD=...): show only what precedes them
        String url = jdbcUrl == null ? "none" : jdbcUrl.replaceFirst("[?;].*", "?****");
        return "StoreProperties[jdbcUrl=" + url + ", username=" + username + ", password="
                + Settings.masked(password) + "]";
    }
}
