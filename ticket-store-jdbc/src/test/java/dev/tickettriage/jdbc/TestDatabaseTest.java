package dev.tickettriage.jdbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class TestDatabaseTest {

    private static final String NOBODY_LISTENS = "jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2";

    @Test
    void should_skip_with_a_message_when_the_server_is_down_on_a_laptop() {
        assertThatThrownBy(() -> TestDatabase.connectOrSkip(JdbcDialect.POSTGRESQL, NOBODY_LISTENS, "postgres", false))
                .isInstanceOf(TestAbortedException.class).hasMessageContaining("not reachable").hasMessageContaining("skipping");
    }

    @Test
    void should_fail_instead_of_skipping_when_the_server_is_down_under_ci() {
        assertThatThrownBy(() -> TestDatabase.connectOrSkip(JdbcDialect.POSTGRESQL, NOBODY_LISTENS, "postgres", true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CI=true");
    }
}
