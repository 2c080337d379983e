package dev.tickettriage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcTicketRepositoryBuilderTest {

    @RegisterExtension
    static final TestDatabase DB = TestDatabase.h2();

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc_", "Triage_", "t; DROP TABLE x; --", "t-", "t\"", "a234567890123456789012345678901"})
    void should_reject_a_table_prefix_when_it_is_not_a_plain_identifier(String prefix) {
        assertThatThrownBy(() -> JdbcTicketRepository.builder(DB.dataSource()).tablePrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tablePrefix");
    }

    @Test
    void should_detect_the_dialect_from_the_connection_metadata() {
        JdbcTicketRepository repository = JdbcTicketRepository.builder(DB.dataSource()).tablePrefix("detect_").build();

        assertThat(repository.dialect()).isEqualTo(JdbcDialect.H2);
        assertThat(repository.tablePrefix()).isEqualTo("detect_");
        assertThat(repository).hasToString("JdbcTicketRepository[dialect=H2, tablePrefix=detect_]");
    }

    @Test
    void should_use_the_dialect_given_in_the_builder_without_asking_the_database() {
        HikariDataSource unreachable = new HikariDataSource();   // never opened: building must not connect

        JdbcTicketRepository repository = JdbcTicketRepository.builder(unreachable).dialect(JdbcDialect.POSTGRESQL).build();

        assertThat(repository.dialect()).isEqualTo(JdbcDialect.POSTGRESQL);
        unreachable.close();
    }

    @Test
    void should_reject_nulls_naming_the_argument() {
        assertThatThrownBy(() -> JdbcTicketRepository.builder(null)).hasMessage("dataSource");
        assertThatThrownBy(() -> JdbcTicketRepository.builder(DB.dataSource()).clock(null)).hasMessage("clock");
    }
}
