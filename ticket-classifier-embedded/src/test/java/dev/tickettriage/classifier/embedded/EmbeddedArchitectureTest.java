package dev.tickettriage.classifier.embedded;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tickettriage.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

class EmbeddedArchitectureTest {

    @Test
    void should_follow_the_adapter_rules() {
        // besides the core API: core's io readers (training files), eval (corrections as labelled examples), ONNX Runtime, DJL
        ArchitectureRules.adapterRules("dev.tickettriage.classifier.embedded", "dev.tickettriage.io..", "dev.tickettriage.eval..",
                        "ai.onnxruntime..", "ai.djl..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.tickettriage.classifier.embedded"));
    }
}
