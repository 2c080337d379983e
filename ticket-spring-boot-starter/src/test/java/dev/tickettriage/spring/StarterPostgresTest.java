package dev.tickettriage.spring;

import dev.tickettriage.jdbc.JdbcDialect;
import org.junit.jupiter.api.extension.RegisterExtension;

class StarterPostgresTest extends StarterJdbcChecks {

    @RegisterExtension
    static final ExternalDatabase DB = ExternalDatabase.postgres();

    @Override
    ExternalDatabase database() {
        return DB;
    }

    @Override
    JdbcDialect dialect() {
        return JdbcDialect.POSTGRESQL;
    }

    @Override
    String tablePrefix() {
        return "starter_pg_";
    }
}
