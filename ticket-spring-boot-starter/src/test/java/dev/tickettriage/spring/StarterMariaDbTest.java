package dev.tickettriage.spring;

import dev.tickettriage.jdbc.JdbcDialect;
import org.junit.jupiter.api.extension.RegisterExtension;

class StarterMariaDbTest extends StarterJdbcChecks {

    @RegisterExtension
    static final ExternalDatabase DB = ExternalDatabase.mariadb();

    @Override
    ExternalDatabase database() {
        return DB;
    }

    @Override
    JdbcDialect dialect() {
        return JdbcDialect.MARIADB;
    }

    @Override
    String tablePrefix() {
        return "starter_mdb_";
    }
}
