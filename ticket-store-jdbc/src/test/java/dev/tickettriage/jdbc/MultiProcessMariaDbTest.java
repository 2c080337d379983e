package dev.tickettriage.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class MultiProcessMariaDbTest extends MultiProcessChecks {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @Override
    TestDatabase database() {
        return DB;
    }
}
