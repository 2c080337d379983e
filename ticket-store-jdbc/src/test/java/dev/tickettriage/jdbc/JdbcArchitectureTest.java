package dev.tickettriage.jdbc;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tickettriage.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

class JdbcArchitectureTest {

    @Test
    void should_use_only_core_api_jdk_sql_and_common_libraries() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tickettriage.jdbc");

        // org.postgresql: the driver API for LISTEN/NOTIFY, used only on PostgreSQL (a provided dependency)
        ArchitectureRules.adapterRules("dev.tickettriage.jdbc", "java.sql..", "javax.sql..", "org.postgresql..").check(classes);
    }
}
