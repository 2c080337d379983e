package dev.tickettriage.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcStoreH2Test extends JdbcStoreChecks {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @Override
    TestDatabase database() {
        return DB;
    }
}
