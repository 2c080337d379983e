package dev.tickettriage.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class OutboxDeliveryPostgresTest extends OutboxDeliveryChecks {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.postgres();

    @Override
    TestDatabase database() {
        return DB;
    }
}
