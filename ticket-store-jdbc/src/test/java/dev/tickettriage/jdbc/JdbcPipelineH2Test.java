package dev.tickettriage.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcPipelineH2Test extends JdbcPipelineChecks {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    TestDatabase database() {
        return DB;
    }
}
