package dev.tickettriage.webhook;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tickettriage.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

class WebhookArchitectureTest {

    @Test
    void should_follow_the_adapter_rules() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tickettriage.webhook");
        ArchitectureRules.adapterRules("dev.tickettriage.webhook", "okhttp3..", "okio..", "kotlin..").check(classes);
    }
}
