package dev.tickettriage.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class MultiProcessPostgresTest extends MultiProcessChecks {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @Override
    TestDatabase database() {
        return DB;
    }
}
