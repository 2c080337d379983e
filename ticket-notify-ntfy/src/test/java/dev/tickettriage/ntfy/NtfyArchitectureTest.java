package dev.tickettriage.ntfy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tickettriage.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

class NtfyArchitectureTest {

    @Test
    void should_follow_the_adapter_rules() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tickettriage.ntfy");
        ArchitectureRules.adapterRules("dev.tickettriage.ntfy", "okhttp3..", "okio..", "kotlin..").check(classes);
    }
}
