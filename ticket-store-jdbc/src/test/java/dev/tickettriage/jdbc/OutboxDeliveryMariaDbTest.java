package dev.tickettriage.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class OutboxDeliveryMariaDbTest extends OutboxDeliveryChecks {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.mariadb();

    @Override
    TestDatabase database() {
        return DB;
    }
}
