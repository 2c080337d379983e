package dev.tickettriage.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcPipelineMariaDbTest extends JdbcPipelineChecks {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @Override
    TestDatabase database() {
        return DB;
    }
}
