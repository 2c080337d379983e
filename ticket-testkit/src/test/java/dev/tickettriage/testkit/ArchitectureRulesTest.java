package dev.tickettriage.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureRulesTest {

    private static JavaClasses memory;
    private static JavaClasses testkit;

    @BeforeAll
    static void importClasses() {
        ClassFileImporter importer = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        memory = importer.importPackages("dev.tickettriage.memory");
        testkit = importer.importPackages("dev.tickettriage.testkit");
    }

    @Test
    void should_pass_when_adapter_uses_only_core_api_and_common_libraries() {
        // the in-memory store is an adapter that lives in core: it must satisfy every adapter rule
        assertThatCode(() -> ArchitectureRules.adapterRules("dev.tickettriage.memory").check(memory)).doesNotThrowAnyException();
    }

    @Test
    void should_fail_when_adapter_uses_a_library_that_is_not_allowed() {
        assertThatThrownBy(() -> ArchitectureRules.dependsOnlyOnAllowedPackages("dev.tickettriage.testkit").check(testkit))
                .isInstanceOf(AssertionError.class).hasMessageContaining("org.junit");
    }

    @Test
    void should_pass_when_extra_packages_allow_the_libraries() {
        assertThatCode(() -> ArchitectureRules.dependsOnlyOnAllowedPackages("dev.tickettriage.testkit",
                "dev.tickettriage.rules..", "dev.tickettriage.eval..", "org.junit..", "org.assertj..", "org.awaitility..", "com.tngtech.archunit..").check(testkit))
                .doesNotThrowAnyException();
    }

    @Test
    void should_fail_when_public_class_is_not_final() {
        // the contract suites are public abstract classes, which an adapter's surface must not have
        assertThatThrownBy(() -> ArchitectureRules.publicClassesAreFinal("dev.tickettriage.testkit").check(testkit))
                .isInstanceOf(AssertionError.class).hasMessageContaining("NotifierContract");
    }

    @Test
    void should_reject_package_pattern_instead_of_package_name() {
        assertThatThrownBy(() -> ArchitectureRules.adapterRules("dev.tickettriage.ntfy.."))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
