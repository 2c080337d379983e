package dev.tickettriage.examples.micronaut;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StorePropertiesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:h2:file:./data/triage                          | jdbc:h2:file:./data/triage;DB_CLOSE_ON_EXIT=FALSE",
            "JDBC:H2:mem:x;MODE=PostgreSQL                       | JDBC:H2:mem:x;MODE=PostgreSQL;DB_CLOSE_ON_EXIT=FALSE",
            "jdbc:h2:file:./t;db_close_on_exit=true              | jdbc:h2:file:./t;db_close_on_exit=true",
            "jdbc:postgresql://127.0.0.1:5432/test               | jdbc:postgresql://127.0.0.1:5432/test",
    })
    void h2_leaves_closing_to_the_application_context(String configured, String used) {
        assertThat(JdbcStoreFactory.jdbcUrl(configured)).isEqualTo(used);
    }

    @Test
    void passwords_never_show() {
        String shown = new StoreProperties("jdbc:postgresql://db/test?user=app&password=s3cret-url", "app", "s3cret-prop").toString();

        assertThat(shown).contains("jdbc:postgresql://db/test").doesNotContain("s3cret");
    }
}
