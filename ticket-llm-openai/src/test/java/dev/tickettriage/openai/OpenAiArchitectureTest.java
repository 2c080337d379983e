package dev.tickettriage.openai;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tickettriage.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

class OpenAiArchitectureTest {

    @Test
    void should_follow_the_adapter_rules() {
        ArchitectureRules.adapterRules("dev.tickettriage.openai", "okhttp3..", "okio..", "kotlin..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.tickettriage.openai"));
    }
}
