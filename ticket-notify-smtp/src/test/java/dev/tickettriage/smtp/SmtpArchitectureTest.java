package dev.tickettriage.smtp;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tickettriage.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

class SmtpArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.tickettriage.smtp");

    @Test
    void should_follow_the_adapter_rules() {
        ArchitectureRules.adapterRules("dev.tickettriage.smtp", "jakarta.mail..", "org.eclipse.angus..").check(CLASSES);
    }
}
