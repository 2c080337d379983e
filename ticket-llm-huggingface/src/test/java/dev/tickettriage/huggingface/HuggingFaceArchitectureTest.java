package dev.tickettriage.huggingface;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tickettriage.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The adapter rules, with one deliberate extra: the chat paths use the OpenAI module's public package
 * {@code dev.tickettriage.openai} (exactly that package, so never {@code dev.tickettriage.openai.internal}) and the
 * core rule classifier's public API for the task mode's local fields.
 */
class HuggingFaceArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tickettriage.huggingface");

    @Test
    void should_follow_the_adapter_rules() {
        ArchitectureRules.adapterRules("dev.tickettriage.huggingface", "okhttp3..", "okio..", "kotlin..", "dev.tickettriage.openai",
                "dev.tickettriage.classifier").check(CLASSES);
    }

    @Test
    void should_never_use_the_openai_module_internals() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.tickettriage.openai.internal..")
                .because("adapters use each other's public API only").check(CLASSES);
    }
}
